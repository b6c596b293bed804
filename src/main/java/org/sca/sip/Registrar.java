package org.sca.sip;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import java.util.OptionalLong;
import javax.servlet.sip.Address;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import org.sca.config.Caps;
import org.sca.config.Limits;
import org.sca.core.Binding;
import org.sca.core.Bindings;
import org.sca.core.Expiry;
import org.sca.core.Flow;
import org.sca.store.StateStore;

/**
 * REGISTER for a shared line (RFC 3261 section 10.3): every member device binds its contact
 * to the line's AOR; an incoming call rings all of them. The whole request is judged before
 * anything changes, so a refused REGISTER leaves the bindings as they were.
 */
final class Registrar {

    /** RFC 3261 section 10.2.1: a registration without an expiry asks for an hour. */
    private static final int DEFAULT_EXPIRES = 3600;

    private final Limits limits;
    private final Caps caps;
    private final Clock clock;
    private final DeviceAuthentication authentication;
    private final StateStore store;

    Registrar(Limits limits, Caps caps, Clock clock, DeviceAuthentication authentication, StateStore store) {
        this.limits = limits;
        this.caps = caps;
        this.clock = clock;
        this.authentication = authentication;
        this.store = store;
    }

    void register(SipServletRequest request, LineSession line) throws IOException {
        OptionalLong headerExpires;
        List<Address> contacts = new ArrayList<>();
        try {
            headerExpires = Headers.expires(request);
            ListIterator<Address> it = request.getAddressHeaders("Contact");
            while (it.hasNext()) {
                contacts.add(it.next());
            }
        } catch (IllegalArgumentException | ServletParseException e) {
            Rejection.send(request, 400, e instanceof ServletParseException ? "Bad Contact" : e.getMessage());
            return;
        }
        var device = authentication.authenticate(request, line.config());
        if (device.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Bindings bindings = line.bindings().purgedAt(now);
        if (contacts.size() == 1 && contacts.get(0).isWildcard()) {
            if (headerExpires.orElse(-1) != 0) {
                Rejection.send(request, 400, "Contact * needs Expires: 0");
                return;
            }
            bindings = Bindings.empty();
        }
        String registration = request.getCallId();
        Flow source = new Flow(request.getTransport(), request.getRemoteAddr(), request.getRemotePort());
        List<String> bound = new ArrayList<>();
        for (Address contact : contacts) {
            if (contact.isWildcard()) {
                continue;
            }
            int contactExpires = contact.getExpires();
            OptionalLong asked = contactExpires >= 0 ? OptionalLong.of(contactExpires) : headerExpires;
            Expiry expiry = Expiry.judge(asked, DEFAULT_EXPIRES, limits.registrationMinExpires(), limits.registrationMaxExpires());
            String uri = contact.getURI().toString();
            if (expiry instanceof Expiry.TooBrief brief) {
                Rejection.tooBrief(request, brief);
                return;
            } else if (expiry instanceof Expiry.Granted granted) {
                bindings = bindings.with(new Binding(uri, device.get(), source, registration, now.plusSeconds(granted.seconds())));
                bound.add(uri);
            } else {
                bindings = bindings.without(uri);
            }
        }
        if (!bound.isEmpty()) {
            bindings = bindings.movedTo(registration, bound);
        }
        Optional<String> beyond = bindings.beyond(caps.contactsPerLine(), caps.contactsPerDevice(), source);
        if (beyond.isPresent()) {
            Rejection.send(request, 403, beyond.get());
            return;
        }
        line.bindings(bindings);
        store.bindings(line.config().id(), bindings.liveAt(now));
        SipServletResponse ok = request.createResponse(200);
        for (Binding b : bindings.liveAt(now)) {
            ok.addHeader("Contact", "<" + b.contact() + ">;expires=" + b.secondsLeftAt(now));
        }
        ok.send();
    }
}
