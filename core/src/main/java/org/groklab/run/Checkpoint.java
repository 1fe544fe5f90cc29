package org.groklab.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.groklab.model.Model;
import org.groklab.model.Param;
import org.groklab.optim.Optimizer;

/**
 * Model parameters under their names, then optimizer state as {@code optimizer.<kind>.<param>}, in one
 * safetensors file, each tensor in its own precision (F32, or F64 for float64 parameters and their state); the metadata holds the step, run id and optimizer update count, and a checksum covering them
 * and every tensor ({@link Safetensors#CHECKSUM}), checked whenever the file is read.
 */
public final class Checkpoint {
    public static final String OPTIMIZER_PREFIX = "optimizer.";

    private Checkpoint() {
    }

    public static void write(Path file, long step, String runId, Model model, Optimizer optimizer) {
        List<Safetensors.Tensor> tensors = new ArrayList<>();
        for (Param p : model.params()) {
            tensors.add(p.isFloat64() ? Safetensors.Tensor.of64(p.name(), p.shape(), p.values64())
                    : new Safetensors.Tensor(p.name(), p.shape(), p.data()));
        }
        Map<String, int[]> shapes = new LinkedHashMap<>();
        for (Param p : model.params()) {
            shapes.put(p.name(), p.shape());
        }
        for (Map.Entry<String, float[]> e : optimizer.state().entrySet()) {
            String param = e.getKey().substring(e.getKey().indexOf('.') + 1);
            tensors.add(new Safetensors.Tensor(OPTIMIZER_PREFIX + e.getKey(), shapes.get(param), e.getValue()));
        }
        for (Map.Entry<String, double[]> e : optimizer.state64().entrySet()) {
            String param = e.getKey().substring(e.getKey().indexOf('.') + 1);
            tensors.add(Safetensors.Tensor.of64(OPTIMIZER_PREFIX + e.getKey(), shapes.get(param), e.getValue()));
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "groklab-checkpoint");
        meta.put("groklab_version", Version.VERSION);
        meta.put("run_id", runId);
        meta.put("step", Long.toString(step));
        meta.put("optimizer_updates", Long.toString(optimizer.updates()));
        try {
            Safetensors.write(file, tensors, Safetensors.withChecksum(tensors, meta));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads parameters (and optimizer state when {@code optimizer} is not null); returns the step. */
    public static long restore(Path file, Model model, Optimizer optimizer) throws IOException {
        Safetensors.Loaded loaded = Safetensors.read(file);
        for (Param p : model.params()) {
            Safetensors.Tensor t = loaded.tensors().get(p.name());
            if (t == null || !Arrays.equals(t.shape(), p.shape())) {
                throw new IOException(file + ": no tensor " + p + " matching the model");
            }
            if (p.isFloat64()) { // an F32 tensor (a float32 run's checkpoint) widens exactly
                double[] wide = t.data64() != null ? t.data64() : org.groklab.math.Tensors.widen(t.data());
                System.arraycopy(wide, 0, p.values64(), 0, p.size());
                p.narrow();
            } else {
                System.arraycopy(t.data(), 0, p.data(), 0, p.size());
            }
        }
        if (optimizer != null) {
            Map<String, float[]> state = new LinkedHashMap<>();
            Map<String, double[]> state64 = new LinkedHashMap<>();
            loaded.tensors().forEach((name, t) -> {
                if (name.startsWith(OPTIMIZER_PREFIX)) {
                    String key = name.substring(OPTIMIZER_PREFIX.length());
                    if (t.data64() != null) {
                        state64.put(key, t.data64());
                    } else {
                        state.put(key, t.data());
                    }
                }
            });
            optimizer.restore(state, Long.parseLong(loaded.metadata().getOrDefault("optimizer_updates", "0")));
            optimizer.restore64(state64);
        }
        return step(loaded);
    }

    public static long step(Safetensors.Loaded loaded) throws IOException {
        String s = loaded.metadata().get("step");
        if (s == null) {
            throw new IOException("not a groklab checkpoint (no step in its metadata)");
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IOException("not a groklab checkpoint (step '" + s + "' in its metadata)");
        }
    }
}
