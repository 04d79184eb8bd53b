package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CommandLineTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.command(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void versionPrintsTheVersion() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("parley ");
    }

    @Test
    void helpListsTheSettings() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("PARLEY_HTTP_PORT").contains("--version");
    }

    @Test
    void helpNamesTheCommandsAndWhatSiteMeans() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("import --format disqus|wordpress|remark42|isso|parley FILE")
                .contains("export FILE").contains("backup DIR").contains("--site S names one of the server's sites")
                .contains("without it, the default site");
    }

    @Test
    void aCommandWithoutItsArgumentsIsRefusedWithExitCode2AndItsUsage() {
        assertThat(run("import")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("parley import: --format is required")
                .contains("usage: java -jar parley.jar import --format");
        assertThat(err.toString(StandardCharsets.UTF_8).lines().count()).isEqualTo(1);
    }

    @Test
    void anUnknownArgumentIsRefusedWithExitCode2() {
        assertThat(run("--port=9000")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown argument '--port=9000'").contains("--help");
        assertThat(out.size()).isZero();
    }
}
