package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.TestApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The two jars {@code ./mvnw package} leaves in target/ (run by Failsafe after the package phase):
 * parley.jar is the server and nothing else, parley-bench.jar is the load tool, needs only the
 * JDK and runs on its own.
 */
class PackagedJarsIT {
    private static final Path SERVER = DeployFiles.ROOT.resolve("target/parley.jar");
    private static final Path BENCH = DeployFiles.ROOT.resolve("target/parley-bench.jar");

    @Test
    void theServerJarHoldsTheServerAndNotTheLoadTool() throws IOException {
        List<String> entries = entries(SERVER);

        assertThat(entries).contains("dev/parley/Main.class", "dev/parley/App.class");
        assertThat(entries).noneMatch(e -> e.startsWith("dev/parley/bench/"));
        assertThat(mainClass(SERVER)).isEqualTo("dev.parley.Main");
    }

    @Test
    void theBenchJarHoldsOnlyTheLoadToolAndNeedsNothingButTheJdk() throws IOException {
        List<String> classes = entries(BENCH).stream().filter(e -> e.endsWith(".class")).toList();

        assertThat(classes).contains("dev/parley/bench/Bench.class").allMatch(e -> e.startsWith("dev/parley/bench/"));
        assertThat(mainClass(BENCH)).isEqualTo("dev.parley.bench.Bench");
        // jdeps names every module or package each class refers to; "not found" for anything
        // that is neither in the jar nor in the JDK (a server class, Vert.x, Jackson, ...).
        String summary = jdeps("-summary", BENCH.toString());
        assertThat(summary.lines().toList()).isNotEmpty()
                .allSatisfy(line -> assertThat(line).as(summary).matches("parley-bench\\.jar -> (java|jdk)\\.[\\w.]+"));
    }

    @Test
    void theBenchJarRunsOnItsOwnAgainstANode() throws Exception {
        assertThat(run("--help")).contains("usage: java -jar parley-bench.jar <scenario>");

        try (TestApp app = TestApp.start(Map.of("PARLEY_RATE_LIMITS", "off"))) {
            String out = run("storm", "--clients", "20", "--in-flight", "5", "--threads", "2",
                    "--port", Integer.toString(app.port()), "--pid", Long.toString(ProcessHandle.current().pid()));
            assertThat(out).contains("\"scenario\":\"storm\"", "\"ready\":20", "\"failed\":0");
        }
    }

    private static List<String> entries(Path jar) throws IOException {
        assertThat(jar).as("built by ./mvnw package").exists();
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(JarEntry::getName).toList();
        }
    }

    private static String mainClass(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest().getMainAttributes().getValue("Main-Class");
        }
    }

    private static String jdeps(String... args) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("no jdeps in this JDK"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertThat(jdeps.run(print, print, args)).as(out.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    /** java -jar target/parley-bench.jar with these arguments, on the JDK running the tests. */
    private static String run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", BENCH.toString()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile("parley-bench", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("parley-bench finished").isTrue();
            String out = Files.readString(output);
            assertThat(p.exitValue()).as(out).isZero();
            return out;
        } finally {
            Files.delete(output);
        }
    }
}
