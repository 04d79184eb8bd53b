package dev.parley.protocol;

import java.util.Locale;

/** Every error the API can answer, with its HTTP status. The wire name is the snake_case form. */
public enum ErrorCode {
    INVALID_JSON(400),
    INVALID_THREAD(400),
    INVALID_AUTHOR(400),
    INVALID_BODY(400),
    INVALID_PARENT(400),
    INVALID_LIMIT(400),
    INVALID_KEY(400),
    INVALID_SINCE(400),
    INVALID_FRAME(400),
    INVALID_ID(400),
    INVALID_FILE(400),
    INVALID_SITE(400),
    INVALID_EMAIL(400),
    UPGRADE_REQUIRED(426),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    FORBIDDEN_ORIGIN(403),
    EDIT_WINDOW_CLOSED(403),
    BANNED(403),
    THREAD_LOCKED(403),
    BLOCKED_CONTENT(400),
    TOO_MANY_LINKS(400),
    REJECTED(400),
    DUPLICATE(409),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    CONFLICT(409),
    TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    TOO_MANY_SUBSCRIPTIONS(429),
    RATE_LIMITED(429),
    INTERNAL(500),
    UNAVAILABLE(503);

    private final int httpStatus;
    private final String wire;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
        this.wire = name().toLowerCase(Locale.ROOT);
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String wire() {
        return wire;
    }
}
