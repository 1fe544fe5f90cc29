package org.groklab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunTimesTest {

    @AfterEach
    void clear() {
        System.clearProperty(RunTimes.LAUNCHED_PROPERTY);
    }

    @Test
    void countsFromTheLaunchersClock() {
        Instant now = Instant.ofEpochSecond(1_800_000_000L, 750_000_000);
        System.setProperty(RunTimes.LAUNCHED_PROPERTY, "1799999994.500000"); // bash's EPOCHREALTIME form
        assertEquals(6.25, RunTimes.sinceStart(now), 1e-6);
        System.setProperty(RunTimes.LAUNCHED_PROPERTY, "1799999994,500000"); // a locale with a decimal comma
        assertEquals(6.25, RunTimes.sinceStart(now), 1e-6);
    }

    @Test
    void withoutTheLauncherCountsFromTheJvmsStart() {
        // The operating system's process start time is not used: on Linux it comes from the boot time in whole
        // seconds and can be up to a second early. The JVM's own start agrees with its uptime.
        for (String property : new String[] {null, "", "not a time", "9999999999.0"}) {
            if (property == null) {
                System.clearProperty(RunTimes.LAUNCHED_PROPERTY);
            } else {
                System.setProperty(RunTimes.LAUNCHED_PROPERTY, property); // unreadable, or after now
            }
            long before = ManagementFactory.getRuntimeMXBean().getUptime();
            double seconds = RunTimes.sinceStart(Instant.now());
            long after = ManagementFactory.getRuntimeMXBean().getUptime();
            assertTrue(seconds >= before / 1e3 - 0.002 && seconds <= after / 1e3 + 0.002,
                    property + ": " + seconds + " s against an uptime of " + before + "-" + after + " ms");
        }
    }
}
