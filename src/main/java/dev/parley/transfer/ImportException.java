package dev.parley.transfer;

/** A file that cannot be imported as the format it was said to be: the message says where and why, in one line. */
public final class ImportException extends RuntimeException {
    public ImportException(String message) {
        super(message);
    }

    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
