package org.groklab.cli;

import java.io.PrintWriter;
import org.groklab.sweep.SweepRunner;

/** Sweep progress: runs done/total, outcome counts so far and ETA; live on a terminal, plain lines otherwise. */
final class SweepProgress implements SweepRunner.Listener {
    private final PrintWriter out;
    private final boolean terminal = System.console() != null && System.console().isTerminal();
    private double lastPrinted = -1;

    SweepProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void update(SweepRunner.Status s) {
        boolean end = s.done() == s.total();
        if (!end && lastPrinted >= 0 && s.seconds() - lastPrinted < (terminal ? 0.2 : 10)) {
            return;
        }
        lastPrinted = s.seconds();
        int ran = s.done() - s.skipped();
        String eta = ran > 0 ? ConsoleProgress.formatSeconds(s.seconds() / ran * (s.total() - s.done())) : "?";
        String line = String.format("runs %d/%d | %s | %.0fs | ETA %s", s.done(), s.total(), s.outcomes(),
                s.seconds(), eta);
        if (terminal) {
            out.print("\r" + line + "\u001b[K" + (end ? "\n" : ""));
            out.flush();
        } else {
            out.println(line);
        }
    }
}
