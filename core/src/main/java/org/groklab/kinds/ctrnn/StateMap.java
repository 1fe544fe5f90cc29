package org.groklab.kinds.ctrnn;

/** A discrete-time dynamical system x(t+1) = F(x(t), u(t)) in float64, the object the dynamics analyses study. */
public interface StateMap {
    int dim();

    /** F(x, input); {@code input} null means no input. */
    double[] step(double[] x, double[] input);

    /** dF/dx at x without input, [dim × dim] row-major. */
    double[] jacobian(double[] x);

    /** A scalar readout of a state (the network's output z), used to tell accepting states apart. */
    double readout(double[] x);
}
