package org.sca.core.subscription;

import java.util.List;

/** What a subscription dialog is about: one of the two event packages a phone may SUBSCRIBE to. */
public sealed interface EventPackage {

    /** The Event header token of {@link CallInfo}. */
    String CALL_INFO = "call-info";
    /** The Event header token of {@link LineSeize}. */
    String LINE_SEIZE = "line-seize";
    /** The packages the server takes SUBSCRIBEs for, in the order its Allow-Events lists them. */
    List<String> SUBSCRIBABLE = List.of(CALL_INFO, LINE_SEIZE);

    /** The full state of the line, for the device that authenticated the SUBSCRIBE. */
    record CallInfo(String device) implements EventPackage {}

    /** One appearance held for {@code phone} while it dials (BroadWorks line-seize). */
    record LineSeize(int index, String phone) implements EventPackage {
        @Override
        public String device() {
            return phone;
        }
    }

    /** The device the subscription is for (shown to the operator). */
    String device();

    /** The token in the Event header. */
    default String event() {
        return this instanceof LineSeize ? LINE_SEIZE : CALL_INFO;
    }
}
