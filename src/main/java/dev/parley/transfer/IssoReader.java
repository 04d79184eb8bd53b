package dev.parley.transfer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.sqlite.SQLiteConfig;

/**
 * Isso's SQLite database, opened read-only: {@code threads} ({@code id}, {@code uri}: the page's
 * path) and {@code comments} ({@code tid}, {@code id}, {@code parent}, {@code created} in seconds,
 * {@code modified}, {@code mode}: 1 public, 2 waiting for approval, 4 deleted but kept for its
 * replies; {@code text} is Markdown, as Isso stores it, with HTML allowed in it; {@code author}
 * may be empty). The text is rendered to HTML first and converted back to Parley's subset, so
 * HTML that older imports into Isso left in it is read the same way as Markdown. The author's key
 * is their email.
 */
final class IssoReader {
    private final HtmlToMarkdown html = new HtmlToMarkdown(false);
    private final Parser markdown = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().build();

    SourceFile read(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(org.sqlite.SQLiteOpenMode.READONLY);
        SourceFile out = new SourceFile();
        try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
             Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT c.id, c.parent, c.created, c.modified, c.mode, c.text, c.author,"
                     + " c.email, t.uri FROM comments c JOIN threads t ON t.id = c.tid ORDER BY c.id")) {
            while (rs.next()) {
                comment(rs, out);
            }
        } catch (SQLException e) {
            throw new ImportException("not a readable Isso database: " + e.getMessage().replaceAll("\\s+", " "), e);
        }
        return out;
    }

    private void comment(ResultSet rs, SourceFile out) throws SQLException {
        String id = Long.toString(rs.getLong("id"));
        long parentId = rs.getLong("parent");
        String parent = rs.wasNull() ? null : Long.toString(parentId);
        int mode = rs.getInt("mode");
        String uri = rs.getString("uri");
        String thread = PagePath.of(uri).orElse(null);
        String reason = mode == 4 ? SourceFile.DELETED : mode != 1 ? SourceFile.UNAPPROVED
                : thread == null ? SourceFile.NO_PAGE : null;
        if (reason != null) {
            out.skip(reason, id, parent);
            return;
        }
        double modified = rs.getDouble("modified");
        Instant edited = rs.wasNull() ? null : seconds(modified);
        String email = rs.getString("email");
        String text = rs.getString("text");
        out.add(new SourceComment(id, uri, thread, parent, rs.getString("author") == null ? "" : rs.getString("author"),
                email == null || email.isBlank() ? null : "email:" + email.strip(),
                html.convert(renderer.render(markdown.parse(text == null ? "" : text))), seconds(rs.getDouble("created")),
                edited, null));
    }

    private static Instant seconds(double seconds) {
        return Instant.ofEpochMilli(Math.round(seconds * 1000));
    }
}
