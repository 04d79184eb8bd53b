package dev.parley.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code --name value} command-line options. Each scenario reads the options it knows with their
 * defaults; {@link #requireAllUsed()} then fails on any other name, so a typo never runs silently
 * with a default.
 */
final class Options {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> used = new LinkedHashMap<>();

    Options(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            if (!name.startsWith("--") || i + 1 >= args.size()) {
                throw new IllegalArgumentException("expected --name value, got: " + name);
            }
            values.put(name.substring(2), args.get(++i));
        }
    }

    static Options of(String... args) {
        return new Options(Arrays.asList(args));
    }

    String string(String name, String fallback) {
        String value = values.getOrDefault(name, fallback);
        used.put(name, value);
        return value;
    }

    int integer(String name, int fallback) {
        return parsed(name, Integer.toString(fallback), raw -> Integer.parseInt(raw.replace("_", "")), "a whole number");
    }

    long longValue(String name, long fallback) {
        return parsed(name, Long.toString(fallback), Long::parseLong, "a whole number");
    }

    double decimal(String name, double fallback) {
        return parsed(name, Double.toString(fallback), Double::parseDouble, "a number");
    }

    private <T> T parsed(String name, String fallback, java.util.function.Function<String, T> parser, String what) {
        String raw = string(name, fallback);
        try {
            return parser.apply(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": not " + what + ": " + raw);
        }
    }

    /** {@code 500ms}, {@code 10s}, {@code 2m}, or {@code 0}. */
    Duration duration(String name, String fallback) {
        String raw = string(name, fallback).trim().toLowerCase();
        try {
            if (raw.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(raw.substring(0, raw.length() - 2)));
            } else if (raw.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(raw.substring(0, raw.length() - 1)) * 1000));
            } else if (raw.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(raw.substring(0, raw.length() - 1)) * 60);
            }
            return Duration.ofSeconds(Long.parseLong(raw));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": not a duration like 500ms, 10s or 2m: " + raw);
        }
    }

    /** A comma list of rates, e.g. {@code 10,20,40}. */
    List<Integer> integers(String name, String fallback) {
        String raw = string(name, fallback);
        try {
            return Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .map(Integer::parseInt).toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": expected a comma list of whole numbers: " + raw);
        }
    }

    void requireAllUsed() {
        TreeSet<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(used.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s) for this scenario: --" + String.join(", --", unknown)
                    + " (known: --" + String.join(", --", new TreeSet<>(used.keySet())) + ")");
        }
    }

    /** Every option this scenario read, with the value in force (for the report header). */
    Map<String, String> effective() {
        return used;
    }
}
