package org.sca.config;

/**
 * The shared-line configuration cannot be used. The message says where (file, line and field,
 * or global key) and what is wrong, so an operator can fix it without reading code.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
