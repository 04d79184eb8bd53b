package dev.parley.comment;

import java.util.List;
import java.util.Set;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.autolink.AutolinkType;
import org.commonmark.node.Block;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListBlock;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * Renders a comment body (the protocol's Markdown subset) to HTML that a page may inject.
 *
 * <p>Two independent defences: commonmark escapes all raw HTML and drops unsafe link targets, then
 * jsoup's allow-list cleaner keeps only the tags below, links only to http, https and mailto, and
 * forces {@code rel="nofollow ugc noopener"}. A bug in either layer alone cannot produce script.
 *
 * <p>Bare {@code https://…} and {@code www.…} addresses are links too (commonmark's autolink
 * extension), through the same two defences; e-mail addresses stay text. They count against the
 * link limit like written links ({@link ContentFilter} counts the rendered {@code <a href>}s and an
 * address and its own text once).
 */
public final class Markdown {
    /** Headings, thematic breaks and raw HTML blocks are not enabled: they parse as paragraph text. */
    private static final Set<Class<? extends Block>> BLOCKS = Set.of(
            BlockQuote.class, FencedCodeBlock.class, IndentedCodeBlock.class, ListBlock.class);

    private final Parser parser = Parser.builder()
            .enabledBlockTypes(BLOCKS)
            .extensions(List.of(AutolinkExtension.builder().linkTypes(AutolinkType.URL, AutolinkType.WWW).build()))
            .build();
    private final HtmlRenderer renderer = HtmlRenderer.builder()
            .escapeHtml(true)
            .sanitizeUrls(true)
            .softbreak("<br>")
            .build();
    private final Cleaner cleaner = new Cleaner(safelist());
    /** Parsed once: jsoup would parse a selector string again on every call. */
    private final Evaluator images = QueryParser.parse("img");
    private final Evaluator linksWithoutTarget = QueryParser.parse("a:not([href])");

    public String render(String body) {
        String raw = renderer.render(parser.parse(body));
        Document dirty = Jsoup.parseBodyFragment(raw);
        // Images are not part of the subset: keep their alt text only.
        for (Element img : dirty.select(images)) {
            img.replaceWith(new TextNode(img.attr("alt")));
        }
        Document clean = cleaner.clean(dirty);
        // A link whose target was refused (javascript:, data:, relative...) becomes its plain text.
        for (Element link : clean.select(linksWithoutTarget)) {
            link.unwrap();
        }
        clean.outputSettings().prettyPrint(false);
        return clean.body().html().strip();
    }

    private static Safelist safelist() {
        return new Safelist()
                .addTags("p", "br", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote", "a")
                .addAttributes("a", "href")
                .addAttributes("ol", "start")
                .addProtocols("a", "href", "http", "https", "mailto")
                .addEnforcedAttribute("a", "rel", "nofollow ugc noopener");
    }
}
