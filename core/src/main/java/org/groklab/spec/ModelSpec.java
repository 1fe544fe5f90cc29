package org.groklab.spec;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The model section of a spec. Each model kind defines its own record, chosen by {@code model.type} and registered
 * through the {@link SpecKind} of the task it belongs to.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type",
        visible = true)
public interface ModelSpec {
    /** The model kind's name, as written in {@code model.type}. */
    String type();

    /** Range and consistency checks of this section. */
    void validate(RunSpec spec);
}
