package dev.parley.feed;

/** The two feed formats and the media type each is served as. */
public enum Format {
    ATOM("application/atom+xml; charset=utf-8"),
    RSS("application/rss+xml; charset=utf-8");

    public final String mediaType;

    Format(String mediaType) {
        this.mediaType = mediaType;
    }
}
