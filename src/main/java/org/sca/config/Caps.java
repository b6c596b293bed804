package org.sca.config;

/**
 * How much one line and one device may hold: the bounds that keep one authenticated phone (or
 * its stolen password) from making the server fork every call to a hundred targets.
 *
 * @param contactsPerLine registered contacts of one line, all devices together
 * @param contactsPerDevice registered contacts of one device on one line: of one source address and port
 *        (the phones of a line often share one authentication ID)
 * @param subscriptionsPerLine call-info subscriptions of one line, all devices together
 * @param subscriptionsPerDevice call-info subscriptions of one device on one line: with one Contact
 */
public record Caps(int contactsPerLine, int contactsPerDevice, int subscriptionsPerLine, int subscriptionsPerDevice) {

    /**
     * A shared line rings every registered phone at once: 50 is more desk phones than any
     * shared line has, 5 covers a phone with a few lines on different ports or transports.
     * Each subscription costs a NOTIFY at every change of the line: 200 per line is four per
     * phone of the largest line, 10 per device leaves room for a phone that subscribed anew
     * while its old dialog still lives.
     */
    public static final Caps DEFAULTS = new Caps(50, 5, 200, 10);

    public Caps {
        if (contactsPerLine < 1 || contactsPerDevice < 1 || subscriptionsPerLine < 1 || subscriptionsPerDevice < 1) {
            throw new IllegalArgumentException("caps must be at least 1");
        }
    }
}
