package org.groklab.run;

import java.util.Map;

/**
 * The last file a run writes ({@code summary.json}): its presence means the run is complete. Event steps are null
 * when the event did not happen.
 */
public record Summary(String runId, String name, String outcome, Long memorizationStep, Long generalizationStep,
                      Long grokDelay, long steps, long stepsDone, Long divergedAt, Map<String, Double> finalMetrics,
                      double wallTimeSeconds, String error, String groklabVersion) {
}
