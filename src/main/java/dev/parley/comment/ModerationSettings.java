package dev.parley.comment;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Site-wide moderation settings, stored in the database so every node applies the same ones:
 * pre-moderation, and words and link domains that are not allowed in comments.
 */
public record ModerationSettings(boolean premoderation, List<String> blockedWords, List<String> blockedDomains) {
    private static final Pattern LINK = Pattern.compile("(?i)\\b(?:https?://|www\\.)([^\\s/\"'<>()\\]\\[]+)");

    public static final ModerationSettings DEFAULT = new ModerationSettings(false, List.of(), List.of());

    public ModerationSettings {
        blockedWords = blockedWords.stream().map(w -> w.strip().toLowerCase(Locale.ROOT)).filter(w -> !w.isEmpty()).toList();
        blockedDomains = blockedDomains.stream().map(d -> d.strip().toLowerCase(Locale.ROOT)).filter(d -> !d.isEmpty()).toList();
    }

    /** Whether the text has a blocked word (as a whole word, any case) or links to a blocked domain. */
    public boolean blocks(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String word : blockedWords) {
            if (Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(word) + "(?![\\p{L}\\p{N}])").matcher(lower).find()) {
                return true;
            }
        }
        Matcher link = LINK.matcher(lower);
        while (link.find()) {
            String host = link.group(1);
            for (String domain : blockedDomains) {
                if (host.equals(domain) || host.endsWith("." + domain) || host.startsWith(domain + ":")) {
                    return true;
                }
            }
        }
        return false;
    }

    public static int countLinks(String text) {
        Matcher link = LINK.matcher(text);
        int n = 0;
        while (link.find()) {
            n++;
        }
        Matcher mail = Pattern.compile("(?i)mailto:").matcher(text);
        while (mail.find()) {
            n++;
        }
        return n;
    }
}
