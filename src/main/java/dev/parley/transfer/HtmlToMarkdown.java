package dev.parley.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Turns a source's comment HTML into a body in Parley's Markdown subset (paragraphs, line breaks,
 * emphasis, strong, code, code blocks, lists, block quotes, links). It only carries meaning over:
 * what it writes is rendered and sanitised afterwards like any new comment, so nothing here is a
 * defence. Script, style, frames, embeds and form controls are dropped with their content; links
 * keep http, https and mailto targets, any other link becomes its text; images become their alt
 * text. Text is escaped so that it shows as it did: {@code *}, {@code [}, a leading {@code -} or
 * {@code 1.} mean nothing.
 */
final class HtmlToMarkdown {
    private static final Set<String> DROPPED = Set.of("script", "style", "iframe", "frame", "frameset", "object",
            "embed", "noscript", "template", "svg", "math", "head", "title", "meta", "link", "input", "button",
            "select", "textarea", "audio", "video", "canvas", "map", "applet", "base");
    private static final Set<String> BLOCKS = Set.of("p", "div", "section", "article", "header", "footer", "main",
            "aside", "nav", "h1", "h2", "h3", "h4", "h5", "h6", "address", "figure", "figcaption", "dl", "dt", "dd",
            "table", "thead", "tbody", "tfoot", "tr", "caption", "center", "details", "summary", "hr", "form",
            "fieldset", "legend");
    private static final Set<String> EMPHASIS = Set.of("em", "i", "cite", "dfn", "var");
    private static final Set<String> STRONG = Set.of("strong", "b");
    private static final Set<String> CODE = Set.of("code", "tt", "kbd", "samp");
    private static final Pattern ENTITY = Pattern.compile("&(?=#?[A-Za-z0-9]+;)");
    private static final Pattern LIST_MARKER = Pattern.compile("^(\\d{1,9})([.)])(?=\\s|$)");

    /** {@code newlinesAreBreaks}: a line break in the text is one (WordPress's own rendering does this). */
    private final boolean newlinesAreBreaks;

    HtmlToMarkdown(boolean newlinesAreBreaks) {
        this.newlinesAreBreaks = newlinesAreBreaks;
    }

    String convert(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        Out out = new Out();
        children(Jsoup.parseBodyFragment(html).body(), out);
        return out.finish();
    }

    /** Blocks written so far and the paragraph being written. */
    private static final class Out {
        final List<String> blocks = new ArrayList<>();
        final StringBuilder line = new StringBuilder();

        boolean atLineStart() {
            return line.isEmpty() || line.charAt(line.length() - 1) == '\n';
        }

        void breakParagraph() {
            String paragraph = line.toString().replaceAll("[ ]*\n[ ]*", "\n").replaceAll(" {2,}", " ").strip();
            if (!paragraph.isEmpty()) {
                blocks.add(paragraph);
            }
            line.setLength(0);
        }

        void block(String text) {
            breakParagraph();
            if (!text.isBlank()) {
                blocks.add(text);
            }
        }

        String finish() {
            breakParagraph();
            return String.join("\n\n", blocks);
        }
    }

    private void children(Element parent, Out out) {
        for (Node child : parent.childNodes()) {
            if (child instanceof TextNode text) {
                text(text.getWholeText(), out);
            } else if (child instanceof Element element) {
                element(element, out);
            }
        }
    }

    private void element(Element e, Out out) {
        String tag = e.normalName();
        if (DROPPED.contains(tag)) {
            return;
        }
        switch (tag) {
            case "br" -> out.line.append('\n');
            case "blockquote" -> out.block(prefixed(inner(e), "> ", "> "));
            case "ul", "ol" -> out.block(list(e, tag.equals("ol")));
            case "pre" -> out.block(fenced(e.wholeText()));
            case "a" -> link(e, out);
            case "img" -> text(e.attr("alt"), out);
            default -> {
                if (BLOCKS.contains(tag)) {
                    out.breakParagraph();
                    children(e, out);
                    out.breakParagraph();
                } else if (EMPHASIS.contains(tag) || STRONG.contains(tag)) {
                    wrapped(e, out, STRONG.contains(tag) ? "**" : "*");
                } else if (CODE.contains(tag)) {
                    out.line.append(codeSpan(e.wholeText().replaceAll("\\s+", " ")));
                } else {
                    children(e, out);
                }
            }
        }
    }

    /** An element's content converted on its own, as blocks. */
    private String inner(Element e) {
        Out inner = new Out();
        children(e, inner);
        return inner.finish();
    }

    private String list(Element list, boolean ordered) {
        int number = ordered ? parseStart(list.attr("start")) : 0;
        List<String> items = new ArrayList<>();
        for (Element item : list.children()) {
            String marker = ordered ? (number++) + ". " : "- ";
            String content = inner(item);
            items.add(prefixed(content.isEmpty() ? "" : content, marker, " ".repeat(marker.length())));
        }
        return String.join("\n", items);
    }

    private static int parseStart(String start) {
        try {
            return Math.max(0, Math.min(999_999_999, Integer.parseInt(start.trim())));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** {@code first} before the first line, {@code rest} before every other non-empty line. */
    private static String prefixed(String content, String first, String rest) {
        String[] lines = content.split("\n", -1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                b.append('\n');
            }
            String prefix = i == 0 ? first : rest;
            b.append(lines[i].isEmpty() ? prefix.stripTrailing() : prefix + lines[i]);
        }
        return b.toString();
    }

    private static String fenced(String code) {
        String body = code.replaceAll("^\n|\n$", "");
        if (body.isBlank()) {
            return "";
        }
        String fence = "`".repeat(Math.max(3, longestRun(body, '`') + 1));
        return fence + "\n" + body + "\n" + fence;
    }

    private static String codeSpan(String code) {
        if (code.isBlank()) {
            return "";
        }
        String ticks = "`".repeat(longestRun(code, '`') + 1);
        boolean pad = code.startsWith("`") || code.endsWith("`");
        return ticks + (pad ? " " + code + " " : code) + ticks;
    }

    private static int longestRun(String s, char c) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            run = s.charAt(i) == c ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    /** Emphasis around the content, with its outer spaces outside the markers (else they would not close). */
    private void wrapped(Element e, Out out, String marker) {
        Out inner = new Out();
        children(e, inner);
        if (!inner.blocks.isEmpty()) {
            out.breakParagraph();
            out.blocks.addAll(inner.blocks);
            out.line.append(inner.line);
            return;
        }
        String content = inner.line.toString();
        String core = content.strip();
        if (core.isEmpty() || core.contains("\n")) {
            out.line.append(content);
            return;
        }
        out.line.append(content, 0, content.indexOf(core.charAt(0))).append(marker).append(core).append(marker);
        if (!content.endsWith(core)) {
            out.line.append(' ');
        }
    }

    private void link(Element a, Out out) {
        String href = a.attr("href").strip();
        String scheme = href.toLowerCase(Locale.ROOT);
        boolean kept = scheme.startsWith("http://") || scheme.startsWith("https://") || scheme.startsWith("mailto:");
        Out inner = new Out();
        children(a, inner);
        String text = inner.blocks.isEmpty() ? inner.line.toString().strip() : inner.finish();
        if (!kept) {
            out.line.append(text.isEmpty() ? "" : text);
            return;
        }
        if (text.isEmpty() || text.contains("\n")) {
            text = escape(href.replaceFirst("(?i)^mailto:", ""), false);
        }
        out.line.append('[').append(text).append("](").append(destination(href)).append(')');
    }

    /** A link target that cannot end the link early: spaces, parentheses and angle brackets escaped. */
    private static String destination(String href) {
        return href.replaceAll("[\\x00-\\x1f\\x7f]", "").replace(" ", "%20").replace("(", "%28")
                .replace(")", "%29").replace("<", "%3C").replace(">", "%3E").replace("\\", "%5C");
    }

    private void text(String raw, Out out) {
        if (raw.isEmpty()) {
            return;
        }
        if (!newlinesAreBreaks) {
            appendLine(raw.replaceAll("[ \\t\\n\\r\\f]+", " "), out);
            return;
        }
        String[] paragraphs = raw.replace("\r\n", "\n").split("\n[ \\t]*\n\\s*", -1);
        for (int p = 0; p < paragraphs.length; p++) {
            if (p > 0) {
                out.breakParagraph();
            }
            String[] lines = paragraphs[p].split("\n", -1);
            for (int l = 0; l < lines.length; l++) {
                if (l > 0) {
                    out.line.append('\n');
                }
                appendLine(lines[l].replaceAll("[ \\t\\f]+", " "), out);
            }
        }
    }

    /** Text with no line break in it, escaped; where a line starts, what would start a block is escaped too. */
    private void appendLine(String text, Out out) {
        String t = text;
        if (out.atLineStart()) {
            t = t.stripLeading();
            if (t.isEmpty()) {
                return;
            }
        }
        String escaped = escape(t, out.atLineStart());
        out.line.append(escaped);
    }

    static String escape(String text, boolean lineStart) {
        StringBuilder b = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean intraword = c == '_' && i > 0 && i + 1 < text.length()
                    && Character.isLetterOrDigit(text.charAt(i - 1)) && Character.isLetterOrDigit(text.charAt(i + 1));
            char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
            boolean tag = c == '<' && (Character.isLetter(next) || next == '/' || next == '!' || next == '?');
            if (c == '\\' || c == '*' || c == '`' || c == '[' || c == ']' || (c == '_' && !intraword) || tag) {
                b.append('\\');
            }
            b.append(c);
        }
        String escaped = ENTITY.matcher(b).replaceAll("\\\\&");
        if (lineStart) {
            if (escaped.matches("^([-+>#=~]|\\\\\\*).*") || escaped.startsWith("|")) {
                return escaped.startsWith("\\") ? escaped : "\\" + escaped;
            }
            escaped = LIST_MARKER.matcher(escaped).replaceFirst("$1\\\\$2");
        }
        return escaped;
    }
}
