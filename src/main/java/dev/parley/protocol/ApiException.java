package dev.parley.protocol;

/**
 * A request failed for a reason the client should hear about. The message is shown to clients, so it
 * never carries internals; anything unexpected is {@link ErrorCode#INTERNAL}, rendered generically.
 */
public final class ApiException extends RuntimeException {
    private final ErrorCode code;
    private final long retryAfterSeconds;

    public ApiException(ErrorCode code, String message) {
        this(code, message, 0);
    }

    /** A refusal the client may retry after {@code retryAfterSeconds} (rate limits). */
    public ApiException(ErrorCode code, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public ErrorCode code() {
        return code;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
