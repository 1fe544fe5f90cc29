package org.groklab.kinds.modular.analysis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.groklab.kinds.modular.model.PairNetwork;
import org.groklab.model.Model;

/**
 * What the network computes at the last checkpoint, as data for the figures: each hidden neuron's activation
 * map over all pairs (a, b), and the logits of one input split by frequency group (they add up to the logits).
 */
public record LastStepViews(Activations activations, Logits logits) {
    /** At most this many activation maps: the neurons with the largest activations beyond it. */
    public static final int MAX_ACTIVATION_MAPS = 256;

    /** Activation maps h_j(a, b) (a down, b across) of the neurons shown, in (frequency, phase) order. */
    public record Activations(int width, List<Integer> neurons, List<double[][]> maps, List<String> labels) {
    }

    /** The logits of input (a, b): each frequency group's part, their total, and the right answer. */
    public record Logits(List<String> names, List<double[]> contributions, double[] total, int answer) {
    }

    /** The views of the model as it is now (the last checkpoint's weights), for input (a, b). */
    public static LastStepViews of(Model model, FourierAnalysis fa, int a, int b, int answer) {
        return new LastStepViews(activations(model, fa), LogitGroups.supports(model) ? logits(model, fa, a, b, answer)
                : null);
    }

    static Activations activations(Model model, FourierAnalysis fa) {
        int p = fa.p();
        float[] h = model.hidden(ProgressMeasures.allPairs(p)).get(model instanceof PairNetwork ? "h" : "h1");
        int width = h.length / (p * p);
        int[] order = fa.neuronOrder();
        List<Integer> shown = new ArrayList<>();
        if (width <= MAX_ACTIVATION_MAPS) {
            for (int j : order) {
                shown.add(j);
            }
        } else {
            Integer[] byNorm = new Integer[width];
            double[] norm = new double[width];
            for (int j = 0; j < width; j++) {
                byNorm[j] = j;
                for (int e = 0; e < p * p; e++) {
                    norm[j] += (double) h[e * width + j] * h[e * width + j];
                }
            }
            java.util.Arrays.sort(byNorm, (x, y) -> Double.compare(norm[y], norm[x]));
            Set<Integer> keep = new HashSet<>(List.of(byNorm).subList(0, MAX_ACTIVATION_MAPS));
            for (int j : order) {
                if (keep.contains(j)) {
                    shown.add(j);
                }
            }
        }
        List<double[][]> maps = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int j : shown) {
            double[][] m = new double[p][p];
            for (int x = 0; x < p; x++) {
                for (int y = 0; y < p; y++) {
                    m[x][y] = h[(x * p + y) * width + j];
                }
            }
            maps.add(m);
            labels.add("#" + j + " k=" + fa.frequencyOf(j));
        }
        return new Activations(width, List.copyOf(shown), maps, labels);
    }

    static Logits logits(Model model, FourierAnalysis fa, int a, int b, int answer) {
        List<Integer> keys = fa.keyFrequencies().stream().sorted().toList();
        int n = fa.units().size();
        int[] groupOf = new int[n];
        for (FourierAnalysis.Unit u : fa.units()) {
            int g = u.periodic() ? keys.indexOf(u.frequency()) : -1;
            groupOf[u.index()] = g >= 0 ? g : keys.size();
        }
        double[][] parts = LogitGroups.contributions(model, a, b, groupOf, keys.size() + 1);
        List<String> names = new ArrayList<>();
        for (int k : keys) {
            names.add("k=" + k);
        }
        names.add(keys.isEmpty() ? "all neurons (no key frequency)" : "other neurons");
        double[] total = new double[fa.p()];
        for (double[] part : parts) {
            for (int c = 0; c < total.length; c++) {
                total[c] += part[c];
            }
        }
        List<double[]> contributions = new ArrayList<>(List.of(parts));
        if (keys.isEmpty()) {
            contributions = List.of();
            names = List.of();
        }
        return new Logits(names, contributions, total, answer);
    }
}
