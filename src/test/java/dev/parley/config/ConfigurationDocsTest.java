package dev.parley.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigurationDocsTest {

    @Test
    void everyVariableTheServerReadsIsDocumented() throws IOException {
        String docs = Files.readString(Path.of("docs/configuration.md"));
        for (String variable : ConfigLoader.variables()) {
            assertThat(docs).as("docs/configuration.md documents " + variable).contains("`" + variable + "`");
        }
    }
}
