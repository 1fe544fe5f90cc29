/**
 * Continuous-time recurrent networks on the SET task (Murray, "Grokking in recurrent networks with attractive and
 * oscillatory dynamics"): the task of Appendix A with the held-out relations of Appendix D ({@link
 * org.groklab.kinds.ctrnn.SetTask}, described by {@link org.groklab.kinds.ctrnn.SetSplit}), the network of Appendix
 * B with backpropagation through time ({@link org.groklab.kinds.ctrnn.Ctrnn}, {@link
 * org.groklab.kinds.ctrnn.CtrnnLoss}), a plain training loop ({@link org.groklab.kinds.ctrnn.CtrnnTraining}) and the
 * dynamics analyses of Section 3 and Appendix C, as data: rate PCA, fixed points, limit cycles and phase shifts,
 * the mechanism label and the extracted automaton ({@link org.groklab.kinds.ctrnn.CtrnnAnalysis}); Figure 1 drawn
 * from them ({@link org.groklab.kinds.ctrnn.CtrnnFigures}) and Figure 2 from a sweep's runs ({@link
 * org.groklab.kinds.ctrnn.CtrnnSweepAnalysis}).
 */
package org.groklab.kinds.ctrnn;
