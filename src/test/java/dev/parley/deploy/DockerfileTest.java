package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.TestApp;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The Dockerfile builds with the wrapper, runs as non-root on a JRE, and its healthcheck really works. */
class DockerfileTest {
    private static final Pattern TEMURIN = Pattern.compile("eclipse-temurin:(\\d+)[.\\d_]*-(jdk|jre)\\b.*");

    static Dockerfile.Stage build() {
        return Dockerfile.stages().get(0);
    }

    static Dockerfile.Stage run() {
        List<Dockerfile.Stage> stages = Dockerfile.stages();
        return stages.get(stages.size() - 1);
    }

    /** The numeric uid the image runs as. */
    static int imageUid() {
        List<String> users = run().args("USER");
        assertThat(users).isNotEmpty();
        String user = users.get(users.size() - 1).split(":")[0];
        assertThat(user).as("numeric uid, so runAsNonRoot can verify it").matches("\\d+");
        return Integer.parseInt(user);
    }

    @Test
    void buildsWithTheWrapperOnAJdkAndRunsOnAJre() {
        assertThat(Dockerfile.stages()).hasSize(2);
        Matcher jdk = TEMURIN.matcher(build().from());
        assertThat(jdk.matches()).as(build().from()).isTrue();
        assertThat(jdk.group(2)).isEqualTo("jdk");
        assertThat(Integer.parseInt(jdk.group(1))).isGreaterThanOrEqualTo(21);
        assertThat(build().name()).isEqualTo("build");
        assertThat(String.join("\n", build().args("RUN"))).contains("./mvnw -B -q package -DskipTests");

        Matcher jre = TEMURIN.matcher(run().from());
        assertThat(jre.matches()).as(run().from()).isTrue();
        assertThat(jre.group(2)).isEqualTo("jre");
        assertThat(Integer.parseInt(jre.group(1))).isGreaterThanOrEqualTo(21);
        assertThat(run().args("COPY")).anyMatch(c -> c.startsWith("--from=build") && c.contains("parley.jar"));
    }

    @Test
    void runsAsANonRootUser() {
        assertThat(imageUid()).isNotZero();
        assertThat(run().args("USER")).noneMatch(u -> u.startsWith("root"));
    }

    @Test
    void exposes8080AndKeepsDataOnAVolume() {
        assertThat(run().args("EXPOSE")).containsExactly("8080");
        assertThat(String.join(" ", run().args("VOLUME"))).contains("/data");
        Map<String, String> env = Dockerfile.env(run());
        assertThat(env).containsEntry("PARLEY_DATA_DIR", "/data");
        assertThat(env.getOrDefault("PARLEY_HTTP_PORT", "8080")).isEqualTo("8080");
    }

    @Test
    void everyVariableItSetsIsOneTheServerReads() {
        assertThat(DeployFiles.knownVariables())
                .containsAll(DeployFiles.parleyVariables(DeployFiles.read(Dockerfile.FILE)));
    }

    @Test
    void stopsOnSigtermAndSizesTheHeapFromTheContainer() {
        assertThat(run().args("STOPSIGNAL")).containsExactly("SIGTERM");
        String javaOpts = Dockerfile.env(run()).get("JAVA_OPTS");
        assertThat(javaOpts).contains("-XX:MaxRAMPercentage=").doesNotContain("-Xmx");
        // exec: java must be PID 1 to receive SIGTERM itself.
        assertThat(run().args("ENTRYPOINT")).singleElement().asString().contains("exec java $JAVA_OPTS -jar");
    }

    @Test
    void healthcheckPassesOnALiveNodeAndFailsWithoutOne() throws Exception {
        String command = Dockerfile.healthcheckCommand(run());
        assertThat(command).contains("/healthz");
        try (TestApp app = TestApp.start()) {
            assertThat(healthcheck(command, app.port())).as("exit code on a live node").isZero();
        }
        int nobody;
        try (ServerSocket socket = new ServerSocket(0)) {
            nobody = socket.getLocalPort();
        }
        assertThat(healthcheck(command, nobody)).as("exit code with nothing listening").isNotZero();
    }

    @Test
    void dockerignoreSendsTheBuildWhatItCopiesAndNothingElse() throws IOException {
        DockerIgnore ignore = DockerIgnore.load(DeployFiles.ROOT.resolve(".dockerignore"));
        List<String> copied = new ArrayList<>();
        for (String copy : build().args("COPY")) {
            String[] parts = copy.split("\\s+");
            for (int i = 0; i < parts.length - 1; i++) {
                if (!parts[i].startsWith("--")) {
                    copied.add(parts[i]);
                }
            }
        }
        assertThat(copied).contains("mvnw", "pom.xml", ".mvn", "src/main");
        for (String source : copied) {
            Path path = DeployFiles.ROOT.resolve(source);
            assertThat(path).exists();
            try (Stream<Path> files = Files.walk(path)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String relative = DeployFiles.ROOT.relativize(file).toString();
                    assertThat(ignore.excludes(relative)).as("%s reaches the build", relative).isFalse();
                }
            }
        }
        for (String kept : List.of("target/parley.jar", ".git/HEAD", "data/parley.db", "src/test/java/dev/parley/TestApp.java",
                "src/bench/java/dev/parley/bench/Bench.java", "target/parley-bench.jar")) {
            assertThat(ignore.excludes(kept)).as("%s stays out of the build context", kept).isTrue();
        }
    }

    /** Runs the HEALTHCHECK command the way Docker does (shell form: /bin/sh -c). */
    private static int healthcheck(String command, int port) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true);
        builder.environment().put("PARLEY_HTTP_PORT", Integer.toString(port));
        Process p = builder.start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("healthcheck finished").isTrue();
        return p.exitValue();
    }
}
