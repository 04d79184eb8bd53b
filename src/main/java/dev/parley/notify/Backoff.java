package dev.parley.notify;

import java.time.Duration;

/** Waits between attempts: {@code min}, doubling with each failure, never more than {@code max}. */
public record Backoff(Duration min, Duration max) {

    /** The wait after {@code failures} failed attempts in a row (1 for the first). */
    public Duration after(int failures) {
        int doublings = Math.max(0, Math.min(failures - 1, 30));
        long millis = min.toMillis() << doublings;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }
}
