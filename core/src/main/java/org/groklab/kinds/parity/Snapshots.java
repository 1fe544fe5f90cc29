package org.groklab.kinds.parity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.groklab.data.Batch;
import org.groklab.run.Safetensors;
import org.groklab.data.Split;
import org.groklab.spec.RunSpec;

/**
 * Snapshots of a parity run, {@code snapshots/step-N.safetensors} (spec section {@code snapshots}), for the thesis's
 * density estimates of the output weights and t-SNE maps of the hidden activations (shared/seeds/003, Figures
 * 2.2 and 2.3):
 * <pre>
 * W2       [1 × width]   the output weights
 * hidden   [N × width]   relu(W1 x + b1) for every training input, in split order
 * first_k  [N × k]       the first k bits of each training input (the t-SNE colours)
 * labels   [N]           the labels trained on (after label noise)
 * </pre>
 * The metadata holds the step, the epoch and the run id.
 */
public final class Snapshots {
    public static final String DIR = "snapshots";

    private Snapshots() {
    }

    /** One snapshot as read back. */
    public record Snapshot(long step, double epoch, float[] outputWeights, float[] hidden, int width, float[] firstK,
                           int k, float[] labels) {
        public int rows() {
            return labels.length;
        }

        /** The first k bits of row i as a class 0..2^k-1 (bit 0 most significant; a bit counts 1 when positive). */
        public int pattern(int i) {
            int c = 0;
            for (int j = 0; j < k; j++) {
                c = (c << 1) | (firstK[i * k + j] > 0 ? 1 : 0);
            }
            return c;
        }
    }

    public static Path file(Path runDir, long step) {
        return runDir.resolve(DIR).resolve("step-" + step + ".safetensors");
    }

    public static void write(Path runDir, long step, String runId, RunSpec spec, ParityMlp model, Split split) {
        Batch train = split.trainBatch();
        int k = ParityKind.task(spec).k();
        int n = train.dim();
        float[] hidden = model.hidden(train).get("h1");
        float[] firstK = new float[train.size() * k];
        float[] labels = new float[train.size()];
        for (int i = 0; i < train.size(); i++) {
            System.arraycopy(train.features(), i * n, firstK, i * k, k);
            labels[i] = train.labels()[i];
        }
        List<Safetensors.Tensor> tensors = List.of(
                new Safetensors.Tensor("W2", new int[] {1, model.width()}, model.w2().data()),
                new Safetensors.Tensor("hidden", new int[] {train.size(), model.width()}, hidden),
                new Safetensors.Tensor("first_k", new int[] {train.size(), k}, firstK),
                new Safetensors.Tensor("labels", new int[] {train.size()}, labels));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "groklab-parity-snapshot");
        meta.put("run_id", runId);
        meta.put("step", Long.toString(step));
        meta.put("epoch", Double.toString((double) step / ParityMeasures.stepsPerEpoch(spec)));
        try {
            Files.createDirectories(runDir.resolve(DIR));
            Safetensors.write(file(runDir, step), tensors, meta);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Snapshot read(Path file) throws IOException {
        Safetensors.Loaded l = Safetensors.read(file);
        Safetensors.Tensor w2 = l.tensors().get("W2");
        Safetensors.Tensor hidden = l.tensors().get("hidden");
        Safetensors.Tensor firstK = l.tensors().get("first_k");
        Safetensors.Tensor labels = l.tensors().get("labels");
        if (w2 == null || hidden == null || firstK == null || labels == null) {
            throw new IOException(file + " is not a parity snapshot (needs W2, hidden, first_k, labels)");
        }
        return new Snapshot(Long.parseLong(l.metadata().get("step")), Double.parseDouble(l.metadata().get("epoch")),
                w2.data(), hidden.data(), hidden.shape()[1], firstK.data(), firstK.shape()[1], labels.data());
    }

    /** The snapshot files of a run by step (empty when it has none). */
    public static TreeMap<Long, Path> list(Path runDir) {
        TreeMap<Long, Path> out = new TreeMap<>();
        Path dir = runDir.resolve(DIR);
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith("step-") && name.endsWith(".safetensors")) {
                    out.put(Long.parseLong(name.substring(5, name.length() - ".safetensors".length())), p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The steps of {@code available} nearest to each wanted step (duplicates removed, in order). */
    public static List<Long> nearest(TreeMap<Long, Path> available, List<Long> wanted) {
        List<Long> out = new ArrayList<>();
        for (long w : wanted) {
            Long lo = available.floorKey(w);
            Long hi = available.ceilingKey(w);
            Long pick = lo == null ? hi : hi == null ? lo : (w - lo <= hi - w ? lo : hi);
            if (pick != null && !out.contains(pick)) {
                out.add(pick);
            }
        }
        return out;
    }
}
