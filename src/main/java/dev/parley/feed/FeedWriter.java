package dev.parley.feed;

import dev.parley.protocol.Comment;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Atom (RFC 4287) and RSS 2.0 documents, written with the JDK's StAX writer, which escapes every
 * text and attribute. A comment's HTML (already sanitised when it was posted) goes in as escaped
 * text: Atom {@code <content type="html">}, RSS {@code <description>}, as each format expects.
 * Characters XML 1.0 cannot carry are dropped, so no comment can make the document invalid.
 */
public final class FeedWriter {
    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final String DC = "http://purl.org/dc/elements/1.1/";
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    /** What the feed is: its title, its own URL (null: unknown), its page (null: none), its id. */
    public record Head(String title, String selfUrl, String pageUrl, String id) {
    }

    private final String idAuthority;

    /** {@code idAuthority}: the host in the tag: ids of entries ({@code tag:host,2025:comment:42}). */
    public FeedWriter(String idAuthority) {
        this.idAuthority = idAuthority;
    }

    public byte[] atom(Head head, List<FeedStore.Entry> entries) {
        return write(w -> {
            w.writeStartElement("feed");
            w.writeDefaultNamespace(ATOM);
            text(w, "title", head.title());
            text(w, "id", head.id());
            if (head.selfUrl() != null) {
                link(w, "self", head.selfUrl());
            }
            if (head.pageUrl() != null) {
                link(w, "alternate", head.pageUrl());
            }
            text(w, "updated", iso(entries.isEmpty() ? Instant.EPOCH : updated(entries.get(0).comment())));
            text(w, "generator", "Parley");
            for (FeedStore.Entry e : entries) {
                Comment c = e.comment();
                w.writeStartElement("entry");
                text(w, "title", "Comment by " + c.author());
                text(w, "id", entryId(c));
                if (e.pageUrl() != null) {
                    link(w, "alternate", permalink(e));
                }
                text(w, "published", iso(c.createdAt()));
                text(w, "updated", iso(updated(c)));
                w.writeStartElement("author");
                text(w, "name", c.author());
                w.writeEndElement();
                w.writeStartElement("content");
                w.writeAttribute("type", "html");
                w.writeCharacters(clean(c.html()));
                w.writeEndElement();
                w.writeEndElement();
            }
            w.writeEndElement();
        });
    }

    public byte[] rss(Head head, String homeUrl, List<FeedStore.Entry> entries) {
        return write(w -> {
            w.writeStartElement("rss");
            w.writeAttribute("version", "2.0");
            w.writeNamespace("atom", ATOM);
            w.writeNamespace("dc", DC);
            w.writeStartElement("channel");
            text(w, "title", head.title());
            text(w, "link", head.pageUrl() != null ? head.pageUrl() : homeUrl);
            text(w, "description", head.title());
            if (head.selfUrl() != null) {
                w.writeEmptyElement(ATOM, "link");
                w.writeAttribute("rel", "self");
                w.writeAttribute("type", "application/rss+xml");
                w.writeAttribute("href", clean(head.selfUrl()));
            }
            text(w, "generator", "Parley");
            if (!entries.isEmpty()) {
                text(w, "lastBuildDate", rfc822(updated(entries.get(0).comment())));
            }
            for (FeedStore.Entry e : entries) {
                Comment c = e.comment();
                w.writeStartElement("item");
                text(w, "title", "Comment by " + c.author());
                if (e.pageUrl() != null) {
                    text(w, "link", permalink(e));
                }
                w.writeStartElement("guid");
                w.writeAttribute("isPermaLink", "false");
                w.writeCharacters(entryId(c));
                w.writeEndElement();
                text(w, "pubDate", rfc822(c.createdAt()));
                w.writeStartElement(DC, "creator");
                w.writeCharacters(clean(c.author()));
                w.writeEndElement();
                text(w, "description", c.html());
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndElement();
        });
    }

    /** The comment's place on its page: the widget scrolls to {@code #parley-<id>}. */
    static String permalink(FeedStore.Entry e) {
        return e.pageUrl() + "#parley-" + e.comment().id();
    }

    private String entryId(Comment c) {
        return "tag:" + idAuthority + ",2025:comment:" + c.id();
    }

    private static Instant updated(Comment c) {
        return c.editedAt() != null ? c.editedAt() : c.createdAt();
    }

    private interface Body {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            XMLStreamWriter w = FACTORY.createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.setPrefix("dc", DC);
            w.setPrefix("atom", ATOM);
            body.write(w);
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write a feed", e);
        }
        return out.toByteArray();
    }

    private static void text(XMLStreamWriter w, String element, String value) throws XMLStreamException {
        w.writeStartElement(element);
        w.writeCharacters(clean(value));
        w.writeEndElement();
    }

    private static void link(XMLStreamWriter w, String rel, String href) throws XMLStreamException {
        w.writeEmptyElement("link");
        w.writeAttribute("rel", rel);
        w.writeAttribute("href", clean(href));
    }

    /** Drops what XML 1.0 cannot carry: C0 controls but tab and line breaks, lone surrogates, U+FFFE/F. */
    static String clean(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(ch)) {
                ok = i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
                if (ok) {
                    if (out != null) {
                        out.append(ch).append(s.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else {
                ok = !Character.isLowSurrogate(ch) && (ch >= 0x20 || ch == '\t' || ch == '\n' || ch == '\r')
                        && ch != 0xFFFE && ch != 0xFFFF;
            }
            if (!ok && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            } else if (ok && out != null) {
                out.append(ch);
            }
        }
        return out == null ? s : out.toString();
    }

    private static String iso(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }

    private static String rfc822(Instant t) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(t.atOffset(ZoneOffset.UTC));
    }
}
