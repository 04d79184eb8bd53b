package dev.parley.comment;

import dev.parley.protocol.ApiException;
import dev.parley.protocol.ErrorCode;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The link limit, blocked words and blocked domains, checked against what readers will see: the
 * rendered, sanitised HTML, parsed back (entities decoded) and folded ({@link Fold}), not the
 * Markdown that was sent. Entities, reference links, escapes, autolinks and emphasis inside a word
 * all disappear in rendering, so checking the source let them through.
 *
 * <p>The compiled {@link BlockList} is kept for the settings it was built from: it is built again
 * only when the lists change, never per post. Only one is held; a change replaces it.
 */
final class ContentFilter {
    /** URL-like text: a scheme, or {@code www.}. The scheme is bounded so a long word costs no more than a short one. */
    private static final Pattern URL_TEXT = Pattern.compile(
            "(?:\\b[a-z][a-z0-9+.-]{0,31}:/{0,3}|\\bwww\\.)[^\\s<>\"'`]++");
    private static final String TRAILING = ".,;:!?)]}'\"";

    private record Compiled(ModerationSettings source, BlockList list) {
    }

    private final int maxLinks;
    private volatile Compiled compiled = new Compiled(ModerationSettings.DEFAULT, BlockList.EMPTY);
    private long builds;

    ContentFilter(int maxLinks) {
        this.maxLinks = maxLinks;
    }

    /** Refuses a body with {@code too_many_links} or {@code blocked_content}; {@code html} is its rendering. */
    void check(String body, String html, ModerationSettings settings) {
        Document doc = Jsoup.parseBodyFragment(html);
        String text = Fold.of(doc.body().text());
        Set<Link> links = links(doc, text);
        if (links.size() > maxLinks) {
            throw new ApiException(ErrorCode.TOO_MANY_LINKS, "at most " + maxLinks + " links per comment");
        }
        BlockList list = blockList(settings);
        String source = Fold.of(body);
        boolean blocked = list.hasWord(text) || list.hasWord(source)
                || links.stream().anyMatch(l -> list.hasWord(l.key()) || list.blocksHost(l.host()))
                || mentionsBlockedHost(list, text) || mentionsBlockedHost(list, source);
        if (blocked) {
            throw new ApiException(ErrorCode.BLOCKED_CONTENT, "this comment contains a word or link the site does not allow");
        }
    }

    /**
     * Every distinct place a reader could go: each {@code <a href>}, and each URL in the text as it
     * reads ({@code *http*://…} is one URL once rendered). Collects one more than the limit at
     * most: past that the answer is known.
     */
    private Set<Link> links(Document doc, String text) {
        Set<Link> links = new HashSet<>();
        for (Element a : doc.body().getElementsByAttribute("href")) {
            if (links.size() > maxLinks) {
                return links;
            }
            add(links, Link.of(a.attr("href")));
        }
        Matcher m = URL_TEXT.matcher(text);
        while (m.find() && links.size() <= maxLinks) {
            add(links, Link.of(trimTrailing(m.group())));
        }
        return links;
    }

    private static void add(Set<Link> links, Link link) {
        if (!link.host().isEmpty()) {
            links.add(link);
        }
    }

    private static String trimTrailing(String url) {
        int end = url.length();
        while (end > 0 && TRAILING.indexOf(url.charAt(end - 1)) >= 0) {
            end--;
        }
        return url.substring(0, end);
    }

    /** Host names written as plain text ({@code go to evil.com}) are checked too: readers can type them. */
    private static boolean mentionsBlockedHost(BlockList list, String folded) {
        if (!list.hasDomains()) {
            return false;
        }
        int start = -1;
        for (int i = 0; i <= folded.length(); ) {
            int cp = i < folded.length() ? folded.codePointAt(i) : ' ';
            boolean label = Character.isLetterOrDigit(cp) || cp == '-' || cp == '.' || cp == '\u3002';
            if (label && start < 0) {
                start = i;
            } else if (!label && start >= 0) {
                String token = folded.substring(start, i);
                if (token.indexOf('.') >= 0 || token.indexOf('\u3002') >= 0) {
                    if (list.blocksHost(Link.host(token))) {
                        return true;
                    }
                }
                start = -1;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    /** The block list for these settings, compiled only when the lists differ from the last ones. */
    BlockList blockList(ModerationSettings settings) {
        Compiled c = compiled;
        if (c.source == settings) {
            return c.list;
        }
        synchronized (this) {
            c = compiled;
            if (!sameLists(c.source, settings)) {
                c = new Compiled(settings, BlockList.of(settings.blockedWords(), settings.blockedDomains()));
                builds++;
            }
            // Settings are read afresh every second: remember the new copy, so the next post takes
            // the fast path above instead of comparing the lists again.
            compiled = new Compiled(settings, c.list);
            return c.list;
        }
    }

    private static boolean sameLists(ModerationSettings a, ModerationSettings b) {
        return a.blockedWords().equals(b.blockedWords()) && a.blockedDomains().equals(b.blockedDomains());
    }

    /** How many times a block list was compiled, for tests that it is not per post. */
    synchronized long builds() {
        return builds;
    }
}
