package org.groklab.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/** The active kernels follow the rule in KernelChoice, and say which they are. */
class KernelChoiceTest {

    @Test
    void activeKernelsFollowTheSwitchAndTheAccelerationCheck() {
        boolean simd = Boolean.parseBoolean(System.getProperty("groklab.simd", "true"));
        String reason = KernelChoice.notAcceleratedReason();
        Kernels want = simd && reason == null ? Kernels.vector() : PlainKernels.INTERLEAVED;
        Kernels active = Kernels.preferred() instanceof WarmingKernels w ? w.warmUp().target() : Kernels.preferred();
        assertSame(want, active, "simd=" + simd + " reason=" + reason);
        assertEquals(want == Kernels.vector(), Kernels.vectorPreferred(), "vectorPreferred");
        assertSame(want == Kernels.vector() ? PopulationKernels.vector() : PopulationKernels.plain(),
                PopulationKernels.preferred(), "population kernels follow");
        if (want == Kernels.vector()) {
            int lanes = FloatVector.SPECIES_PREFERRED.length();
            assertEquals("vector, " + lanes * 32 + "-bit (" + lanes + " float lanes)", Kernels.describeActive());
        } else {
            assertTrue(Kernels.describeActive().startsWith("plain ("), Kernels.describeActive());
        }
        assertEquals("plain (scalar Java)", Kernels.plain().describe());
    }

    @Test
    void float64KernelsFollowTheFloat32OnesAndWarmUpWhenTheyDo() {
        Kernels k = Kernels.preferred();
        Kernels64 k64 = Kernels64.preferred();
        assertEquals(k instanceof WarmingKernels, k64 instanceof WarmingKernels64, k + " / " + k64);
        Kernels target = k instanceof WarmingKernels w ? w.warmUp().target() : k;
        Kernels64 target64 = k64 instanceof WarmingKernels64 w ? w.warmUp().target() : k64;
        assertSame(target == Kernels.vector() ? Kernels64.vector() : PlainKernels64.INTERLEAVED, target64);
        assertSame(k64, Kernels64.matching(k));
    }
}
