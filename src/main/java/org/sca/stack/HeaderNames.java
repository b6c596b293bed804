package org.sca.stack;

import gov.nist.javax.sip.header.SIPHeaderNamesCache;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import javax.sip.SipStack;
import javax.sip.message.Response;

/**
 * Keeps JAIN SIP's cache of header names bounded. {@code SIPHeaderNamesCache.toLowerCase}
 * (jain-sip-ri 1.3.0-91) remembers every header name a parsed message ever carried, with its
 * lower case, in a static map it never empties: each name a peer makes up stays for good (the
 * fuzz run's 100,000 messages carry 6,469 distinct names, 20,000 carry 1,595, and 100 s after
 * the larger run the heap held 2,892 more map entries than after the smaller; a peer sending
 * one long random name per message grows the heap without end). The map is only a cache (a name not in it is lowered
 * again, and {@code intern()} gives the same string as before), so whenever it holds more than
 * {@link #MAX_NAMES}, the names that are not SIP's own are dropped. A message valve, so that it
 * runs for every message of every transport, before any transaction.
 */
public final class HeaderNames implements SIPMessageValve {

    private static final Logger LOG = Logger.getLogger(HeaderNames.class.getName());
    /** Room for every extension header real phones and PBXes send, several times over. */
    static final int MAX_NAMES = 1000;
    private static final Map<?, ?> CACHE = cache();
    /** What the cache holds before any message: SIP's own names (SIPHeaderNames), both cases. */
    private static final Set<Object> OWN = Set.copyOf(CACHE.keySet());

    @Override
    public void init(SipStack sipStack) {
        // the cache is the stack's static
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        trim();
        return true;
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        trim();
        return true;
    }

    @Override
    public void destroy() {
        // nothing held
    }

    static void trim() {
        if (CACHE.size() > MAX_NAMES) {
            CACHE.keySet().retainAll(OWN);
        }
    }

    static int cached() {
        return CACHE.size();
    }

    private static Map<?, ?> cache() {
        try {
            Field field = SIPHeaderNamesCache.class.getDeclaredField("lowercaseMap");
            field.setAccessible(true);
            return (Map<?, ?>) field.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warning(() -> "JAIN SIP's header name cache not found, left unbounded: " + e);
            return Map.of();
        }
    }
}
