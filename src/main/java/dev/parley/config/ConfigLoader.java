package dev.parley.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code PARLEY_*} environment through the {@link Setting} table. A bad value fails with
 * one line naming the variable (and, unless it is a secret, the value); variables no setting has
 * are reported by {@link #unknownVariables} with the nearest known name.
 */
public final class ConfigLoader {
    /** Kubernetes service links for a Service named "parley", and variables of Parley's scripts. */
    private static final List<String> FOREIGN_PREFIXES = List.of("PARLEY_PORT", "PARLEY_SERVICE_", "PARLEY_BENCH_",
            "PARLEY_JDK_");

    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    public Config load() {
        return Config.from(values());
    }

    /** Every setting's value: the environment's when set (and not blank), else the table's default. */
    public SettingValues values() {
        EnumMap<Setting, Object> values = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            String raw = env.get(s.variable());
            boolean set = raw != null && !raw.isBlank();
            String text = set ? raw.trim() : s.fallback();
            if (set) {
                Placeholders.refuse(s, text);
            }
            values.put(s, text.isEmpty() ? "" : parse(s, text, set ? raw : null));
        }
        return new SettingValues(values);
    }

    private static Object parse(Setting s, String text, String raw) {
        try {
            return s.type.parse(text);
        } catch (IllegalArgumentException e) {
            String got = raw == null || s.secret ? "" : " (got \"" + printable(raw) + "\")";
            throw new ConfigException(s.variable() + ": " + e.getMessage() + got);
        }
    }

    /**
     * {@code PARLEY_*} variables that no setting reads, each as a warning naming the nearest known
     * setting (a typo such as {@code PARLEY_HTTP_PROT} would otherwise be silently ignored).
     */
    public List<String> unknownVariables() {
        List<String> warnings = new ArrayList<>();
        Set<String> known = variables();
        for (String name : env.keySet().stream().sorted().toList()) {
            if (!name.startsWith("PARLEY_") || known.contains(name)
                    || FOREIGN_PREFIXES.stream().anyMatch(name::startsWith)) {
                continue;
            }
            String nearest = known.stream().min(Comparator.comparingInt(k -> distance(k, name))).orElseThrow();
            warnings.add("unknown setting " + printable(name) + " is ignored; did you mean " + nearest + "?");
        }
        return warnings;
    }

    /** Every environment variable Parley reads. */
    public static Set<String> variables() {
        Set<String> names = new LinkedHashSet<>();
        Arrays.stream(Setting.values()).forEach(s -> names.add(s.variable()));
        return names;
    }

    public static String help() {
        return Help.text();
    }

    /** Control characters shown as '?', so a value cannot forge log or terminal lines. */
    static String printable(String s) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), 200));
        s.codePoints().limit(200).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
