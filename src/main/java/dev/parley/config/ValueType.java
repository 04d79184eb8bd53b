package dev.parley.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * How a setting's text becomes a value, and how its allowed range reads in {@code --help} and the
 * docs. A parser throws {@link IllegalArgumentException} with a message that never repeats the
 * value (the loader decides whether the value may be echoed: secrets never are).
 */
public record ValueType(Function<String, Object> parser, String range) {

    Object parse(String raw) {
        return parser.apply(raw);
    }

    static ValueType text() {
        return new ValueType(s -> s, "");
    }

    /** Text matching {@code pattern}, described as {@code what} in errors and help. */
    static ValueType text(String pattern, String what) {
        return new ValueType(s -> {
            if (!s.matches(pattern)) {
                throw new IllegalArgumentException("use " + what);
            }
            return s;
        }, what);
    }

    /** A secret: at least {@code minLength} characters; empty means unset. */
    static ValueType secret(int minLength) {
        return new ValueType(s -> {
            if (s.length() < minLength) {
                throw new IllegalArgumentException("must be at least " + minLength + " characters");
            }
            return s;
        }, "at least " + minLength + " characters");
    }

    static ValueType integer(int min, int max) {
        return new ValueType(s -> {
            int n;
            try {
                n = Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a whole number");
            }
            if (n < min || n > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
            return n;
        }, min + ".." + max);
    }

    static ValueType duration() {
        return new ValueType(ValueType::parseDuration, "e.g. 500ms, 25s, 2m, 1h, 30d");
    }

    /** A duration that may also be zero ({@code 0s}: none). */
    static ValueType durationOrZero() {
        return new ValueType(s -> s.matches("0+(ms|s|m|h|d)?") ? Duration.ZERO : parseDuration(s),
                "e.g. 0s, 500ms, 2s");
    }

    static ValueType oneOf(String... allowed) {
        List<String> values = List.of(allowed);
        return new ValueType(s -> {
            if (!values.contains(s)) {
                throw new IllegalArgumentException("must be one of " + String.join(", ", values));
            }
            return s;
        }, String.join(" | ", values));
    }

    /** {@code on} or {@code off}, as a boolean. */
    static ValueType onOff() {
        ValueType names = oneOf("on", "off");
        return new ValueType(s -> names.parse(s).equals("on"), names.range());
    }

    static ValueType path() {
        return new ValueType(Path::of, "a directory");
    }

    /** A comma list, each item checked by {@code item}; empty items are skipped. */
    static ValueType list(Function<String, String> item, String range) {
        return new ValueType(s -> Arrays.stream(s.split(",")).map(String::trim).filter(p -> !p.isEmpty())
                .map(item).toList(), range);
    }

    /** A typed value other than the basic ones, parsed by {@code parser}. */
    static ValueType custom(Function<String, Object> parser, String range) {
        return new ValueType(parser, range);
    }

    /** Accepts {@code 250ms}, {@code 25s}, {@code 2m}, {@code 1h}, {@code 30d}; a plain number means seconds. */
    static Duration parseDuration(String raw) {
        String s = raw.toLowerCase();
        try {
            Duration d;
            if (s.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            } else if (s.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)));
            } else if (s.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)));
            } else if (s.endsWith("h")) {
                d = Duration.ofHours(Long.parseLong(s.substring(0, s.length() - 1)));
            } else if (s.endsWith("d")) {
                d = Duration.ofDays(Long.parseLong(s.substring(0, s.length() - 1)));
            } else {
                d = Duration.ofSeconds(Long.parseLong(s));
            }
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("must be positive");
            }
            return d;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("not a duration like 500ms, 25s, 2m, 1h or 30d");
        }
    }
}
