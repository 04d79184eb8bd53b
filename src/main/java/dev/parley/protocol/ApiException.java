package dev.parley.protocol;

/**
 * A request failed for a reason the client should hear about. The message is shown to clients, so it
 * never carries internals; anything unexpected is {@link ErrorCode#INTERNAL}, rendered generically.
 */
public final class ApiException extends RuntimeException {
    private final ErrorCode code;

    public ApiException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
