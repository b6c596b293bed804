package org.sca.sip;

import java.io.Serializable;

/**
 * What a container timer is about. Each one only says "look again at this": the handler
 * checks whether the thing is really due, so a refresh never has to cancel a timer.
 */
sealed interface TimerPayload extends Serializable {

    /** A subscription of either event package (its dialog's SipSession ID) may have lapsed. */
    record SubscriptionDue(String dialog) implements TimerPayload {}

    /** The phones may have rung too long for a call from the PBX (its leg's SipSession ID). */
    record RingDue(int index, String trunkLeg) implements TimerPayload {}

    /** A publication (entity tag) may have lapsed. */
    record PublicationDue(String etag) implements TimerPayload {}

    /** The ACK for the 2xx the server sent on a call's leg (its SipSession ID) may be overdue. */
    record AckDue(String leg) implements TimerPayload {}

    /** Time to ask the legs of the call on {@code index} whether they are still there (repeats while the call lasts). */
    record ProbeDue(int index, String trunkLeg) implements TimerPayload {}
}
