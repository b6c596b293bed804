package org.sca.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sca.core.auth.DigestAlgorithm;

/**
 * The shared lines this server serves, read from one properties file:
 *
 * <pre>
 * # global settings, all optional (seconds)
 * subscription.min-expires = 60     # a SUBSCRIBE asking for less gets 423
 * subscription.max-expires = 3600   # granted expiry is capped to this
 * registration.min-expires = 60
 * registration.max-expires = 3600
 * nonce.ttl-seconds = 300
 * call.ring-seconds = 60            # phones ring this long for a PBX call, then 480 No answer
 * call.probe-seconds = 60           # each answered call's legs get an OPTIONS this often
 * store.url = jdbc:sqlite:${catalina.base}/data/sca.db   # where the state survives restarts; none = memory only
 * digest.algorithms = MD5           # the challenges offered, in order: MD5, SHA-256 or both
 * auth.max-failures = 20            # failed authentications per source address and window,
 * auth.failure-window-seconds = 60  # after which the address gets 403 until its window ends
 * registration.max-contacts-per-line = 50    # a REGISTER binding more gets 403
 * registration.max-contacts-per-device = 5
 * subscription.max-per-line = 200    # call-info subscriptions; one more gets 403
 * subscription.max-per-device = 10
 *
 * # one block per line; &lt;id&gt; is a short name made of [A-Za-z0-9_.-]
 * line.&lt;id&gt;.aor = sip:osas_shared@${sca.public.host}   # required: sip:user@host
 * line.&lt;id&gt;.display-name = Shared Line                  # optional, default the AOR user
 * line.&lt;id&gt;.credentials = osas_shared:osas_shared, alice-desk:secret1
 *                         # required: authId:password, comma-separated
 * line.&lt;id&gt;.trunks = 127.0.0.1, 192.0.2.10:5060         # optional: host or IP [":" port]; no port = any
 * line.&lt;id&gt;.publishers = 127.0.0.1                      # optional, same syntax: who may PUBLISH call-info
 * line.&lt;id&gt;.trusted-networks = 127.0.0.0/8, ::1/128     # optional: CIDRs let in without digest (labs only)
 * line.&lt;id&gt;.appearances = 10                            # optional, 1..99, default 10
 * line.&lt;id&gt;.digest-algorithms = MD5, SHA-256              # optional, default digest.algorithms
 * line.&lt;id&gt;.trunk-credentials = line7:secret                # optional: answers the trunk's 401/407
 * </pre>
 *
 * <p>The trailing {@code #} notes above are for this page only: as in any properties file, a
 * comment must be on a line of its own, otherwise it becomes part of the value. The file is
 * read as UTF-8. Values are trimmed, and {@code ${name}} is replaced from the variables the
 * caller supplies (system properties); an unknown variable is an error. Credentials split at
 * the first {@code :}, so passwords may contain {@code :} but not {@code ,}. An authId may
 * appear on several lines (a device on two lines) but always with the same password, and no
 * two lines may share an AOR user.
 *
 * <p>Any unknown key is refused, since it is almost always a typo that would otherwise
 * silently leave a setting at its default. Errors name the line and field, or the global key.
 */
