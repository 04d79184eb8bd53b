package dev.parley.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.CoreConstants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shipped plain pattern: one line per event, ISO-8601 time, the node, control characters escaped. */
class PlainLogTest {
    private static String shippedPattern() throws IOException {
        Matcher m = Pattern.compile("<pattern>(.*)</pattern>").matcher(Files.readString(Path.of("src/main/resources/logback.xml")));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static String layout(String message) throws IOException {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        Map<String, String> rules = new HashMap<>();
        rules.put("escape", EscapeControls.class.getName());
        context.putObject(CoreConstants.PATTERN_RULE_REGISTRY, rules);
        context.putProperty(LogContext.NODE, "node-7");
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(shippedPattern());
        layout.start();
        return layout.doLayout(new LoggingEvent("x", context.getLogger("t"), Level.INFO, message, null, null));
    }

    @Test
    void aMessageWithControlCharactersStaysOneLine() throws IOException {
        String line = layout("forged\n2026-01-01T00:00:00.000Z ERROR [main] fake - \u001b[31mred");
        assertThat(line).endsWith("\n").containsOnlyOnce("\n").contains("forged\\n2026").contains("\\u001b[31m");
    }

    @Test
    void aLineStartsWithItsIsoTimeAndNamesTheNode() throws IOException {
        assertThat(layout("hello")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO .* node=node-7 .*hello \\n");
    }
}
