package dev.parley;

import dev.parley.config.Setting;

/**
 * The node cannot start, and {@link #setting} is the setting to look at: the message is the one
 * line an operator reads (no stack trace, no secret), e.g. "PARLEY_HTTP_PORT: port 8080 is in use".
 */
public final class StartupException extends RuntimeException {
    private final transient Setting setting;

    public StartupException(Setting setting, String message, Throwable cause) {
        super(setting.variable() + ": " + message, cause);
        this.setting = setting;
    }

    /** A failure no setting can fix (this build does not work here); the message says what to do. */
    public StartupException(String message) {
        super(message);
        this.setting = null;
    }

    /** The setting to look at; null when none can fix it. */
    public Setting setting() {
        return setting;
    }

    /** Runs one start-up step; its failure becomes this exception, naming {@code setting}. */
    static <T> T step(Setting setting, String what, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (StartupException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StartupException(setting, what + ": " + describe(e), e);
        }
    }

    /**
     * The innermost cause's message, on one line, without credentials: drivers may put the URL
     * they were given (with its password) into their messages.
     */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.replaceAll("(?i)(password=)[^&\\s)]*", "$1***")
                .replaceAll("(://[^/:@\\s]*:)[^@/\\s]*@", "$1***@")
                .replaceAll("[\\r\\n\\t]+", " ").strip();
    }
}
