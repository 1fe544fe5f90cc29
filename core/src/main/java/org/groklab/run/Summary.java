package org.groklab.run;

import java.util.Map;
import org.groklab.train.Trend;

/**
 * The last file a run writes ({@code summary.json}): its presence means the run is complete. Event steps are null
 * when the event did not happen. {@code stillImproving} says whether an outcome that waits for an event
 * (memorize-only, no-learn) was still moving towards it when the steps ran out, with the {@code trend} that shows
 * it ({@link Trend}); it is false for settled outcomes and null in summaries written before it existed.
 */
public record Summary(String runId, String name, String outcome, Boolean stillImproving, Trend trend,
                      Long memorizationStep, Long generalizationStep,
                      Long grokDelay, long steps, long stepsDone, Long divergedAt, Map<String, Double> finalMetrics,
                      double wallTimeSeconds, String error, String groklabVersion) {
}
