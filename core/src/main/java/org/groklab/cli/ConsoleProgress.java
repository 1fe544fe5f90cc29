package org.groklab.cli;

import java.io.PrintWriter;
import org.groklab.train.Metrics;
import org.groklab.train.Progress;

/**
 * One live line (step, losses, accuracies, speed, ETA) rewritten in place on a terminal; periodic plain lines
 * (every 10 s, and the last step) when the output is not a terminal.
 */
final class ConsoleProgress implements Progress {
    private final PrintWriter out;
    private final boolean terminal = System.console() != null && System.console().isTerminal();
    private double lastPrinted = -1;
    private long firstStep = -1;

    ConsoleProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void evaluated(Metrics m, long total, double seconds) {
        boolean end = m.step() == total;
        double interval = terminal ? 0.2 : 10;
        if (!end && lastPrinted >= 0 && seconds - lastPrinted < interval) {
            return;
        }
        lastPrinted = seconds;
        if (firstStep < 0) {
            firstStep = m.step();
        }
        double rate = seconds > 0 ? (m.step() - firstStep) / seconds : 0;
        String eta = rate > 0 ? formatSeconds((total - m.step()) / rate) : "?";
        String line = String.format("step %d/%d (%3.0f%%) | train loss %.4g acc %.3f | test loss %.4g acc %.3f | "
                        + "%.0f steps/s | ETA %s", m.step(), total, 100.0 * m.step() / total, m.trainLoss(),
                m.trainAcc(), m.testLoss(), m.testAcc(), rate, eta);
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
            if (end) {
                out.println();
            }
            out.flush();
        } else {
            out.println(line);
        }
    }

    static String formatSeconds(double s) {
        long t = Math.round(s);
        return t >= 3600 ? String.format("%dh%02dm", t / 3600, t % 3600 / 60)
                : t >= 60 ? String.format("%dm%02ds", t / 60, t % 60) : t + "s";
    }
}
