package org.groklab.bench;

import java.util.concurrent.TimeUnit;
import org.groklab.math.Kernels;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The protocol every kernel microbenchmark shares, which JMH reads from this superclass: µs per call, averaged; per
 * thread state; one fork with the Vector API module; 4 warm-up iterations of 2 s (long enough for the JIT to compile
 * the vector kernels), then 5 measured iterations of 1 s; and the parameters they share.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public abstract class KernelProtocol {
    /** The kernels a {@code kernels} parameter names: "plain" or "vector". */
    static Kernels kernels(String name) {
        return name.equals("plain") ? Kernels.plain() : Kernels.vector();
    }

    /** The two sizes of a shape parameter such as "911x67". */
    static int[] shape(String rowsByCols) {
        String[] s = rowsByCols.split("x");
        return new int[] {Integer.parseInt(s[0]), Integer.parseInt(s[1])};
    }
}
