package org.sca.stack.javax.sip.header;

/** JAIN SIP's {@code SipFactory} takes every factory from the stack's path name: Restcomm's, unchanged. */
public class HeaderFactoryImpl extends org.mobicents.ext.javax.sip.header.HeaderFactoryImpl {
}
