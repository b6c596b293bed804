package org.sca.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sca.core.auth.DigestAlgorithm;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The fields of one line block of the configuration (line.&lt;id&gt;.&lt;field&gt;) and how each is read. */
final class LineBlock {

    static final String AOR = "aor";
    private static final String DISPLAY_NAME = "display-name";
    static final String CREDENTIALS = "credentials";
    private static final String TRUNKS = "trunks";
    private static final String PUBLISHERS = "publishers";
    private static final String TRUSTED_NETWORKS = "trusted-networks";
    private static final String APPEARANCES = "appearances";
    private static final String DIGEST_ALGORITHMS = "digest-algorithms";
    private static final String ALIASES = "aliases";
    private static final String TRUNK_LOGIN = "trunk-credentials";
    static final Set<String> LINE_FIELDS = Set.of(AOR, DISPLAY_NAME, CREDENTIALS, TRUNKS, PUBLISHERS, TRUSTED_NETWORKS,
            APPEARANCES, DIGEST_ALGORITHMS, ALIASES, TRUNK_LOGIN);

    /** A host as a SIP URI writes it: a name, an IPv4 address, or an IPv6 reference in brackets. */
    private static final String HOST = "\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9][A-Za-z0-9.-]*";
    private static final Pattern SIP_AOR = Pattern.compile("(?i:sip):([^@:;?\\s]+)@(" + HOST + ")(?::\\d{1,5})?");
    private static final Pattern HOST_ONLY = Pattern.compile(HOST);
    /** At most nine digits, so parsing can never overflow an int and report a wrong error. */
    static final Pattern WHOLE_NUMBER = Pattern.compile("\\d{1,9}");
    /** Appearance indexes are sent as one or two digits by the phones this server targets. */
    private static final int MAX_APPEARANCES = 99;
    /** What the BroadWorks-style phones show when the server does not say otherwise. */
    private static final int DEFAULT_APPEARANCES = 10;

    private LineBlock() {}

    /**
     * One line.<id>.* block, every field checked; errors name the line and the field.
     *
     * @param digestAlgorithms what the line offers unless it says otherwise (the global setting)
     */
    static LineConfig parse(String id, Map<String, String> fields, Map<String, String> vars,
            List<DigestAlgorithm> digestAlgorithms) throws ConfigException {
        String aor = required(id, AOR, fields, vars);
        Matcher sip = SIP_AOR.matcher(aor);
        if (!sip.matches()) {
            throw new ConfigException(where(id, AOR) + ": must be a sip: URI with user and host"
                    + " (sip:user@host), got '" + aor + "'");
        }
        String user = sip.group(1);
        String host = sip.group(2);
        String displayName = value(where(id, DISPLAY_NAME), fields.get(DISPLAY_NAME), vars);
        return new LineConfig(id, aor, user, host, displayName.isEmpty() ? user : displayName,
                credentials(id, required(id, CREDENTIALS, fields, vars)),
                list(id, TRUNKS, fields, vars, Endpoint::parse),
                list(id, PUBLISHERS, fields, vars, Endpoint::parse),
                list(id, TRUSTED_NETWORKS, fields, vars, Cidr::parse),
                appearances(id, fields, vars),
                orDefault(list(id, DIGEST_ALGORITHMS, fields, vars, DigestAlgorithm::configured), digestAlgorithms),
                list(id, ALIASES, fields, vars, LineBlock::host),
                trunkLogin(id, fields, vars));
    }

    private static String host(String text) {
        String host = text.strip();
        if (!HOST_ONLY.matcher(host).matches()) {
            throw new IllegalArgumentException("'" + host + "' is not a host (a name, an IPv4 address or [IPv6])");
        }
        return host;
    }

    private static Optional<TrunkLogin> trunkLogin(String id, Map<String, String> fields, Map<String, String> vars)
            throws ConfigException {
        String text = value(where(id, TRUNK_LOGIN), fields.get(TRUNK_LOGIN), vars);
        try {
            return text.isEmpty() ? Optional.empty() : Optional.of(TrunkLogin.parse(text));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where(id, TRUNK_LOGIN) + ": " + e.getMessage(), e);
        }
    }

    private static <T> List<T> orDefault(List<T> given, List<T> fallback) {
        return given.isEmpty() ? fallback : given;
    }

    /** Error messages never quote a password: they end up in logs. */
    private static Map<String, String> credentials(String id, String text) throws ConfigException {
        Map<String, String> credentials = new LinkedHashMap<>();
        String[] entries = text.split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            int colon = entry.indexOf(':');
            if (colon < 0) {
                throw new ConfigException(where(id, CREDENTIALS) + ": entry " + (i + 1)
                        + " must be authId:password");
            }
            String authId = entry.substring(0, colon).strip();
            String password = entry.substring(colon + 1).strip();
            if (authId.isEmpty()) {
                throw new ConfigException(where(id, CREDENTIALS) + ": entry " + (i + 1) + " has an empty authId");
            }
            if (password.isEmpty()) {
                throw new ConfigException(where(id, CREDENTIALS) + ": authId '" + authId + "' has an empty password");
            }
            if (credentials.putIfAbsent(authId, password) != null) {
                throw new ConfigException(where(id, CREDENTIALS) + ": authId '" + authId + "' is declared twice");
            }
        }
        return credentials;
    }

    private static <T> List<T> list(String id, String field, Map<String, String> fields, Map<String, String> vars,
            Function<String, T> parser) throws ConfigException {
        String text = value(where(id, field), fields.get(field), vars);
        List<T> items = new ArrayList<>();
        if (text.isEmpty()) {
            return items;
        }
        for (String entry : text.split(",", -1)) {
            try {
                items.add(parser.apply(entry));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(where(id, field) + ": " + e.getMessage(), e);
            }
        }
        return items;
    }

    private static int appearances(String id, Map<String, String> fields, Map<String, String> vars)
            throws ConfigException {
        String text = value(where(id, APPEARANCES), fields.get(APPEARANCES), vars);
        if (text.isEmpty()) {
            return DEFAULT_APPEARANCES;
        }
        int appearances = WHOLE_NUMBER.matcher(text).matches() ? Integer.parseInt(text) : 0;
        if (appearances < 1 || appearances > MAX_APPEARANCES) {
            throw new ConfigException(where(id, APPEARANCES) + ": must be a whole number from 1 to "
                    + MAX_APPEARANCES + ", got '" + text + "'");
        }
        return appearances;
    }

    private static String required(String id, String field, Map<String, String> fields, Map<String, String> vars)
            throws ConfigException {
        String text = value(where(id, field), fields.get(field), vars);
        if (text.isEmpty()) {
            throw new ConfigException(where(id, field) + ": required");
        }
        return text;
    }

    /** The trimmed, expanded value, or "" when the key is absent. */
    static String value(String where, String raw, Map<String, String> vars) throws ConfigException {
        if (raw == null) {
            return "";
        }
        try {
            return Variables.expand(raw, vars).strip();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + ": " + e.getMessage(), e);
        }
    }

    static String where(String id, String field) {
        return "line '" + id + "', field '" + field + "'";
    }
}
