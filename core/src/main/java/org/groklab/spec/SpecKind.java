package org.groklab.spec;

import java.util.Map;

/**
 * A kind of experiment as the spec layer sees it: its task type, the models it trains and the defaults of their
 * sections. Implementations are registered in {@code META-INF/services/org.groklab.spec.SpecKind} (one line per
 * kind); the kind layer above finds the rest of each kind (factory, split, figures) on the same object.
 */
public interface SpecKind {

    /** The task type this kind defines ({@code task.type}). */
    String taskType();

    /** The record the task section binds to. */
    Class<? extends TaskSpec> taskSpec();

    /** The model types this kind trains ({@code model.type}) and their records; the first is the default. */
    Map<String, Class<? extends ModelSpec>> models();

    /**
     * The classpath resource (YAML) with this kind's defaults: {@code task:} (every key of the task section but
     * {@code type}) and {@code models:} (for each model type, every key of its section but {@code type}).
     */
    String defaultsResource();
}
