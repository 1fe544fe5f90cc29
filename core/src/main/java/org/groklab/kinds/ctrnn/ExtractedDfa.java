package org.groklab.kinds.ctrnn;

/**
 * The automaton read off a network (Murray, Figure 1, right column).
 *
 * @param observations   per relation id (9a + 3b + c) the discrete state after 0, 1, 2 and 3 inputs
 * @param clusterSizes   how many observations fell in each discrete state
 * @param consistency    the share of observed transitions that agree with the majority transition of their state
 *                       and symbol (1: the network behaves deterministically on the discrete states)
 * @param raw            the automaton on the discrete states (plus a rejecting sink for unobserved transitions)
 * @param minimal        its minimisation
 * @param equivalentToMod3 whether it accepts exactly the words with colour sum 0 (mod 3)
 * @param acceptingStates the accepting states of the minimal automaton
 * @param residuePure    whether every discrete state holds observations of a single running sum mod 3 (the
 *                       discrete states then refine the three states of the mod-3 automaton)
 * @param wordAgreement  the share of the 27 three-colour words on which the minimal automaton agrees with the mod-3
 *                       automaton (the task's own words; 1 for a network that classifies every relation right)
 * @param taskMinimal    the minimal automaton of the same observations read level by level (a discrete state after
 *                       k inputs is never the one after another number of inputs, words longer than three are
 *                       rejected): what the network computes on the task's words, whatever it would do after more
 *                       inputs
 * @param equivalentOnTaskWords whether {@code taskMinimal} is equivalent to the mod-3 automaton read for words of
 *                       three colours ({@link Dfa#modCounterUpTo}; 9 states with its sink)
 */
public record ExtractedDfa(int[][] observations, int[] clusterSizes, double consistency, Dfa raw, Dfa minimal,
                           boolean equivalentToMod3, int[] acceptingStates, boolean residuePure,
                           double wordAgreement, Dfa taskMinimal, boolean equivalentOnTaskWords) {
}
