package org.groklab.spark;

import java.io.Serializable;
import java.nio.file.Path;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.Function;
import org.groklab.run.Summary;
import org.groklab.sweep.SweepDirectory;
import org.groklab.sweep.SweepPlan;
import org.groklab.sweep.SweepRunner;

/**
 * One Spark task: brings one run of the sweep in a shared directory to completion. The task re-plans the sweep from
 * its sweep.json, finds its run by id and calls {@link SweepRunner#runOne}, which keeps a finished run, resumes an
 * interrupted one and (re)starts the others, writing only that run's directory. It never throws: a run that throws
 * comes back as outcome {@code error} with its error, as in the local executor.
 */
final class RunTask implements Function<String, RunTask.Result> {
    private static final long serialVersionUID = 1L;

    /** What a task sends back to the driver. {@code error} is null unless the run failed or threw. */
    record Result(String runId, String outcome, String error, double seconds, String executor)
            implements Serializable {
    }

    private final String sweepRoot;

    RunTask(String sweepRoot) {
        this.sweepRoot = sweepRoot;
    }

    @Override
    public Result call(String runId) {
        long t0 = System.nanoTime();
        String executor = SparkEnv.get() == null ? "?" : SparkEnv.get().executorId();
        try {
            SweepDirectory dir = SweepDirectory.open(Path.of(sweepRoot));
            SweepPlan.Run run = dir.plan().runs().stream().filter(r -> r.runId().equals(runId)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("run " + runId + " is not in the plan of "
                            + sweepRoot));
            Summary s = SweepRunner.runOne(dir.root(), run);
            return new Result(runId, s.outcome(), s.error(), seconds(t0), executor);
        } catch (RuntimeException | Error e) {
            return new Result(runId, "error", String.valueOf(e), seconds(t0), executor);
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
