package org.sca.stack.javax.sip;

import gov.nist.javax.sip.SIPConstants;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.SIPClientTransaction;
import gov.nist.javax.sip.stack.SIPTransaction;
import java.util.Locale;
import java.util.Properties;
import javax.sip.PeerUnavailableException;
import org.sca.stack.SubscriptionDialogs;

/**
 * Restcomm's JAIN SIP stack, with two changes: an ended NOTIFY transaction lets go of its
 * subscription dialog ({@link SubscriptionDialogs}), and the INVITE a CANCEL names is found by
 * one lookup. JAIN SIP's {@code findCancelTransaction} scans every live transaction of the
 * side for each CANCEL, and transactions linger for up to 32 s after they end (Timers D, J and
 * K over UDP), so every CANCEL the server sent (a forked call's other phones, once one
 * answered) cost more the busier the server was: 10% of its CPU in the side-by-side benchmark
 * at 40 calls/s. An RFC 3261 branch is the key of the INVITE's transaction on either side (the
 * CANCEL's own is the branch + ":cancel", {@code SIPMessage.getTransactionId}); an RFC 2543
 * peer's CANCEL still gets the scan.
 *
 * <p>Restcomm's {@code SipStandardService} takes the stack from JAIN SIP's {@code SipFactory}
 * by the path name {@code sipPathName} in server.xml: the class must be
 * {@code PATH.javax.sip.SipStackImpl}, with the three factories beside it.
 */
public class SipStackImpl extends org.mobicents.ext.javax.sip.SipStackImpl {

    public SipStackImpl(Properties configuration) throws PeerUnavailableException {
        super(configuration);
    }

    @Override
    public SIPTransaction findCancelTransaction(SIPRequest cancel, boolean isServer) {
        Via via = cancel.getTopmostVia();
        String branch = via == null ? null : via.getBranch();
        if (branch == null || !branch.regionMatches(true, 0, SIPConstants.BRANCH_MAGIC_COOKIE, 0,
                SIPConstants.BRANCH_MAGIC_COOKIE.length())) {
            return super.findCancelTransaction(cancel, isServer);
        }
        SIPTransaction invite = findTransaction(branch.toLowerCase(Locale.ROOT), isServer);
        return invite != null && invite.doesCancelMatchTransaction(cancel) ? invite : null;
    }

    @Override
    public void removeTransaction(SIPTransaction transaction) {
        Object applicationData = transaction.getApplicationData();
        super.removeTransaction(transaction);
        if (transaction instanceof SIPClientTransaction request) {
            SubscriptionDialogs.ended(request, applicationData);
        }
    }
}
