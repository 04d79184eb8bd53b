package dev.parley.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Disqus's XML export. Pages and comments are separate records: {@code <thread dsq:id>} holds the
 * page's {@code <link>}, each {@code <post>} points at its thread and parent by {@code dsq:id}
 * (an older post may have only an {@code <id>}). Threads come first in an export, but nothing
 * depends on that: posts are resolved after the whole file is read. A post that is deleted or
 * spam, or whose thread is deleted or missing, is skipped. An author's key is their Disqus user
 * name, else their email; anonymous guests have none.
 */
final class DisqusReader {
    private record Page(String link, boolean deleted) {
    }

    /** A post as read, kept small: the file's other records may come after it. */
    private record Post(String id, String thread, String parent, boolean deleted, boolean spam, String createdAt,
                        String author, String authorKey, String message) {
    }

    private final HtmlToMarkdown html = new HtmlToMarkdown(false);

    SourceFile read(Path file) throws IOException {
        Map<String, Page> pages = new HashMap<>();
        List<Post> posts = new ArrayList<>();
        try (InputStream in = Readers.open(file)) {
            XMLStreamReader r = Xml.open(in);
            if (!Xml.nextStart(r) || !r.getLocalName().equals("disqus")) {
                throw new ImportException("not a Disqus export: the document does not start with <disqus>");
            }
            while (Xml.nextStart(r)) {
                Xml.Element e = Xml.read(r);
                if (e.name.equals("thread")) {
                    pages.put(e.attribute("id"), new Page(e.text("link"), "true".equals(e.text("isDeleted"))));
                } else if (e.name.equals("post")) {
                    posts.add(post(e));
                }
            }
        } catch (XMLStreamException e) {
            throw new ImportException("not a readable Disqus export: " + Readers.describe(e), e);
        }
        SourceFile out = new SourceFile();
        for (Post post : posts) {
            add(post, pages.get(post.thread()), out);
        }
        return out;
    }

    private static Post post(Xml.Element e) {
        String id = e.attribute("id").isEmpty() ? e.text("id") : e.attribute("id");
        Xml.Element thread = e.child("thread");
        Xml.Element parentRef = e.child("parent");
        String parent = parentRef == null || parentRef.attribute("id").isEmpty() ? null : parentRef.attribute("id");
        boolean anonymous = "true".equals(e.text("author", "isAnonymous"));
        String username = e.text("author", "username");
        String email = e.text("author", "email");
        String key = anonymous ? null : !username.isEmpty() ? "user:" + username : !email.isEmpty() ? "email:" + email : null;
        return new Post(id.isEmpty() ? null : id, thread == null ? "" : thread.attribute("id"), parent,
                "true".equals(e.text("isDeleted")), "true".equals(e.text("isSpam")), e.text("createdAt"),
                e.text("author", "name"), key, e.text("message"));
    }

    private void add(Post post, Page page, SourceFile out) {
        String reason = post.id() == null ? SourceFile.UNREADABLE
                : post.deleted() ? SourceFile.DELETED
                : post.spam() ? SourceFile.SPAM
                : page == null ? SourceFile.NO_THREAD
                : page.deleted() ? SourceFile.DELETED : null;
        if (reason != null) {
            out.skip(reason, post.id(), post.parent());
            return;
        }
        Instant created = Readers.instant(post.createdAt());
        if (created == null) {
            out.skip(SourceFile.UNREADABLE, post.id(), post.parent());
            return;
        }
        String thread = PagePath.of(page.link()).orElse(null);
        if (thread == null) {
            out.skip(SourceFile.NO_PAGE, post.id(), post.parent());
            return;
        }
        out.add(new SourceComment(post.id(), page.link(), thread, post.parent(), post.author(), post.authorKey(),
                html.convert(post.message()), created, null, null));
    }
}
