package dev.parley.abuse;

import java.time.Duration;

/** A token bucket: {@code burst} at once, then one more every {@code every}. */
public record Limit(int burst, Duration every) {
}
