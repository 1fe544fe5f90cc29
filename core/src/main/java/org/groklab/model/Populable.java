package org.groklab.model;

import java.util.List;
import org.groklab.math.PopulationKernels;

/**
 * A model whose same-shaped copies can train together as a {@link Population}. Its forward pass must be
 * deterministic (no {@link Model#prepare} noise) and carry no {@link Model#regularization} term.
 */
public interface Populable extends Model {

    /**
     * A population of {@code members} (models of this class, this one possibly among them), or null when they differ
     * in shape or in a structural option and cannot train together.
     */
    Population population(List<? extends Model> members, PopulationKernels kernels);

    /**
     * Whether a population of {@code members} copies of this model was measured to train faster, on one core, than
     * the same runs one after the other (BENCHMARKS.md, "Populations"): the sweep executor's automatic choice.
     */
    boolean populationFaster(int members);
}
