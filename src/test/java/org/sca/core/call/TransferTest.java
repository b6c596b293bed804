package org.sca.core.call;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransferTest {

    @Test
    void aReferToWithoutReplacesIsABlindTransfer() {
        assertEquals(new Transfer.Blind("201"), Transfer.parse("<sip:201@127.0.0.1;transport=udp>"));
        assertEquals(new Transfer.Blind("201"), Transfer.parse("sip:201@192.0.2.1"));
        assertEquals(new Transfer.Blind("201"), Transfer.parse("\"Bob\" <sip:201@192.0.2.1:5060>;x=y"));
    }

    @Test
    void replacesInTheReferToMakesItAttended() {
        Transfer t = Transfer.parse("<sip:202@127.0.0.1?Replaces=abc%40host%3Bto-tag%3Dsrv1%3Bfrom-tag%3Dph1&Foo=bar>");
        assertEquals(new Transfer.Attended("202", new Transfer.Replaces("abc@host", "srv1", "ph1")), t);
    }

    @Test
    void whatIsNotATransferTargetSaysWhy() {
        assertEquals("Refer-To must be a SIP URI", assertThrows(IllegalArgumentException.class,
                () -> Transfer.parse("<tel:+15551234>")).getMessage());
        assertEquals("Refer-To names no user to call", assertThrows(IllegalArgumentException.class,
                () -> Transfer.parse("<sip:pbx.test>")).getMessage());
        assertEquals("Bad Replaces in Refer-To", assertThrows(IllegalArgumentException.class,
                () -> Transfer.parse("<sip:1@h?Replaces=abc%3Bto-tag%3Dx>")).getMessage());
        assertEquals("Bad Refer-To header", assertThrows(IllegalArgumentException.class,
                () -> Transfer.parse("<sip:1@h")).getMessage());
    }

    @Test
    void thePbxIsReferredToItselfAndForAnAttendedTransferToItsOwnDialog() {
        assertEquals("<sip:201@127.0.0.1:5080>", Transfer.referToFor("sip:201@127.0.0.1:5080", Optional.empty()));
        String attended = Transfer.referToFor("sip:202@pbx.test",
                Optional.of(new Transfer.Replaces("x y@pbx", "pbxtag", "srvtag")));
        assertEquals("<sip:202@pbx.test?Replaces=x%20y%40pbx%3Bto-tag%3Dpbxtag%3Bfrom-tag%3Dsrvtag>", attended);
        assertEquals(new Transfer.Attended("202", new Transfer.Replaces("x y@pbx", "pbxtag", "srvtag")), Transfer.parse(attended));
    }
}
