package org.groklab.kinds.modular.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.groklab.model.Model;
import org.groklab.run.Checkpoint;
import org.groklab.run.RunDirectory;
import org.groklab.spec.SpecException;
import org.groklab.train.Setup;

/** The checkpoints of a run directory, and its model rebuilt from one of them. */
public final class RunCheckpoints {
    private static final Pattern NAME = Pattern.compile("step-(\\d+)\\.safetensors");

    /** One {@code checkpoints/step-N.safetensors} file. */
    public record Entry(long step, Path file) {
    }

    private RunCheckpoints() {
    }

    /** The run's step-N checkpoints in step order (the rolling resume checkpoint is left out). */
    public static List<Entry> list(RunDirectory dir) {
        List<Entry> out = new ArrayList<>();
        Path folder = dir.root().resolve(RunDirectory.CHECKPOINTS);
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (Stream<Path> files = Files.list(folder)) {
            files.forEach(f -> {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (m.matches()) {
                    out.add(new Entry(Long.parseLong(m.group(1)), f));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(Comparator.comparingLong(Entry::step));
        return out;
    }

    /**
     * The run's set-up (split, loss, and a model built by {@link Setup#model}); its model holds the initial weights
     * until {@link #load} copies a checkpoint's tensors into it by name.
     */
    public static Setup setup(RunDirectory dir) {
        return org.groklab.kinds.modular.model.ModularSetup.of(dir.spec().spec(),
                org.groklab.math.Kernels.preferred());
    }

    /** Copies the parameters of {@code checkpoint} into {@code model}, by name; returns the step. */
    public static long load(Path checkpoint, Model model) {
        try {
            return Checkpoint.restore(checkpoint, model, null);
        } catch (IOException e) {
            throw new SpecException("RUN_DIR", "cannot read checkpoint " + checkpoint + ": " + e.getMessage());
        }
    }
}
