package org.sca.stack;

import gov.nist.javax.sip.stack.SIPClientTransaction;
import gov.nist.javax.sip.stack.SIPDialog;
import javax.sip.message.Request;
import org.mobicents.servlet.sip.message.TransactionApplicationData;

/**
 * What an idle subscription keeps. Restcomm points a dialog's application data at the last
 * request the application sent in it, for the dialog's responses that come without a
 * transaction (an INVITE's retransmitted 2xx). For a subscription that request is the last
 * NOTIFY, and with it the parsed NOTIFY, its parsed 200, both servlet messages and the ended
 * client transaction stay as long as the subscription: about 9 KiB per subscribed phone, half
 * of an idle line. Restcomm lets go of a SUBSCRIBE the same way once its transaction ends
 * ({@code SipSessionImpl.cleanDialogInformation}), but not of a NOTIFY.
 *
 * <p>Once a NOTIFY's transaction has ended, a SUBSCRIBE dialog whose application data is still
 * that NOTIFY's gets data naming only the session, what Restcomm's own clean-up leaves. The
 * NOTIFY's data itself is not touched: Restcomm's handler of the transaction's end, which may
 * run on another thread at the same time, still reads it.
 */
public final class SubscriptionDialogs {

    private SubscriptionDialogs() {}

    /**
     * Called once a client transaction has been taken out of the stack's tables, with the
     * application data it had before: Restcomm's handler of its end clears it, perhaps already.
     */
    public static void ended(SIPClientTransaction transaction, Object applicationData) {
        if (transaction.isInviteTransaction() || !Request.NOTIFY.equals(transaction.getMethod())) {
            return;
        }
        SIPDialog dialog = transaction.getDefaultDialog();
        if (dialog == null || !Request.SUBSCRIBE.equals(dialog.getMethod())) {
            return;
        }
        if (applicationData instanceof TransactionApplicationData notify
                && dialog.getApplicationData() == notify && notify.getSipServletMessage() != null) {
            TransactionApplicationData sessionOnly = new TransactionApplicationData(notify.getSipServletMessage());
            sessionOnly.setSipServletMessage(null);
            dialog.setApplicationData(sessionOnly);
        }
    }
}
