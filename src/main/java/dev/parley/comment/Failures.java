package dev.parley.comment;

import dev.parley.protocol.ApiException;
import dev.parley.protocol.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns any failure into what a client may hear. Expected refusals pass through; storage outages
 * become {@code unavailable}; anything else is {@code internal}, logged here once with its stack
 * and never echoed to the client.
 */
public final class Failures {
    private static final Logger log = LoggerFactory.getLogger(Failures.class);

    private Failures() {
    }

    /** Like {@link #toApi(Throwable)}, logging {@code requestId} (when not null) with the line. */
    public static ApiException toApi(Throwable failure, String requestId) {
        if (requestId == null) {
            return toApi(failure);
        }
        org.slf4j.MDC.put("requestId", requestId);
        try {
            return toApi(failure);
        } finally {
            org.slf4j.MDC.remove("requestId");
        }
    }

    public static ApiException toApi(Throwable failure) {
        if (failure instanceof ApiException api) {
            return api;
        }
        if (failure instanceof StorageException storage && storage.unavailable()) {
            log.warn("storage unavailable: {}", storage.getMessage());
            return new ApiException(ErrorCode.UNAVAILABLE, "storage is unavailable, try again shortly");
        }
        log.error("internal error", failure);
        return new ApiException(ErrorCode.INTERNAL, "internal error");
    }
}
