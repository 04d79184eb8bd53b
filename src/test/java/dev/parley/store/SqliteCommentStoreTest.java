package dev.parley.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteCommentStoreTest extends CommentStoreContract {
    @TempDir
    Path dataDir;

    @Override
    protected Database openDatabase() {
        return new Database(new Database.Settings(dataDir, "", 4), new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }
}
