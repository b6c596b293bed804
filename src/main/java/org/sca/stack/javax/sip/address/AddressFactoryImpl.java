package org.sca.stack.javax.sip.address;

/** JAIN SIP's {@code SipFactory} takes every factory from the stack's path name: Restcomm's, unchanged. */
public class AddressFactoryImpl extends org.mobicents.ext.javax.sip.address.AddressFactoryImpl {
}
