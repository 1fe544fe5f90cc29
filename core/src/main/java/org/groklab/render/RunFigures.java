package org.groklab.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.groklab.figures.LearningCurves;
import org.groklab.kind.Kinds;
import org.groklab.run.MetricsTable;
import org.groklab.run.EventUnits;
import org.groklab.run.RunDirectory;
import org.groklab.run.Summary;

/**
 * The figures of a run, drawn after training from its files: the learning curves of every run, then the figures
 * its kind adds. Commands that train (train, resume, sweeps) call it; training itself never draws.
 */
public final class RunFigures {
    private RunFigures() {
    }

    /** Draws into {@code RUN/figures}, PNG and (when {@code svg}) SVG; returns the files written. */
    public static List<Path> draw(Path runDir, boolean svg) {
        RunDirectory dir = RunDirectory.open(runDir);
        MetricsTable m = MetricsTable.read(runDir);
        LearningCurves.Marks marks = LearningCurves.Marks.NONE;
        if (dir.complete()) {
            Summary s = dir.readSummary();
            List<LearningCurves.Event> events = new ArrayList<>();
            if (s.memorizationStep() != null) {
                events.add(new LearningCurves.Event("memorization (" + EventUnits.at(m, s.memorizationStep()) + ")",
                        s.memorizationStep(), LearningCurves.Event.MEMORIZATION));
            }
            if (s.generalizationStep() != null) {
                events.add(new LearningCurves.Event("generalization (" + EventUnits.at(m, s.generalizationStep())
                        + ")", s.generalizationStep(), LearningCurves.Event.GENERALIZATION));
            }
            marks = new LearningCurves.Marks(s.trend(), events);
        }
        try {
            List<Path> written = new ArrayList<>(LearningCurves.write(runDir.resolve(RunDirectory.FIGURES),
                    dir.spec().spec().name() + " (" + dir.runId() + ")",
                    new LearningCurves.Curves(m.get("step"), m.get("train_loss"), m.get("test_loss"),
                            m.get("train_acc"), m.get("test_acc")), marks, svg));
            written.addAll(Kinds.of(dir.spec().spec()).drawFigures(runDir, svg));
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
