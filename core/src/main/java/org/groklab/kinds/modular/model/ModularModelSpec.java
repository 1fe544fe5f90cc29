package org.groklab.kinds.modular.model;

import org.groklab.spec.ModelSpec;

/** The models that train modular-arithmetic tasks. */
public sealed interface ModularModelSpec extends ModelSpec permits GromovMlpSpec, PairMlpSpec {
}
