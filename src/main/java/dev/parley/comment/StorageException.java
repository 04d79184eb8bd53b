package dev.parley.comment;

/**
 * Storage failed. {@code unavailable} means the database could not be reached or timed out (the
 * client may retry: 503); anything else is a bug or corruption (500). Nothing was committed either way.
 */
public final class StorageException extends RuntimeException {
    private final boolean unavailable;

    public StorageException(String message, Throwable cause, boolean unavailable) {
        super(message, cause);
        this.unavailable = unavailable;
    }

    public boolean unavailable() {
        return unavailable;
    }
}
