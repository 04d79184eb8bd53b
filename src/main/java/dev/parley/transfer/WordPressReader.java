package dev.parley.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * WordPress's export (WXR: RSS with {@code wp:} elements, namespace
 * {@code http://wordpress.org/export/1.x/}). Each {@code <item>} is a post or page with its
 * {@code <link>} and its {@code <wp:comment>}s. Kept: comments with {@code comment_approved} 1;
 * {@code 0} is unapproved, {@code spam} spam, {@code trash} and {@code post-trashed} deleted.
 * Pingbacks, trackbacks and any other {@code comment_type} (WooCommerce keeps private order notes
 * as comments) are not comments. {@code comment_parent} 0 means none. Dates are
 * {@code comment_date_gmt} (UTC), or the blog's local {@code comment_date} when the GMT one is
 * zero. Comment text keeps its line breaks, as WordPress shows them.
 */
final class WordPressReader {
    private static final String NAMESPACE = "http://wordpress.org/export/";
    private static final DateTimeFormatter WP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final HtmlToMarkdown html = new HtmlToMarkdown(true);

    SourceFile read(Path file) throws IOException {
        SourceFile out = new SourceFile();
        boolean wxr = false;
        try (InputStream in = Readers.open(file)) {
            XMLStreamReader r = Xml.open(in);
            if (!Xml.nextStart(r) || !r.getLocalName().equals("rss")) {
                throw new ImportException("not a WordPress export: the document does not start with <rss>");
            }
            for (int i = 0; i < r.getNamespaceCount(); i++) {
                wxr |= r.getNamespaceURI(i) != null && r.getNamespaceURI(i).startsWith(NAMESPACE);
            }
            if (!wxr) {
                throw new ImportException("not a WordPress export: no " + NAMESPACE + "1.x namespace");
            }
            while (Xml.nextStart(r)) {
                if (r.getLocalName().equals("item")) {
                    item(Xml.read(r), out);
                }
            }
        } catch (XMLStreamException e) {
            throw new ImportException("not a readable WordPress export: " + Readers.describe(e), e);
        }
        return out;
    }

    private void item(Xml.Element item, SourceFile out) {
        String link = item.text("link");
        String thread = PagePath.of(link).orElse(null);
        for (Xml.Element c : item.children) {
            if (c.name.equals("comment") && c.namespace.startsWith(NAMESPACE)) {
                comment(c, link, thread, out);
            }
        }
    }

    private void comment(Xml.Element c, String link, String thread, SourceFile out) {
        String id = c.text("comment_id");
        String parent = c.text("comment_parent").isEmpty() || c.text("comment_parent").equals("0")
                ? null : c.text("comment_parent");
        String type = c.text("comment_type");
        String approved = c.text("comment_approved");
        Instant created = time(c.text("comment_date_gmt"));
        created = created != null ? created : time(c.text("comment_date"));
        String reason = id.isEmpty() || created == null ? SourceFile.UNREADABLE
                : !(type.isEmpty() || type.equals("comment")) ? SourceFile.NOT_A_COMMENT
                : approved.equals("spam") ? SourceFile.SPAM
                : approved.equals("trash") || approved.equals("post-trashed") ? SourceFile.DELETED
                : !approved.equals("1") ? SourceFile.UNAPPROVED
                : thread == null ? SourceFile.NO_PAGE : null;
        if (reason != null) {
            out.skip(reason, id.isEmpty() ? null : id, parent);
            return;
        }
        String user = c.text("comment_user_id");
        String email = c.text("comment_author_email");
        String key = !user.isEmpty() && !user.equals("0") ? "user:" + user : !email.isEmpty() ? "email:" + email : null;
        out.add(new SourceComment(id, link, thread, parent, c.text("comment_author"), key,
                html.convert(c.text("comment_content")), created, null, null));
    }

    /** WordPress's {@code 2024-05-01 13:45:00}, read as UTC; null for its zero date or anything unreadable. */
    private static Instant time(String text) {
        try {
            return text.startsWith("0000") ? null : LocalDateTime.parse(text, WP_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
