package dev.parley.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A scratch machine for the {@code ./parley} launcher: a copy of the script in a checkout with a
 * fake {@code mvnw}, fake JDKs whose {@code java} only reports its version or says how it was
 * run, a PATH whose first {@code java} is one of them, and no JAVA_HOME unless a test sets one.
 */
final class Scratch {
    /** What one run of the launcher did. */
    record Run(int exit, String out, String err) {
    }

    private final Path dir;
    final Path checkout;
    final Path jvms;
    private final Path bin;
    private String javaHome;

    Scratch(Path dir) throws IOException {
        this.dir = dir;
        checkout = Files.createDirectories(dir.resolve("checkout"));
        jvms = Files.createDirectories(dir.resolve("usr-lib-jvm"));
        bin = Files.createDirectories(dir.resolve("bin"));
        Files.createDirectories(dir.resolve("home"));
        Files.copy(Path.of("parley"), checkout.resolve("parley"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.createDirectories(checkout.resolve("src/main/java"));
        Files.writeString(checkout.resolve("src/main/java/Main.java"), "class Main {}\n");
        Files.writeString(checkout.resolve("pom.xml"), "<project/>\n");
        // Says what it was asked and with which JDK; "package" leaves a jar behind as Maven would.
        script(checkout.resolve("mvnw"), """
                #!/bin/sh
                echo "mvnw ran: JAVA_HOME=$JAVA_HOME java=$(command -v java) args: $*"
                case " $* " in *" package "*) mkdir -p target && echo jar > target/parley.jar ;; esac
                """);
    }

    /** A JDK folder under the fake usual install folder; with a release file or without one. */
    Path jdk(String name, String version, boolean releaseFile) throws IOException {
        return jdk(jvms.resolve(name), version, releaseFile, true);
    }

    /** A JRE: java but no javac, so it cannot build. */
    Path jre(String name, String version) throws IOException {
        return jdk(jvms.resolve(name), version, true, false);
    }

    private Path jdk(Path home, String version, boolean releaseFile, boolean javac) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        script(home.resolve("bin/java"), """
                #!/bin/sh
                if [ "$1" = -XshowSettings:properties ]; then
                  printf 'Property settings:\\n    java.home = %s\\n    java.version = %s\\n' '@HOME@' '@VERSION@' >&2
                  printf 'openjdk version "%s"\\n' '@VERSION@' >&2
                  exit 0
                fi
                echo "java ran: $0 $*"
                """.replace("@HOME@", home.toString()).replace("@VERSION@", version));
        if (javac) {
            script(home.resolve("bin/javac"), "#!/bin/sh\nexit 0\n");
        }
        if (releaseFile) {
            Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        }
        return home;
    }

    /** Puts this JDK's java first on PATH, as a symlink the way Debian's alternatives do. */
    void javaOnPath(Path jdk) throws IOException {
        Files.deleteIfExists(bin.resolve("java"));
        Files.createSymbolicLink(bin.resolve("java"), jdk.resolve("bin/java"));
    }

    void javaHome(Path jdk) {
        javaHome = jdk.toString();
    }

    /** A built jar, newer than every source. */
    void builtJar() throws IOException {
        Path jar = Files.createDirectories(checkout.resolve("target")).resolve("parley.jar");
        Files.writeString(jar, "jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
    }

    /** A server source edited after the jar was built. */
    void editSource() throws IOException {
        Files.setLastModifiedTime(checkout.resolve("src/main/java/Main.java"), FileTime.from(Instant.now().plusSeconds(120)));
    }

    /** Runs ./parley with these arguments, from the checkout, in the scratch environment only. */
    Run parley(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(checkout.resolve("parley").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(checkout.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", bin + ":/usr/bin:/bin");
        env.put("HOME", dir.resolve("home").toString());
        env.put("PARLEY_JDK_SEARCH_PATH", jvms + "/*");
        if (javaHome != null) {
            env.put("JAVA_HOME", javaHome);
        }
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
        return new Run(p.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
    }

    private static void script(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
