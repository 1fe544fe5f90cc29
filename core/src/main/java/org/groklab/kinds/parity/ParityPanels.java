package org.groklab.kinds.parity;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.groklab.io.AtomicFiles;
import org.groklab.measure.Kde;
import org.groklab.measure.Tsne;
import org.groklab.spec.RunSpec;
import org.groklab.spec.SpecLoader;

/**
 * The data behind the thesis's density and t-SNE panels (Figures 2.2-2.4) of one parity run, computed from its
 * snapshots and written to {@code analysis/parity-panels.json} before anything is drawn: for each chosen
 * snapshot, the Gaussian KDE of the output weights (Scott's bandwidth, 200 points over ±3 bandwidths beyond the
 * data) and the t-SNE coordinates of the hidden activations with each point's pattern of the first k bits.
 */
public final class ParityPanels {
    public static final String FILE = "analysis/parity-panels.json";

    /** One panel pair: the density of the output weights and the t-SNE map, at one snapshot. */
    public record Panel(long step, double epoch, int k, double[] kdeX, double[] kdeDensity, double[] tsne,
                        int[] pattern) {
    }

    private ParityPanels() {
    }

    /** Computes the panels of the snapshots nearest the thesis's epochs and writes them; none without snapshots. */
    public static List<Panel> write(Path runDir, RunSpec spec, RunMetrics m) {
        TreeMap<Long, Path> snaps = Snapshots.list(runDir);
        if (snaps.isEmpty() || m.rows() == 0) {
            return List.of();
        }
        long perEpoch = ParityMeasures.stepsPerEpoch(spec);
        double lastEpoch = m.epochs()[m.rows() - 1];
        List<Long> steps = Snapshots.nearest(snaps, ParityFigures.spanSteps(m.memorizationEpoch(spec),
                m.generalizationEpoch(spec), lastEpoch, perEpoch));
        List<Panel> panels;
        try {
            // each panel's t-SNE (most of a parity run's figure time) on its own: in parallel when cores are free,
            // the list in the snapshots' order, each panel the same bits whichever thread computed it
            panels = steps.parallelStream().map(step -> panelOf(snaps.get(step))).toList();
            Path file = runDir.resolve(FILE);
            Files.createDirectories(file.getParent());
            AtomicFiles.writeString(file, SpecLoader.JSON.writeValueAsString(panels) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return panels;
    }

    /** The panels a run's analysis wrote. */
    public static List<Panel> read(Path runDir) throws IOException {
        return SpecLoader.JSON.readValue(runDir.resolve(FILE).toFile(), new TypeReference<List<Panel>>() { });
    }

    private static Panel panelOf(Path snapshot) {
        try {
            return panel(Snapshots.read(snapshot));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Panel panel(Snapshots.Snapshot s) {
        double[] w = new double[s.outputWeights().length];
        for (int i = 0; i < w.length; i++) {
            w[i] = s.outputWeights()[i];
        }
        Kde kde = Kde.scott(w);
        double[] xs = kde.grid(200, 3);
        double[] coords = Tsne.defaults().embed(s.hidden(), s.rows(), s.width());
        int[] pattern = new int[s.rows()];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = s.pattern(i);
        }
        return new Panel(s.step(), s.epoch(), s.k(), xs, kde.density(xs), coords, pattern);
    }
}