public final class LinesConfig {
    private static final String SUBSCRIPTION_MIN = "subscription.min-expires";
    private static final String SUBSCRIPTION_MAX = "subscription.max-expires";
    private static final String REGISTRATION_MIN = "registration.min-expires";
    private static final String REGISTRATION_MAX = "registration.max-expires";
    private static final String NONCE_TTL = "nonce.ttl-seconds";
    private static final String RING_TIMEOUT = "call.ring-seconds";
    private static final String PROBE_INTERVAL = "call.probe-seconds";
    private static final String STORE_URL = "store.url";
    private static final String DIGEST_ALGORITHMS = "digest.algorithms";
    private static final String AUTH_MAX_FAILURES = "auth.max-failures";
    private static final String AUTH_FAILURE_WINDOW = "auth.failure-window-seconds";
    private static final String MAX_CONTACTS_PER_LINE = "registration.max-contacts-per-line";
    private static final String MAX_CONTACTS_PER_DEVICE = "registration.max-contacts-per-device";
    private static final String MAX_SUBSCRIPTIONS_PER_LINE = "subscription.max-per-line";
    private static final String MAX_SUBSCRIPTIONS_PER_DEVICE = "subscription.max-per-device";
    private static final Set<String> GLOBAL_KEYS = Set.of(SUBSCRIPTION_MIN, SUBSCRIPTION_MAX, REGISTRATION_MIN,
            REGISTRATION_MAX, NONCE_TTL, RING_TIMEOUT, PROBE_INTERVAL, STORE_URL, DIGEST_ALGORITHMS, AUTH_MAX_FAILURES,
            AUTH_FAILURE_WINDOW, MAX_CONTACTS_PER_LINE, MAX_CONTACTS_PER_DEVICE, MAX_SUBSCRIPTIONS_PER_LINE,
            MAX_SUBSCRIPTIONS_PER_DEVICE);
    /**
     * MD5 alone unless configured: every phone this server is for answers MD5, and some give
     * up on a 401 that also offers SHA-256 (baresip 1.0's libre 1.1: "Function not
     * implemented", no retry). SHA-256 (RFC 8760) is one setting away.
     */
    private static final List<DigestAlgorithm> DEFAULT_DIGEST_ALGORITHMS = List.of(DigestAlgorithm.MD5);
    /** An embedded file under the container's base directory: survives restarts with no service to run. */
    private static final String DEFAULT_STORE_URL = "jdbc:sqlite:${catalina.base}/data/sca.db";
    /** The store.url that keeps the state in memory only. */
    public static final String NO_STORE = "none";

    /** The id may contain dots, so the field is the last dot-free segment. */
    private static final Pattern LINE_KEY = Pattern.compile("line\\.([A-Za-z0-9_.-]+)\\.([^.]+)");
    private final List<LineConfig> lines;
    private final Limits limits;
    private final AuthThrottle authThrottle;
    private final Caps caps;
    private final String storeUrl;
    private final Map<String, LineConfig> byUser;
    private final Map<String, String> passwords;

    private LinesConfig(List<LineConfig> lines, Limits limits, AuthThrottle authThrottle, Caps caps, String storeUrl) {
        this.lines = List.copyOf(lines);
        this.limits = limits;
        this.authThrottle = authThrottle;
        this.caps = caps;
        this.storeUrl = storeUrl;
        Map<String, LineConfig> users = new HashMap<>();
        Map<String, String> secrets = new HashMap<>();
        for (LineConfig line : lines) {
            users.put(line.user().toLowerCase(Locale.ROOT), line);
            secrets.putAll(line.credentials());
        }
        this.byUser = Map.copyOf(users);
        this.passwords = Map.copyOf(secrets);
    }

    /** The system property naming the configuration file (the launcher sets it). */
    public static final String FILE_PROPERTY = "sca.lines.file";

    /** Loads the file {@value #FILE_PROPERTY} names, with system properties as variables. */
    public static LinesConfig loadConfigured() throws ConfigException {
        Map<String, String> vars = new HashMap<>();
        System.getProperties().forEach((k, v) -> vars.put(k.toString(), v.toString()));
        return load(Path.of(System.getProperty(FILE_PROPERTY, "conf/sca-lines.properties")), vars);
    }

