package org.sca.config;

/**
 * How much one line and one device may hold: the bounds that keep one authenticated phone (or
 * its stolen password) from making the server fork every call to a hundred targets.
 *
 * @param contactsPerLine registered contacts of one line, all devices together
 * @param contactsPerDevice registered contacts of one device (authentication ID) on one line
 */
public record Caps(int contactsPerLine, int contactsPerDevice) {

    /**
     * A shared line rings every registered phone at once: 50 is more desk phones than any
     * shared line has, 5 covers a phone with a few lines on different ports or transports.
     */
    public static final Caps DEFAULTS = new Caps(50, 5);

    public Caps {
        if (contactsPerLine < 1 || contactsPerDevice < 1) {
            throw new IllegalArgumentException("caps must be at least 1");
        }
    }
}
