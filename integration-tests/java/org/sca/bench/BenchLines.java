package org.sca.bench;

import java.util.ArrayList;
import java.util.List;

/** The line configuration the benchmark gives the server: one block per line, one PBX for every line. */
final class BenchLines {

    /** How the phones get in. */
    enum Auth {
        DIGEST("digest (every phone request challenged, as in the demo configuration)"),
        TRUSTED("trusted-networks 127.0.0.0/8 (no digest)");

        final String label;

        Auth(String label) {
            this.label = label;
        }
    }

    private BenchLines() {}

    static List<String> users(String prefix, int count) {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            users.add(prefix + i);
        }
        return users;
    }

    /**
     * @param minExpires the registrations' and subscriptions' minimum (and the soak's refresh basis), seconds
     * @param store      the state store's JDBC URL, {@code none}, or empty for the container's default (SQLite)
     */
    static String config(List<String> users, int pbxPort, Auth auth, int minExpires, String store) {
        StringBuilder config = new StringBuilder("# Written by the benchmark: " + auth.label + ", one PBX for every line.\n")
                .append(store.isEmpty() ? "" : "store.url = " + store + "\n")
                .append("subscription.min-expires = ").append(minExpires).append('\n')
                .append("subscription.max-expires = 3600\n")
                .append("registration.min-expires = ").append(minExpires).append('\n')
                .append("registration.max-expires = 3600\n");
        for (String user : users) {
            String line = "line." + user;
            config.append(line).append(".aor = sip:").append(user).append("@127.0.0.1\n")
                    .append(line).append(".credentials = ").append(user).append(':').append(ScaLine.PASSWORD).append('\n')
                    .append(line).append(".trunks = 127.0.0.1:").append(pbxPort).append('\n');
            if (auth == Auth.TRUSTED) {
                config.append(line).append(".trusted-networks = 127.0.0.0/8\n");
            }
        }
        return config.toString();
    }
}