    /** Reads {@code file} (UTF-8); errors, including an unreadable file, name the path. */
    public static LinesConfig load(Path file, Map<String, String> vars) throws ConfigException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("cannot read lines config '" + file + "': " + describe(e), e);
        } catch (IllegalArgumentException badEscape) {
            throw new ConfigException("lines config '" + file + "': " + badEscape.getMessage(), badEscape);
        }
        try {
            return parse(properties, vars);
        } catch (ConfigException e) {
            throw new ConfigException("lines config '" + file + "': " + e.getMessage(), e);
        }
    }

    public static LinesConfig parse(Properties p, Map<String, String> vars) throws ConfigException {
        Map<String, String> globals = new HashMap<>();
        Map<String, Map<String, String>> blocks = new TreeMap<>();
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            Matcher lineKey = LINE_KEY.matcher(key);
            if (lineKey.matches()) {
                String id = lineKey.group(1);
                String field = lineKey.group(2);
                if (!LineBlock.LINE_FIELDS.contains(field)) {
                    throw new ConfigException(LineBlock.where(id, field) + ": unknown field (known: "
                            + new TreeSet<>(LineBlock.LINE_FIELDS) + ")");
                }
                blocks.computeIfAbsent(id, k -> new HashMap<>()).put(field, p.getProperty(key));
            } else if (GLOBAL_KEYS.contains(key)) {
                globals.put(key, p.getProperty(key));
            } else {
                throw new ConfigException("key '" + key + "': unknown setting (known: " + new TreeSet<>(GLOBAL_KEYS)
                        + " and line.<id>.<field> with <id> made of [A-Za-z0-9_.-])");
            }
        }
        Limits limits = limits(globals, vars);
        AuthThrottle authThrottle = new AuthThrottle(
                atLeastOne(globals, AUTH_MAX_FAILURES, AuthThrottle.DEFAULTS.maxFailures(), vars, "whole number"),
                Duration.ofSeconds(seconds(globals, AUTH_FAILURE_WINDOW, (int) AuthThrottle.DEFAULTS.window().toSeconds(), vars)));
        Caps caps = new Caps(
                atLeastOne(globals, MAX_CONTACTS_PER_LINE, Caps.DEFAULTS.contactsPerLine(), vars, "whole number"),
                atLeastOne(globals, MAX_CONTACTS_PER_DEVICE, Caps.DEFAULTS.contactsPerDevice(), vars, "whole number"),
                atLeastOne(globals, MAX_SUBSCRIPTIONS_PER_LINE, Caps.DEFAULTS.subscriptionsPerLine(), vars, "whole number"),
                atLeastOne(globals, MAX_SUBSCRIPTIONS_PER_DEVICE, Caps.DEFAULTS.subscriptionsPerDevice(), vars, "whole number"));
        List<DigestAlgorithm> digestAlgorithms = new ArrayList<>();
        String algorithms = LineBlock.value("key '" + DIGEST_ALGORITHMS + "'", globals.get(DIGEST_ALGORITHMS), vars);
        for (String token : algorithms.isEmpty() ? new String[0] : algorithms.split(",", -1)) {
            try {
                digestAlgorithms.add(DigestAlgorithm.configured(token));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("key '" + DIGEST_ALGORITHMS + "': " + e.getMessage(), e);
            }
        }
        if (digestAlgorithms.isEmpty()) {
            digestAlgorithms = DEFAULT_DIGEST_ALGORITHMS;
        }
        if (blocks.isEmpty()) {
            throw new ConfigException("no shared line declared: add at least line.<id>.aor and line.<id>.credentials");
        }
        List<LineConfig> lines = new ArrayList<>();
        Map<String, LineConfig> lineOfUser = new HashMap<>();
        Map<String, LineConfig> lineOfAuthId = new HashMap<>();
        for (Map.Entry<String, Map<String, String>> block : blocks.entrySet()) {
            LineConfig line = LineBlock.parse(block.getKey(), block.getValue(), vars, digestAlgorithms);
            LineConfig sameUser = lineOfUser.putIfAbsent(line.user().toLowerCase(Locale.ROOT), line);
            if (sameUser != null) {
                throw new ConfigException(LineBlock.where(line.id(), LineBlock.AOR) + ": user '" + line.user()
                        + "' is already the AOR user of line '" + sameUser.id() + "'");
            }
            for (Map.Entry<String, String> credential : line.credentials().entrySet()) {
                LineConfig earlier = lineOfAuthId.putIfAbsent(credential.getKey(), line);
                if (earlier != null && !earlier.credentials().get(credential.getKey()).equals(credential.getValue())) {
                    throw new ConfigException(LineBlock.where(line.id(), LineBlock.CREDENTIALS) + ": authId '"
                            + credential.getKey()
                            + "' has a different password on line '" + earlier.id() + "'");
                }
            }
            lines.add(line);
        }
        // Outside a container (no catalina.base: tools, unit tests) there is no place for the default file.
        String fallback = vars.containsKey("catalina.base") ? DEFAULT_STORE_URL : NO_STORE;
        String storeUrl = LineBlock.value("key '" + STORE_URL + "'", globals.getOrDefault(STORE_URL, fallback), vars);
        return new LinesConfig(lines, limits, authThrottle, caps, storeUrl);
    }

    public List<LineConfig> lines() {
        return lines;
    }

    public Limits limits() {
        return limits;
    }

    public AuthThrottle authThrottle() {
        return authThrottle;
    }

    public Caps caps() {
        return caps;
    }

    /** The JDBC URL of the state store, or {@value #NO_STORE}. */
    public String storeUrl() {
        return storeUrl;
    }

    /** The line whose AOR has user part {@code aorUser}, ignoring case as phones vary it. */
    public Optional<LineConfig> byUser(String aorUser) {
        return Optional.ofNullable(byUser.get(aorUser.toLowerCase(Locale.ROOT)));
    }

    /** The password of a digest authentication ID, whichever line declares it. */
    public Optional<String> passwordOf(String authId) {
        return Optional.ofNullable(passwords.get(authId));
    }

    private static Limits limits(Map<String, String> globals, Map<String, String> vars) throws ConfigException {
        Limits d = Limits.DEFAULTS;
        int subscriptionMin = seconds(globals, SUBSCRIPTION_MIN, d.subscriptionMinExpires(), vars);
        int subscriptionMax = seconds(globals, SUBSCRIPTION_MAX, d.subscriptionMaxExpires(), vars);
        int registrationMin = seconds(globals, REGISTRATION_MIN, d.registrationMinExpires(), vars);
        int registrationMax = seconds(globals, REGISTRATION_MAX, d.registrationMaxExpires(), vars);
        int nonceTtl = seconds(globals, NONCE_TTL, (int) d.nonceTtl().toSeconds(), vars);
        int ringTimeout = seconds(globals, RING_TIMEOUT, (int) d.ringTimeout().toSeconds(), vars);
        int probeInterval = seconds(globals, PROBE_INTERVAL, (int) d.probeInterval().toSeconds(), vars);
        checkOrder(SUBSCRIPTION_MIN, subscriptionMin, SUBSCRIPTION_MAX, subscriptionMax);
        checkOrder(REGISTRATION_MIN, registrationMin, REGISTRATION_MAX, registrationMax);
        return new Limits(subscriptionMin, subscriptionMax, registrationMin, registrationMax,
                Duration.ofSeconds(nonceTtl), Duration.ofSeconds(ringTimeout), Duration.ofSeconds(probeInterval));
    }

    private static int seconds(Map<String, String> globals, String key, int fallback, Map<String, String> vars)
            throws ConfigException {
        return atLeastOne(globals, key, fallback, vars, "whole number of seconds");
    }

    private static int atLeastOne(Map<String, String> globals, String key, int fallback, Map<String, String> vars,
            String what) throws ConfigException {
        String where = "key '" + key + "'";
        String text = LineBlock.value(where, globals.get(key), vars);
        if (text.isEmpty()) {
            return fallback;
        }
        int seconds = LineBlock.WHOLE_NUMBER.matcher(text).matches() ? Integer.parseInt(text) : 0;
        if (seconds < 1) {
            throw new ConfigException(where + ": must be a " + what + ", at least 1, got '" + text + "'");
        }
        return seconds;
    }

    private static void checkOrder(String minKey, int min, String maxKey, int max) throws ConfigException {
        if (min > max) {
            throw new ConfigException("key '" + minKey + "': " + min + " is above " + maxKey + " (" + max + ")");
        }
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
