package dev.parley.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./parley} on a machine like this project's: JAVA_HOME unset, a JDK 17 {@code java} first
 * on PATH, newer JDKs in the usual install folder. It must find a JDK 21+, build the jar with it
 * when needed, run the server or the test suite with it, and say what to install when none exists.
 */
class LauncherTest {
    @TempDir
    Path dir;

    private Scratch machine;
    private Path jdk17;

    @BeforeEach
    void machineLikeOurs() throws Exception {
        machine = new Scratch(dir);
        jdk17 = machine.jdk("java-17-openjdk-amd64", "17.0.15", true);
        machine.javaOnPath(jdk17);
    }

    @Test
    void theCommittedLauncherIsExecutable() {
        assertThat(Files.isExecutable(Path.of("parley"))).isTrue();
    }

    @Test
    void picksTheNewestJdk21PlusFromTheInstallFoldersOverJdk17OnPath() throws Exception {
        machine.jdk("jdk-21.0.5", "21.0.5", true);
        Path jdk25 = machine.jdk("temurin-25-jdk-amd64", "25.0.1", true);
        machine.jdk("jdk-25-no-release-file", "25", false);
        machine.jre("jre-26", "26");
        machine.builtJar();

        Scratch.Run run = machine.parley("--version");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo(ranWith(jdk25) + "-jar "
                + machine.checkout.resolve("target/parley.jar") + " --version");
    }

    @Test
    void readsTheVersionFromJavaWhenAJdkHasNoReleaseFile() throws Exception {
        Path jdk22 = machine.jdk("jdk-22", "22.0.2", false);
        machine.builtJar();

        Scratch.Run run = machine.parley();

        assertThat(run.out()).startsWith(ranWith(jdk22) + "-jar ");
    }

    @Test
    void aJavaHomeOfJdk21PlusWinsOverNewerJdks() throws Exception {
        Path jdk21 = machine.jdk("jdk-21", "21.0.5", true);
        machine.jdk("jdk-25", "25.0.1", true);
        machine.javaHome(jdk21);
        machine.builtJar();

        Scratch.Run run = machine.parley("--help");

        assertThat(run.out()).startsWith(ranWith(jdk21) + "-jar ").endsWith("--help\n");
    }

    @Test
    void aJavaHomeOlderThan21IsReportedAndPassedOver() throws Exception {
        Path jdk25 = machine.jdk("jdk-25", "25.0.1", true);
        machine.javaHome(jdk17);
        machine.builtJar();

        Scratch.Run run = machine.parley();

        assertThat(run.err()).contains("JAVA_HOME=" + jdk17 + " is JDK 17.0.15");
        assertThat(run.out()).startsWith(ranWith(jdk25));
    }

    @Test
    void aJdk21PlusOnPathIsUsedBeforeTheInstallFolders() throws Exception {
        Path onPath = machine.jdk("jdk-21-on-path", "21.0.5", false);
        machine.jdk("jdk-25", "25.0.1", true);
        machine.javaOnPath(onPath);
        machine.builtJar();

        assertThat(machine.parley().out()).startsWith(ranWith(onPath));
    }

    @Test
    void buildsTheJarWithTheFoundJdkWhenMissingOrOlderThanTheSources() throws Exception {
        Path jdk25 = machine.jdk("jdk-25", "25.0.1", true);

        Scratch.Run first = machine.parley();
        assertThat(first.out()).contains("mvnw ran: JAVA_HOME=" + jdk25 + " java=" + jdk25 + "/bin/java args: -q -B package")
                .contains(ranWith(jdk25) + "-jar");

        assertThat(machine.parley().out()).as("the jar is fresh").doesNotContain("mvnw ran");

        machine.editSource();
        assertThat(machine.parley().out()).as("a source is newer than the jar").contains("mvnw ran");
    }

    @Test
    void testRunsMavenVerifyWithTheFoundJdkAndPassesArgumentsThrough() throws Exception {
        Path jdk25 = machine.jdk("jdk-25", "25.0.1", true);

        Scratch.Run run = machine.parley("test", "-B", "-ntp", "-Dtest=SomeTest");

        assertThat(run.exit()).isZero();
        assertThat(run.out().strip()).isEqualTo("mvnw ran: JAVA_HOME=" + jdk25 + " java=" + jdk25
                + "/bin/java args: verify -B -ntp -Dtest=SomeTest");
    }

    @Test
    void otherCommandsGoToTheJar() throws Exception {
        machine.jdk("jdk-25", "25.0.1", true);
        machine.builtJar();

        assertThat(machine.parley("export", "--thread", "a b").out()).endsWith("parley.jar export --thread a b\n");
    }

    @Test
    void withoutAJdk21PlusExitsNonZeroSayingWhatToInstallAndWhereItLooked() throws Exception {
        machine.jdk("java-11-openjdk-amd64", "11.0.20", true);
        machine.jre("jre-25", "25.0.1");
        machine.builtJar();

        Scratch.Run run = machine.parley();

        assertThat(run.exit()).isNotZero();
        assertThat(run.out()).as("nothing was run").isEmpty();
        assertThat(run.err()).contains("needs a JDK 21 or newer",
                "sudo apt-get install openjdk-21-jdk", "Temurin", "https://adoptium.net", "temurin-21-jdk",
                "JAVA_HOME: not set", "PATH: " + dir.resolve("bin/java") + " is Java 17.0.15",
                jdk17 + ": JDK 17.0.15", "java-11-openjdk-amd64: JDK 11.0.20", machine.jvms + "/*");
    }

    /** What the fake java of this JDK prints when the launcher runs it, up to its arguments. */
    private static String ranWith(Path jdk) {
        return "java ran: " + jdk + "/bin/java ";
    }
}
