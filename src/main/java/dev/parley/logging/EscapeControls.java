package dev.parley.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.pattern.CompositeConverter;

/**
 * {@code %escape(...)} in plain log patterns: control characters become visible escapes
 * ({@code \n}, {@code \u001b}), so a value a client chose (a path, a name) cannot forge a log line
 * or drive a terminal. Stack traces are outside the escape and keep their lines.
 */
public final class EscapeControls extends CompositeConverter<ILoggingEvent> {
    @Override
    protected String transform(ILoggingEvent event, String in) {
        StringBuilder out = null;
        for (int i = 0; i < in.length(); i++) {
            char c = in.charAt(i);
            if (Character.isISOControl(c)) {
                if (out == null) {
                    out = new StringBuilder(in.length() + 16).append(in, 0, i);
                }
                switch (c) {
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> out.append(String.format("\\u%04x", (int) c));
                }
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? in : out.toString();
    }
}
