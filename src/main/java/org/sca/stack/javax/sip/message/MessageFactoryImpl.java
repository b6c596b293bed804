package org.sca.stack.javax.sip.message;

/** JAIN SIP's {@code SipFactory} takes every factory from the stack's path name: Restcomm's, unchanged. */
public class MessageFactoryImpl extends org.mobicents.ext.javax.sip.message.MessageFactoryImpl {
}
