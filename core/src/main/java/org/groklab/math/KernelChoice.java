package org.groklab.math;

import java.lang.management.ManagementFactory;
import jdk.incubator.vector.FloatVector;

/**
 * Chooses the kernels of {@link Kernels#preferred()}: the vector ones only where the Vector API runs on real vector
 * instructions. Without fused multiply-add instructions (for example {@code -XX:UseAVX=0} on x86) or with vectors
 * of fewer than four floats, the Vector API falls back to Java code hundreds of times slower than plain loops; the
 * plain kernels give the same bits, so the choice never changes a result (there, their products run in interleaved
 * chains, {@link PlainKernels#INTERLEAVED}). The vector kernels are handed out as {@link WarmingKernels} and
 * {@link WarmingKernels64}: their plain twins serve the first calls of a process, while the JIT compiles them.
 */
final class KernelChoice {
    static final Kernels ACTIVE;
    /** The float64 kernels that go with {@link #ACTIVE}: vector (warming up when it does) or plain. */
    static final Kernels64 ACTIVE64;
    static final String DESCRIPTION;

    static {
        String notAccelerated = notAcceleratedReason();
        if (!Boolean.parseBoolean(System.getProperty("groklab.simd", "true"))) {
            ACTIVE = PlainKernels.INTERLEAVED;
            ACTIVE64 = PlainKernels64.INTERLEAVED;
            DESCRIPTION = "plain (-Dgroklab.simd=false)";
        } else if (notAccelerated != null) {
            ACTIVE = PlainKernels.INTERLEAVED;
            ACTIVE64 = PlainKernels64.INTERLEAVED;
            DESCRIPTION = "plain (vector API not accelerated: " + notAccelerated + ")";
        } else if (Boolean.parseBoolean(System.getProperty("groklab.kernels.warmup", "true"))) {
            // plain twins until the JIT has compiled them; each set warms up when first used
            ACTIVE = new WarmingKernels(VectorKernels.INSTANCE);
            ACTIVE64 = new WarmingKernels64(VectorKernels64.INSTANCE);
            DESCRIPTION = VectorKernels.INSTANCE.describe();
        } else {
            ACTIVE = VectorKernels.INSTANCE;
            ACTIVE64 = VectorKernels64.INSTANCE;
            DESCRIPTION = VectorKernels.INSTANCE.describe();
        }
    }

    private KernelChoice() {
    }

    /** Why the Vector API would be slow here, or null when it is accelerated. */
    static String notAcceleratedReason() {
        int lanes = FloatVector.SPECIES_PREFERRED.length();
        if (lanes < 4) {
            return "vectors of " + lanes + " float lane" + (lanes == 1 ? "" : "s");
        }
        String fma = vmOption("UseFMA");
        if ("false".equals(fma)) {
            return "no fused multiply-add instructions";
        }
        return null;
    }

    /** A HotSpot flag's value, or null where the JVM does not say. */
    private static String vmOption(String name) {
        try {
            return ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .getVMOption(name).getValue();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }
}
