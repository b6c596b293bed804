package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sca.it.TestPhone.Request;

/** A caller's display name of thousands of characters reaches the phones shortened, in the INVITE and in the NOTIFYs. */
class CallerBoundsIT extends LineFixture {

    /** CallerBounds.MAX_DISPLAY_NAME */
    private static final int SHOWN = 64;

    @Test
    void aHugeDisplayNameIsShortenedForThePhones() {
        Request invite = pbxInvite().header("From", "\"" + "N".repeat(5000) + "\" <sip:4164542289@pbx.test>;tag=pbx" + System.nanoTime());
        pbx.send(invite);
        SipMessage[] rung = {a.awaitRequest("INVITE"), b.awaitRequest("INVITE")};
        for (SipMessage forked : rung) {
            String from = forked.header("From").orElseThrow();
            assertTrue(from.contains("N".repeat(SHOWN)) && !from.contains("N".repeat(SHOWN + 1)), from);
        }
        for (TestPhone phone : phones) {
            String callInfo = callInfo(phone.awaitRequest(m -> m.method().equals("NOTIFY"), "alerting NOTIFY"));
            assertTrue(callInfo.contains("appearance-state=alerting"), callInfo);
            assertTrue(callInfo.contains("N".repeat(SHOWN)), callInfo);
            assertFalse(callInfo.contains("N".repeat(SHOWN + 1)), callInfo);
        }
        bothRinging(rung);
        pbx.send(pbx.cancel(invite));
        assertEquals(487, pbx.awaitFinal(invite).status());
        bothCancelled(rung);
    }
}
