package org.sca.sip;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.URI;
import javax.servlet.sip.annotation.SipApplicationKey;
import org.sca.config.ConfigException;
import org.sca.config.LineConfig;
import org.sca.config.LinesConfig;

/**
 * Maps every initial request about a shared line to that line's SipApplicationSession, so
 * that the container (concurrencyControlMode=SipApplicationSession) runs the work of one
 * line one message at a time and the line's state needs no locks of its own.
 */
public final class LineKey {

    private LineKey() {}

    /**
     * The system property a configuration reload bumps. Restcomm calls {@link #key} on the copy
     * of this class its annotation scanner loaded, in a class loader of its own: nothing the
     * servlet set up is visible here, only what the whole JVM shares. So the key reads the
     * configuration file itself, again whenever the servlet has accepted a new one.
     */
    static final String GENERATION_PROPERTY = "sca.lines.generation";

    /** The configuration as this copy of the class last read it, and for which generation. */
    private record Lines(String generation, LinesConfig config) {
        private static volatile Lines loaded = read(null, null);

        static LinesConfig current() {
            String generation = System.getProperty(GENERATION_PROPERTY);
            Lines seen = loaded;
            if (!Objects.equals(seen.generation, generation)) {
                seen = read(generation, seen.config);
                loaded = seen;
            }
            return seen.config;
        }

        /** A file broken since the servlet accepted it keeps what was read before. */
        private static Lines read(String generation, LinesConfig before) {
            try {
                return new Lines(generation, LinesConfig.loadConfigured());
            } catch (ConfigException e) {
                return new Lines(generation, before); // at start-up the servlet reports it and stops
            }
        }
    }

    /** @return the line's key, or null (the container's own key) for requests about no line */
    @SipApplicationKey
    public static String key(SipServletRequest request) {
        LinesConfig config = Lines.current();
        return config == null ? null : lineOf(config, request).map(LineKey::keyOf).orElse(null);
    }

    /** The application-session key of {@code line}: what the container serialises the line's work on. */
    static String keyOf(LineConfig line) {
        return "line:" + line.id();
    }

    /**
     * A URI's user and host, from the container's API or JAIN SIP's: a request is matched to its
     * line by the container's (the key, the servlet) and by the stack's (stateless challenges).
     *
     * @param user null when the URI has none or is not a SIP URI
     */
    record Aor(String user, String host) {
        static final Aor NONE = new Aor(null, null);
    }

    /** The line a request is about; see {@link #lineOf(LinesConfig, Aor, Aor, Aor)}. */
    static Optional<LineConfig> lineOf(LinesConfig config, SipServletRequest request) {
        return lineOf(config, aor(request.getRequestURI()), aor(request.getTo().getURI()), aor(request.getFrom().getURI()));
    }

    /**
     * The line a request is about: the Request-URI's AOR (phones, and PBXs that address the
     * line), else the To AOR (PBXs that put the line only in To), else the From AOR (a phone
     * calling out as the line). An AOR is the line's when its user is the line's and its host
     * the line's AOR host or one of its aliases: {@code sip:osas_shared@evil.example} is no line.
     */
    static Optional<LineConfig> lineOf(LinesConfig config, Aor requestUri, Aor to, Aor from) {
        return lineNamed(config, requestUri).or(() -> lineNamed(config, to)).or(() -> lineNamed(config, from));
    }

    private static Aor aor(URI uri) {
        return uri instanceof SipURI sip ? new Aor(sip.getUser(), sip.getHost()) : Aor.NONE;
    }

    /** The line whose AOR is {@code aor} (no user: none). */
    static Optional<LineConfig> lineNamed(LinesConfig config, Aor aor) {
        if (aor.user() == null) {
            return Optional.empty();
        }
        return config.byUser(aor.user().toLowerCase(Locale.ROOT)).filter(line -> line.answersTo(aor.host()));
    }
}
