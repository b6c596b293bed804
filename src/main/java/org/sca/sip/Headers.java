package org.sca.sip;

import java.util.OptionalLong;
import javax.servlet.sip.SipServletRequest;
import org.sca.core.Expiry;

/** Reading the few headers whose syntax the application checks itself. */
final class Headers {

    private Headers() {}

    /**
     * @return the Expires header's seconds, empty when absent
     * @throws IllegalArgumentException with a reason phrase when it is not a number
     */
    static OptionalLong expires(SipServletRequest request) {
        String value = request.getHeader("Expires");
        return value == null ? OptionalLong.empty() : OptionalLong.of(Expiry.parseSeconds(value));
    }
}
