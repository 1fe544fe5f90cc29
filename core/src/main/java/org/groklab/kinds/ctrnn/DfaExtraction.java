package org.groklab.kinds.ctrnn;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a deterministic finite automaton off a trained network. All 27 relations are run without noise with the
 * same onsets (the first allowed step, then as far apart as the timing allows), and the state is observed before
 * the first input and after each input, just before the next onset would come. Each observation is made discrete
 * the way the mechanism stores information (Section 3): for oscillatory dynamics by the phase lead over the
 * input-free orbit from x(0) after {@code relaxSteps} (which phase; phases linked by neighbours less than π/6 apart
 * are one state, {@link #clusterAngles}); otherwise
 * by the state itself, run on without input for {@code settleSteps} (0 by default: long relaxation merges states a
 * network holds only for the length of a trial), states within 0.1 of the largest distance between any two being
 * one discrete state. Transitions follow the symbols; a state is
 * accepting when most three-input trials that end in it are classified valid by the network (the sign of the mean
 * readout over the last 5 steps of a trial of the timing's length; states no trial ends in accept when their relaxed
 * readout is positive). Transitions never observed (after the third input) lead to a rejecting sink. The result is
 * minimised and compared with the mod-3 automaton: as languages (equivalence; this needs the network to reuse its
 * discrete states across inputs, as a phase code does), on the 27 words of the task, and by whether each discrete
 * state holds a single running sum mod 3. The same observations read level by level (a state after k inputs kept
 * apart from those after other counts) give the automaton on the task's words, compared with the mod-3 automaton
 * read for three-colour words.
 */
public final class DfaExtraction {
    private final TrialRunner runner;
    private final TrialTiming timing;
    private final int relaxSteps;
    private final int settleSteps;

    public DfaExtraction(TrialRunner runner, TrialTiming timing, int relaxSteps, int settleSteps) {
        this.runner = runner;
        this.timing = timing;
        this.relaxSteps = relaxSteps;
        this.settleSteps = settleSteps;
    }

    public DfaExtraction(TrialRunner runner, TrialTiming timing) {
        this(runner, timing, 1000, 0);
    }

    public ExtractedDfa extract(Mechanism mechanism, LimitCycle cycle) {
        StateMap map = runner.map();
        int spacing = (timing.lastOnset() - timing.firstOnset()) / 2;
        int[] onsets = {timing.firstOnset(), timing.firstOnset() + spacing, timing.firstOnset() + 2 * spacing};
        int[] observeAt = {onsets[0], onsets[1], onsets[2], onsets[2] + spacing};
        int total = Math.max(observeAt[3], timing.steps());
        boolean byPhase = mechanism == Mechanism.OSCILLATORY && cycle != null;
        List<double[]> reference = runner.run(new int[0], new int[0], timing.inputSteps(), total);
        LimitCycleFinder cycles = new LimitCycleFinder(map);
        List<double[]> features = new ArrayList<>();
        int[][] featureOf = new int[Relation.COUNT][4];
        boolean[] classifiedValid = new boolean[Relation.COUNT];
        for (int id = 0; id < Relation.COUNT; id++) {
            Relation r = Relation.of(id);
            List<double[]> states = runner.run(new int[] {r.a(), r.b(), r.c()}, onsets, timing.inputSteps(), total);
            double mean = 0;
            for (int t = timing.steps() - 4; t <= timing.steps(); t++) {
                mean += map.readout(states.get(t)) / 5;
            }
            classifiedValid[id] = mean > 0;
            for (int k = 0; k < 4; k++) {
                double[] x = states.get(observeAt[k]);
                featureOf[id][k] = features.size();
                if (byPhase) {
                    features.add(new double[] {phaseLead(cycles, cycle, x, reference.get(observeAt[k]))});
                } else {
                    for (int s = 0; s < settleSteps; s++) {
                        x = map.step(x, null);
                    }
                    features.add(x);
                }
            }
        }
        int[] cluster = byPhase ? clusterAngles(features, Math.PI / 6) : clusterVectors(features);
        int clusters = 0;
        for (int c : cluster) {
            clusters = Math.max(clusters, c + 1);
        }
        int[] sizes = new int[clusters];
        int[][] obs = new int[Relation.COUNT][4];
        for (int id = 0; id < Relation.COUNT; id++) {
            for (int k = 0; k < 4; k++) {
                obs[id][k] = cluster[featureOf[id][k]];
                sizes[obs[id][k]]++;
            }
        }
        // transitions by majority vote; acceptance by the network's own verdict on three-input trials
        int[][][] votes = new int[clusters][3][clusters];
        int[] validVotes = new int[clusters];
        int[] endVotes = new int[clusters];
        int transitions = 0;
        for (int id = 0; id < Relation.COUNT; id++) {
            Relation r = Relation.of(id);
            for (int k = 0; k < 3; k++) {
                votes[obs[id][k]][r.colour(k)][obs[id][k + 1]]++;
                transitions++;
            }
            endVotes[obs[id][3]]++;
            validVotes[obs[id][3]] += classifiedValid[id] ? 1 : 0;
        }
        int sink = clusters;
        int[][] next = new int[clusters + 1][3];
        boolean[] accepting = new boolean[clusters + 1];
        int agreeing = 0;
        for (int s = 0; s < clusters; s++) {
            for (int c = 0; c < 3; c++) {
                int best = sink;
                int bestVotes = 0;
                for (int t = 0; t < clusters; t++) {
                    if (votes[s][c][t] > bestVotes) {
                        best = t;
                        bestVotes = votes[s][c][t];
                    }
                }
                next[s][c] = best;
                agreeing += bestVotes;
            }
            if (endVotes[s] > 0) {
                accepting[s] = 2 * validVotes[s] > endVotes[s];
            } else {
                accepting[s] = relaxedReadout(features, cluster, s, byPhase);
            }
        }
        next[sink] = new int[] {sink, sink, sink};
        Dfa raw = new Dfa(clusters + 1, 3, obs[0][0], next, accepting);
        Dfa minimal = raw.minimize();
        List<Integer> acc = new ArrayList<>();
        for (int s = 0; s < minimal.states(); s++) {
            if (minimal.accepting()[s]) {
                acc.add(s);
            }
        }
        int[] residueOf = new int[clusters];
        java.util.Arrays.fill(residueOf, -1);
        boolean pure = true;
        int agree = 0;
        Dfa mod3 = Dfa.modCounter(3, 3);
        for (int id = 0; id < Relation.COUNT; id++) {
            Relation r = Relation.of(id);
            int sum = 0;
            for (int k = 0; k < 4; k++) {
                if (k > 0) {
                    sum = (sum + r.colour(k - 1)) % 3;
                }
                int c = obs[id][k];
                pure &= residueOf[c] < 0 || residueOf[c] == sum;
                residueOf[c] = sum;
            }
            agree += minimal.accepts(r.a(), r.b(), r.c()) == mod3.accepts(r.a(), r.b(), r.c()) ? 1 : 0;
        }
        Dfa task = layered(obs, clusters, classifiedValid).minimize();
        return new ExtractedDfa(obs, sizes, (double) agreeing / transitions, raw, minimal,
                minimal.equivalent(mod3), acc.stream().mapToInt(Integer::intValue).toArray(), pure,
                (double) agree / Relation.COUNT, task, task.equivalent(Dfa.modCounterUpTo(3, 3, 3)));
    }

    /**
     * The automaton of the observations read level by level: state (k, cluster) after k = 0..3 inputs, transitions
     * by majority vote within a level, the states after three inputs accepting by the network's verdict (majority of
     * the trials ending there) and leading to a rejecting sink, as do transitions never observed.
     */
    static Dfa layered(int[][] obs, int clusters, boolean[] classifiedValid) {
        int levels = obs[0].length;
        int sink = levels * clusters;
        int[][][] votes = new int[sink][3][clusters];
        int[] validVotes = new int[sink];
        int[] endVotes = new int[sink];
        for (int id = 0; id < obs.length; id++) {
            Relation r = Relation.of(id);
            for (int k = 0; k + 1 < levels; k++) {
                votes[k * clusters + obs[id][k]][r.colour(k)][obs[id][k + 1]]++;
            }
            int end = (levels - 1) * clusters + obs[id][levels - 1];
            endVotes[end]++;
            validVotes[end] += classifiedValid[id] ? 1 : 0;
        }
        int[][] next = new int[sink + 1][3];
        boolean[] accepting = new boolean[sink + 1];
        for (int s = 0; s < sink; s++) {
            int level = s / clusters;
            for (int c = 0; c < 3; c++) {
                int best = sink;
                int bestVotes = 0;
                for (int t = 0; t < clusters; t++) {
                    if (votes[s][c][t] > bestVotes) {
                        best = (level + 1) * clusters + t;
                        bestVotes = votes[s][c][t];
                    }
                }
                next[s][c] = best;
            }
            accepting[s] = level == levels - 1 && endVotes[s] > 0 && 2 * validVotes[s] > endVotes[s];
        }
        next[sink] = new int[] {sink, sink, sink};
        return new Dfa(sink + 1, 3, obs[0][0], next, accepting);
    }

    private boolean relaxedReadout(List<double[]> features, int[] cluster, int s, boolean byPhase) {
        if (byPhase) {
            return false;
        }
        for (int i = 0; i < cluster.length; i++) {
            if (cluster[i] == s) {
                return runner.map().readout(features.get(i)) > 0;
            }
        }
        return false;
    }

    /** How far (radians, in (-π, π]) the orbit from x runs ahead of the reference orbit from {@code ref}. */
    private double phaseLead(LimitCycleFinder cycles, LimitCycle cycle, double[] x, double[] ref) {
        StateMap map = runner.map();
        int horizon = relaxSteps + (int) Math.ceil(3 * cycle.periodSteps()) + 2;
        double[] a = x.clone();
        double[] b = ref.clone();
        double prevA = 0;
        double prevB = 0;
        double crossA = Double.NaN;
        double crossB = Double.NaN;
        for (int t = 0; t < horizon && (Double.isNaN(crossA) || Double.isNaN(crossB)); t++) {
            a = map.step(a, null);
            b = map.step(b, null);
            double pa = cycle.project(a);
            double pb = cycle.project(b);
            if (t > relaxSteps) {
                if (Double.isNaN(crossA) && prevA < 0 && pa >= 0) {
                    crossA = t - 1 + (-prevA) / (pa - prevA);
                }
                if (Double.isNaN(crossB) && prevB < 0 && pb >= 0) {
                    crossB = t - 1 + (-prevB) / (pb - prevB);
                }
            }
            prevA = pa;
            prevB = pb;
        }
        double lead = 2 * Math.PI * (crossB - crossA) / cycle.periodSteps();
        return Math.atan2(Math.sin(lead), Math.cos(lead));
    }

    /**
     * Single-linkage clustering on the circle: angles sorted, cut wherever two neighbours lie {@code threshold} or
     * more apart (circular distance), so that a chain of close phases (a small shift added up over several inputs)
     * stays one state while the groups it separates are told apart. Clusters are numbered in order of first
     * appearance.
     */
    static int[] clusterAngles(List<double[]> angles, double threshold) {
        int n = angles.size();
        int[] out = new int[n];
        if (n == 0) {
            return out;
        }
        Integer[] order = new Integer[n];
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            a[i] = Math.atan2(Math.sin(angles.get(i)[0]), Math.cos(angles.get(i)[0]));
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(a[x], a[y]));
        // cut[k]: a gap of at least threshold between order[k] and order[k + 1] (the last wraps to the first)
        boolean[] cut = new boolean[n];
        int firstCut = -1;
        for (int k = 0; k < n; k++) {
            double gap = k + 1 < n ? a[order[k + 1]] - a[order[k]] : a[order[0]] + 2 * Math.PI - a[order[n - 1]];
            cut[k] = gap >= threshold;
            if (cut[k] && firstCut < 0) {
                firstCut = k;
            }
        }
        int[] group = new int[n]; // all 0 when nothing is cut
        if (firstCut >= 0) {
            int g = 0;
            for (int j = 1; j <= n; j++) {
                int k = (firstCut + j) % n;
                group[order[k]] = g;
                if (cut[k]) {
                    g++;
                }
            }
        }
        int[] number = new int[n];
        java.util.Arrays.fill(number, -1);
        int next = 0;
        for (int i = 0; i < n; i++) {
            if (number[group[i]] < 0) {
                number[group[i]] = next++;
            }
            out[i] = number[group[i]];
        }
        return out;
    }

    /** Leader clustering on vectors within 0.1 of the largest distance between any two of them. */
    static int[] clusterVectors(List<double[]> xs) {
        double max = 0;
        for (int i = 0; i < xs.size(); i++) {
            for (int j = i + 1; j < xs.size(); j++) {
                max = Math.max(max, MechanismAnalysis.distance(xs.get(i), xs.get(j)));
            }
        }
        double threshold = Math.max(0.1 * max, 1e-9);
        List<double[]> reps = new ArrayList<>();
        int[] out = new int[xs.size()];
        for (int i = 0; i < out.length; i++) {
            int found = -1;
            for (int c = 0; c < reps.size() && found < 0; c++) {
                if (MechanismAnalysis.distance(xs.get(i), reps.get(c)) < threshold) {
                    found = c;
                }
            }
            if (found < 0) {
                reps.add(xs.get(i));
                found = reps.size() - 1;
            }
            out[i] = found;
        }
        return out;
    }
}
