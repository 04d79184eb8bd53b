package dev.parley.comment;

import java.util.List;
import java.util.Locale;

/**
 * Site-wide moderation settings, stored in the database so every node applies the same ones:
 * pre-moderation, and words and link domains that are not allowed in comments ({@link ContentFilter}
 * applies the lists).
 */
public record ModerationSettings(boolean premoderation, List<String> blockedWords, List<String> blockedDomains) {
    public static final ModerationSettings DEFAULT = new ModerationSettings(false, List.of(), List.of());

    public ModerationSettings {
        blockedWords = blockedWords.stream().map(w -> w.strip().toLowerCase(Locale.ROOT)).filter(w -> !w.isEmpty()).toList();
        blockedDomains = blockedDomains.stream().map(d -> d.strip().toLowerCase(Locale.ROOT)).filter(d -> !d.isEmpty()).toList();
    }
}
