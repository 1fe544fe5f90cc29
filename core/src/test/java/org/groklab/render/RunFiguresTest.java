package org.groklab.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.groklab.io.TreeCopy;
import org.groklab.run.Runner;
import org.groklab.spec.SpecLoader;
import org.groklab.train.Progress;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A run's figures drawn with the learning curves on a second thread are the serial drawing's files, byte for byte. */
class RunFiguresTest {

    @ParameterizedTest
    @CsvSource({"quick-modadd, train.steps=200", "quick-parity, train.steps=200 snapshots.every=100"})
    void drawingAlongsideWritesTheSameFilesAsDrawingInTurn(String preset, String sets, @TempDir Path tmp)
            throws IOException {
        Path serial = tmp.resolve("serial");
        Runner.train(SpecLoader.load(preset, null, List.of(sets.split(" "))), serial, Progress.NONE);
        Path alongside = tmp.resolve("alongside");
        TreeCopy.copy(serial, alongside);

        List<Path> inTurn = RunFigures.draw(serial, true);
        List<Path> together = RunFigures.drawAlongside(alongside, true);

        assertTrue(inTurn.size() >= 8, "the learning curves and the kind's figures, PNG and SVG: " + inTurn);
        assertEquals(inTurn.stream().map(p -> serial.relativize(p).toString()).toList(),
                together.stream().map(p -> alongside.relativize(p).toString()).toList(), "the same files, in order");
        for (Path p : inTurn) {
            assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(alongside.resolve(serial.relativize(p))),
                    serial.relativize(p).toString());
        }
    }
}
