package org.groklab.spec;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The task section of a spec. Each kind of experiment defines its own record, chosen by {@code task.type} and
 * registered through {@link SpecKind}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type",
        visible = true)
public interface TaskSpec {
    /** The kind's name, as written in {@code task.type}. */
    String type();

    /** Range and consistency checks of this section (and of the rest of the spec as far as this kind needs). */
    void validate(RunSpec spec);
}
