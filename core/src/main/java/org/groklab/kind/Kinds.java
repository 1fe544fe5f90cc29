package org.groklab.kind;

import org.groklab.math.Kernels;
import org.groklab.spec.RunSpec;
import org.groklab.spec.SpecKind;
import org.groklab.spec.SpecKinds;
import org.groklab.train.Setup;

/** The registry: the {@link Kind} of a spec, from the kinds registered as {@link SpecKind} services. */
public final class Kinds {
    private Kinds() {
    }

    /** The kind of a task type. */
    public static Kind of(String taskType) {
        SpecKind k = SpecKinds.forTask(taskType);
        if (k instanceof Kind kind) {
            return kind;
        }
        throw new IllegalStateException(k.getClass().getName() + " is registered as a SpecKind but does not "
                + "implement " + Kind.class.getName());
    }

    /** The kind of a spec. */
    public static Kind of(RunSpec spec) {
        return of(spec.task().type());
    }

    /**
     * Refuses a run of this spec whose memory estimate ({@link Kind#memory}) exceeds what this JVM may use, with a
     * one-line error naming the estimate, unless {@code force}.
     */
    public static void checkMemory(RunSpec spec, boolean force) {
        of(spec).memory(spec).check(ResourceEstimate.available(), force);
    }

    /** The parts of a run of this spec, with the given kernels. */
    public static Setup setup(RunSpec spec, Kernels kernels) {
        return of(spec).setup(spec, kernels);
    }

    /** The parts of a run of this spec, with the kernels this machine prefers. */
    public static Setup setup(RunSpec spec) {
        return setup(spec, Kernels.preferred());
    }
}
