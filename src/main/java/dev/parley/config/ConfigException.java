package dev.parley.config;

/** A setting has a value Parley cannot run with; the message names the variable and never a secret. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
