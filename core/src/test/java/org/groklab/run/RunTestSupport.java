package org.groklab.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.groklab.spec.SpecLoader;
import org.groklab.train.Progress;

/** Short runs of the quick preset for the run-directory tests. */
final class RunTestSupport {
    private RunTestSupport() {
    }

    static List<String> quick(String... sets) {
        List<String> all = new ArrayList<>(List.of("train.steps=1200", "eval.every=50", "checkpoints.resume_every=100"));
        all.addAll(Arrays.asList(sets));
        return all;
    }

    static Summary train(Path out, List<String> sets) {
        return Runner.train(SpecLoader.load("quick-modadd", null, sets), out, Progress.NONE);
    }
}
