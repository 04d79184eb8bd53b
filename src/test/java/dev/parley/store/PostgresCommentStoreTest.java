package dev.parley.store;

import dev.parley.Services;
import java.nio.file.Path;

/** The same contract on the PostgreSQL at 127.0.0.1:5432, each test in a database of its own. */
class PostgresCommentStoreTest extends CommentStoreContract {
    private String url;

    @Override
    protected Database openDatabase() {
        url = Services.createPostgresDatabase();
        return new Database(new Database.Settings(Path.of("unused"), url, 8), new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    @Override
    protected void cleanUp() {
        Services.dropPostgresDatabase(url);
    }
}
