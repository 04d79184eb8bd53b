package dev.parley.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The parsed value of every setting (the environment's, or the table's default). */
public final class SettingValues {
    private final Map<Setting, Object> values;

    SettingValues(EnumMap<Setting, Object> values) {
        this.values = values;
    }

    public String text(Setting s) {
        return (String) get(s);
    }

    public int integer(Setting s) {
        return (Integer) get(s);
    }

    public Duration duration(Setting s) {
        return (Duration) get(s);
    }

    public boolean on(Setting s) {
        return (Boolean) get(s);
    }

    public Path path(Setting s) {
        return (Path) get(s);
    }

    @SuppressWarnings("unchecked")
    public List<String> list(Setting s) {
        Object v = get(s);
        return v instanceof String empty && empty.isEmpty() ? List.of() : (List<String>) v;
    }

    /** A value of a {@link ValueType#custom} type. */
    public <T> T typed(Setting s, Class<T> type) {
        return type.cast(get(s));
    }

    private Object get(Setting s) {
        Object v = values.get(s);
        if (v == null) {
            throw new IllegalStateException(s.variable() + " has no value");
        }
        return v;
    }
}
