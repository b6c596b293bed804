package org.sca.store;

/** What a stored row is: one table row per thing that must survive a restart. */
enum Kind {
    /** A registered contact, by contact URI. */
    BINDING,
    /** A call-info subscription dialog, by Call-ID and the server's tag. */
    SUBSCRIPTION,
    /** A publication, by entity tag. */
    PUBLICATION,
    /** An answered call, by appearance index. */
    CALL
}
