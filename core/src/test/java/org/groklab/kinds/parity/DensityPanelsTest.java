package org.groklab.kinds.parity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The density panels share one scale, so that the weight distributions compare across epochs. */
class DensityPanelsTest {
    static ParityPanels.Panel panel(double epoch, double[] x, double[] d) {
        return new ParityPanels.Panel((long) epoch * 10, epoch, 2, x, d, new double[0], new int[0]);
    }

    @Test
    void everyPanelHasTheSameRange() throws Exception {
        List<ParityPanels.Panel> panels = List.of(panel(10, new double[] {-0.7, 0, 0.6}, new double[] {0, 1.3, 0}),
                panel(150, new double[] {-0.8, 0, 1.1}, new double[] {0, 1.6, 0}));
        assertArrayEquals(new double[] {-0.8, 1.1, 1.6 * 1.05}, ParityFigures.densityRange(panels), 1e-12);
    }

    @Test
    void theFigureIsDrawn(@TempDir Path tmp) throws Exception {
        List<ParityPanels.Panel> panels = List.of(panel(10, new double[] {-0.7, 0, 0.6}, new double[] {0, 1.3, 0}),
                panel(150, new double[] {-0.8, 0, 1.1}, new double[] {0, 1.6, 0}));
        List<Path> files = ParityFigures.densities(tmp, panels, false);
        assertEquals(2 * ParityFigures.PANEL, ImageIO.read(files.get(0).toFile()).getWidth());
    }
}
