package dev.parley.transfer;

import dev.parley.Http;
import dev.parley.TestApp;
import dev.parley.cli.Commands;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The sample files under src/test/resources/import, the command line, and reading a node's threads. */
final class Samples {
    private Samples() {
    }

    /** The sample file of a format, copied into {@code dir} (Isso's database built from its SQL). */
    static Path of(Format format, Path dir) {
        try {
            if (format == Format.ISSO) {
                Path db = dir.resolve("isso.db");
                Files.deleteIfExists(db);
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
                    for (String sql : resource("isso.sql").replaceAll("(?m)^--.*$", "").split(";\n")) {
                        if (!sql.isBlank()) {
                            st.execute(sql);
                        }
                    }
                }
                return db;
            }
            String name = switch (format) {
                case DISQUS -> "disqus.xml";
                case WORDPRESS -> "wordpress.xml";
                case REMARK42 -> "remark42.json";
                default -> throw new IllegalArgumentException(format.wire());
            };
            return Files.writeString(dir.resolve(name), resource(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String resource(String name) throws IOException {
        try (InputStream in = Samples.class.getResourceAsStream("/import/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** What a command printed and its exit code. */
    record Run(int exit, String out, String err) {
    }

    static Run cli(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Commands.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "test");
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Every comment of a thread, by seq, read over REST. */
    static List<JsonObject> thread(TestApp app, String thread) {
        JsonObject page = Http.json(Http.get(app.baseUrl() + "/api/v1/comments?limit=500&thread="
                + URLEncoder.encode(thread, StandardCharsets.UTF_8)));
        List<JsonObject> comments = new ArrayList<>();
        JsonArray items = page.getJsonArray("comments");
        for (int i = 0; i < items.size(); i++) {
            comments.add(items.getJsonObject(i));
        }
        return comments;
    }

    /** The author of the comment with this id among {@code comments}, or null. */
    static String authorOf(List<JsonObject> comments, Long id) {
        return comments.stream().filter(c -> id != null && id.equals(c.getLong("id"))).map(c -> c.getString("author"))
                .findFirst().orElse(null);
    }
}
