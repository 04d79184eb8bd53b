package dev.parley.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/configuration.md's tables are the settings table's: a setting added or changed shows here. */
class ConfigurationDocsTest {
    private static final String BEGIN = "<!-- settings:begin (generated from config/Setting.java; see ConfigurationDocsTest) -->\n";
    private static final String END = "<!-- settings:end -->";

    @Test
    void theDocsListEverySettingAsTheTableDefinesIt() throws IOException {
        String docs = Files.readString(Path.of("docs/configuration.md"));
        int begin = docs.indexOf(BEGIN);
        int end = docs.indexOf(END);
        assertThat(begin).as("docs/configuration.md has the generated section markers").isNotNegative();
        String current = docs.substring(begin + BEGIN.length(), end);
        String expected = Help.markdown();
        if (!current.equals(expected)) {
            Path fresh = Path.of("target", "configuration.md");
            Files.writeString(fresh, docs.substring(0, begin + BEGIN.length()) + expected + docs.substring(end));
            assertThat(current).as("docs/configuration.md is out of date: copy " + fresh + " over it").isEqualTo(expected);
        }
    }

    @Test
    void helpListsEverySettingWithItsDefaultAndRange() {
        String help = ConfigLoader.help();
        for (Setting s : Setting.values()) {
            assertThat(help).contains(s.variable());
        }
        assertThat(help).contains("at least 32 characters").contains("0..65535");
    }
}
