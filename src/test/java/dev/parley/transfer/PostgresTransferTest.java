package dev.parley.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Services;
import dev.parley.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same import, export and backup commands against PostgreSQL. */
class PostgresTransferTest {
    @TempDir
    Path dir;
    private String database;

    @BeforeEach
    void createDatabase() {
        database = Services.createPostgresDatabase();
    }

    @AfterEach
    void dropDatabase() {
        Services.dropPostgresDatabase(database);
    }

    private Map<String, String> env() {
        return Map.of("PARLEY_DATA_DIR", dir.resolve("data").toString(), "PARLEY_DATABASE_URL", database);
    }

    @Test
    void importsExportsAndReimportsOnPostgres() throws Exception {
        Samples.Run run = Samples.cli(env(), "import", "--format", "wordpress", Samples.of(Format.WORDPRESS, dir).toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("imported 7 comments into 2 threads");
        assertThat(Samples.cli(env(), "import", "--format", "wordpress", Samples.of(Format.WORDPRESS, dir).toString()).out())
                .contains("already imported before: 7");
        try (TestApp app = TestApp.start(env())) {
            assertThat(Samples.thread(app, "/2020/01/hello-world/")).extracting(c -> c.getString("author"))
                    .containsExactly("Ann", "たろう", "Ben", "Anonymous", "Cleo");
        }
        Path file = dir.resolve("export.jsonl");
        assertThat(Samples.cli(env(), "export", file.toString()).out()).contains("exported 2 threads and 7 comments");
        assertThat(Files.readAllLines(file)).hasSize(2 + 2 + 7 + 1);

        Samples.Run backup = Samples.cli(env(), "backup", dir.resolve("copy").toString());
        assertThat(backup.exit()).isEqualTo(1);
        assertThat(backup.err()).contains("pg_dump");
    }
}
