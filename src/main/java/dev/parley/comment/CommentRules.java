package dev.parley.comment;

import dev.parley.protocol.ApiException;
import dev.parley.protocol.ErrorCode;
import io.vertx.core.json.JsonObject;

/**
 * The protocol's validation rules, shared by REST and WebSocket. Lengths count Unicode code points;
 * author and body are trimmed before they are checked and stored.
 */
public final class CommentRules {
    public static final int MAX_THREAD = 256;
    public static final int MAX_AUTHOR = 64;
    public static final int MAX_BODY = 8000;
    public static final int MAX_KEY = 64;

    private CommentRules() {
    }

    /** Reads and checks a post: {@code thread}, {@code parent}, {@code author}, {@code body}. */
    public static NewComment newComment(JsonObject json, String idempotencyKey) {
        String thread = thread(json.getValue("thread"));
        Long parent = parent(json.getValue("parent"));
        String author = author(json.getValue("author"));
        String body = text(json.getValue("body"), MAX_BODY, ErrorCode.INVALID_BODY, "body");
        return new NewComment(thread, parent, author, body, key(idempotencyKey));
    }

    /**
     * The widget's hidden {@code website} field: people never fill it in, form-filling bots do.
     */
    public static void refuseHoneypot(JsonObject post) {
        Object website = post.getValue("website");
        if (website != null && !(website instanceof String s && s.isEmpty())) {
            throw new ApiException(ErrorCode.REJECTED, "this comment was not accepted");
        }
    }

    /** An optional string field: absent or null is null, anything but a string is invalid JSON. */
    public static String optionalString(JsonObject json, String field) {
        Object value = json.getValue(field);
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        throw new ApiException(ErrorCode.INVALID_JSON, field + " must be a string");
    }

    /** A display name: trimmed, 1..64 code points, nothing that hides or reorders text ({@link AuthorName}). */
    public static String author(Object value) {
        return AuthorName.check(text(value, MAX_AUTHOR, ErrorCode.INVALID_AUTHOR, "author"));
    }

    public static String body(Object value) {
        return text(value, MAX_BODY, ErrorCode.INVALID_BODY, "body");
    }

    /** A thread key: 1..256 code points, no C0 or C1 control characters (so no newlines either). */
    public static String thread(Object value) {
        if (!(value instanceof String s)) {
            throw new ApiException(ErrorCode.INVALID_THREAD, value == null
                    ? "thread is required" : "thread must be a string");
        }
        int length = s.codePointCount(0, s.length());
        if (length < 1 || length > MAX_THREAD) {
            throw new ApiException(ErrorCode.INVALID_THREAD, "thread must be 1 to " + MAX_THREAD + " characters");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x1F || (c >= 0x7F && c <= 0x9F)) {
                throw new ApiException(ErrorCode.INVALID_THREAD, "thread must not contain control characters");
            }
        }
        return s;
    }

    public static Long parent(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Integer || value instanceof Long) {
            long id = ((Number) value).longValue();
            if (id > 0) {
                return id;
            }
        }
        throw new ApiException(ErrorCode.INVALID_PARENT, "parent must be the id of a comment in this thread, or null");
    }

    /** Idempotency keys: 1..64 printable ASCII characters; absent means none. */
    public static String key(String key) {
        if (key == null) {
            return null;
        }
        if (key.isEmpty() || key.length() > MAX_KEY || !key.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
            throw new ApiException(ErrorCode.INVALID_KEY, "idempotency key must be 1 to " + MAX_KEY
                    + " printable ASCII characters");
        }
        return key;
    }

    private static String text(Object value, int max, ErrorCode code, String field) {
        if (!(value instanceof String raw)) {
            throw new ApiException(code, value == null ? field + " is required" : field + " must be a string");
        }
        String s = raw.strip();
        int length = s.codePointCount(0, s.length());
        if (length < 1 || length > max) {
            throw new ApiException(code, field + " must be 1 to " + max + " characters after trimming");
        }
        if (s.indexOf('\u0000') >= 0) {
            throw new ApiException(code, field + " must not contain NUL characters");
        }
        return s;
    }
}
