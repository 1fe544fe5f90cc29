package org.groklab.kinds.modular.model;

import org.groklab.data.Scoring;
import org.groklab.data.Split;
import org.groklab.kinds.modular.task.ModularTaskSpec;
import org.groklab.math.Kernels;
import org.groklab.math.Kernels64;
import org.groklab.model.Precision;
import org.groklab.math.Rng;
import org.groklab.model.Model;
import org.groklab.spec.ModelSpec;
import org.groklab.spec.RunSpec;
import org.groklab.train.Measures;
import org.groklab.train.Setup;

/** The parts of a modular-arithmetic run: its split, and a freshly initialised gromov-mlp or pair-mlp. */
public final class ModularSetup {
    private ModularSetup() {
    }

    /** The run's parts, with the given kernels. */
    public static Setup of(RunSpec spec, Kernels kernels) {
        ModularTaskSpec t = ModularTaskSpec.of(spec);
        Split split = t.arithmetic().split(spec.seed(), t.trainFraction(), t.labelNoise());
        Model model = model(spec.model(), t.p(), Rng.stream(spec.seed(), "init"), kernels);
        return Setup.of(spec, split, model, Scoring.CLASS, Measures.NONE, null, kernels);
    }

    /** A freshly initialised model of the spec over Z_p (drawn from the given stream). */
    public static Model model(ModelSpec spec, int p, Rng init, Kernels kernels) {
        return switch ((ModularModelSpec) spec) {
            case PairMlpSpec s when s.precision() != PairMlpSpec.Precision.FLOAT32 -> {
                PairMlp64 model = new PairMlp64(p, s.dEmbed(), s.width(), s.tiedEmbedding(),
                        s.precision() == PairMlpSpec.Precision.PAIR ? Precision.FLOAT32 : Precision.FLOAT64,
                        Kernels64.matching(kernels));
                model.initialize(init);
                yield model;
            }
            case PairMlpSpec s -> {
                PairMlp model = new PairMlp(p, s.dEmbed(), s.width(), s.tiedEmbedding(), s.collapsedHidden(),
                        s.collapsedOutput(), kernels);
                model.initialize(init);
                yield model;
            }
            case GromovMlpSpec s -> {
                GromovMlp model = new GromovMlp(p, s.width(), s.layers(), s.activation(), kernels);
                model.initialize(init);
                yield model;
            }
        };
    }
}
