package dev.parley.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory, the database files and the generated secret are the server user's alone. */
class FileModesTest {
    private static final List<String> FILES = List.of("parley.db", "parley.db-shm", "parley.db-wal", "secret.key");

    @TempDir
    Path tmp;

    @Test
    void aFreshDataDirectoryAndEverythingInItAreOwnerOnly() throws IOException {
        Path data = tmp.resolve("fresh/data");
        try (TestApp app = TestApp.start(Map.of("PARLEY_DATA_DIR", data.toString()))) {
            Http.postComment(app, "modes", "Ann", "written through the WAL");
            assertThat(mode(data)).isEqualTo("rwx------");
            for (String name : FILES) {
                assertThat(mode(data.resolve(name))).as(name).isEqualTo("rw-------");
            }
            assertThat(names(data)).as("no temporary file is left behind").containsExactlyElementsOf(FILES);
            assertThat(Files.readString(data.resolve("secret.key"))).as("a whole key").matches("[0-9a-f]{64}");
        }
    }

    @Test
    void filesAnOlderVersionLeftReadableAreMadeOwnerOnlyAtStart() throws IOException {
        Path data = tmp.resolve("upgraded");
        TestApp.start(Map.of("PARLEY_DATA_DIR", data.toString())).close();
        String key = Files.readString(data.resolve("secret.key"));
        for (String name : List.of("parley.db", "secret.key")) {
            Files.setPosixFilePermissions(data.resolve(name), PosixFilePermissions.fromString("rw-r--r--"));
        }
        try (TestApp app = TestApp.start(Map.of("PARLEY_DATA_DIR", data.toString()))) {
            Http.postComment(app, "modes", "Ann", "after the upgrade");
            for (String name : FILES) {
                assertThat(mode(data.resolve(name))).as(name).isEqualTo("rw-------");
            }
        }
        assertThat(Files.readString(data.resolve("secret.key"))).as("the same key, kept").isEqualTo(key);
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
