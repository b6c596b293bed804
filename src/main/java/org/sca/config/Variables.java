package org.sca.config;

import java.util.Map;

/**
 * Replaces {@code ${name}} in configuration values, so one file serves every host (the
 * server's own address typically comes from a system property). Replacements are not
 * expanded again, so a value cannot loop.
 */
final class Variables {
    private static final String OPEN = "${";
    private static final char CLOSE = '}';

    private Variables() {
    }

    /** @throws IllegalArgumentException on an unknown variable or a {@code ${} without its {@code }} */
    static String expand(String value, Map<String, String> vars) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        int open;
        while ((open = value.indexOf(OPEN, from)) >= 0) {
            int close = value.indexOf(CLOSE, open + OPEN.length());
            if (close < 0) {
                throw new IllegalArgumentException("'" + OPEN + "' without a closing '" + CLOSE + "'");
            }
            String name = value.substring(open + OPEN.length(), close);
            String replacement = vars.get(name);
            if (replacement == null) {
                throw new IllegalArgumentException("unknown variable " + OPEN + name + CLOSE);
            }
            out.append(value, from, open).append(replacement);
            from = close + 1;
        }
        return out.append(value.substring(from)).toString();
    }
}
