package org.groklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.groklab.sweep.SweepPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
    @Test
    void theShapesComeFromTheSharedListAndEachNamesALayoutAndThreeSizes() {
        List<String> shapes = BenchCommand.shapes();
        assertTrue(shapes.size() >= 25, "every product of the presets' steps: " + shapes.size());
        assertEquals("square-1024 mm 1024 1024 1024", shapes.get(0));
        for (String line : shapes) {
            String[] f = line.split(" ");
            assertEquals(5, f.length, line);
            assertTrue(Set.of("mm", "tA", "tB").contains(f[1]), line);
            for (int i = 2; i < 5; i++) {
                assertTrue(Integer.parseInt(f[i]) > 0, line);
            }
        }
    }

    @Test
    void theSmallSweepPlansEightRunsOfQuickModadd(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sweep.yaml");
        Files.writeString(file, SweepSpeed.SPEC);
        SweepPlan plan = SweepPlan.of(file);
        assertEquals(8, plan.runs().size());
    }
}
