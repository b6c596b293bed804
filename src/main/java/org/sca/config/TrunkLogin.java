package org.sca.config;

/**
 * What the server answers a trunk's digest challenge (401/407) with, on the line's calls
 * through it: the account the PBX knows the line by.
 */
public record TrunkLogin(String user, String password) {

    /** {@code user:password}; the password may hold colons. Errors never quote the password: they end up in logs. */
    static TrunkLogin parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("must be user:password");
        }
        return new TrunkLogin(text.substring(0, colon).strip(), text.substring(colon + 1).strip());
    }

    @Override
    public String toString() {
        return "TrunkLogin[user=" + user + "]";
    }
}
