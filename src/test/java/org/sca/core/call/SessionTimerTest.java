package org.sca.core.call;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sca.core.call.SessionTimer.Refresher;

class SessionTimerTest {

    private static final Optional<SessionTimer> ASTERISK = Optional.of(SessionTimer.parse("1800;refresher=uac"));

    @Test
    void readsAndWritesSessionExpires() {
        assertEquals(new SessionTimer(1800, Optional.of(Refresher.UAC)), ASTERISK.get());
        assertEquals("1800;refresher=uac", ASTERISK.get().format());
        assertEquals("90", SessionTimer.parse(" 90 ").format());
        assertEquals(Optional.of(Refresher.UAS), SessionTimer.parse("600 ; Refresher=UAS").refresher());
    }

    @Test
    void aGarbledValueSaysWhatIsWrong() {
        assertEquals("Bad Session-Expires header", assertThrows(IllegalArgumentException.class,
                () -> SessionTimer.parse("soon")).getMessage());
        assertEquals("Bad Session-Expires header", assertThrows(IllegalArgumentException.class,
                () -> SessionTimer.parse("0")).getMessage());
        assertEquals("Bad Session-Expires refresher", assertThrows(IllegalArgumentException.class,
                () -> SessionTimer.parse("1800;refresher=me")).getMessage());
    }

    @Test
    void belowNinetySecondsIsTooBrief() {
        assertTrue(SessionTimer.parse("89").tooBrief());
        assertFalse(SessionTimer.parse("90").tooBrief());
    }

    @Test
    void theOtherSidesAnswerIsRelayedAsItIs() {
        Optional<SessionTimer> phone = Optional.of(SessionTimer.parse("900;refresher=uas"));
        assertEquals(phone, SessionTimer.answer(ASTERISK, true, phone));
    }

    @Test
    void whenTheOtherSideDoesNoTimerARequesterThatSupportsItRefreshes() {
        assertEquals(Optional.of(new SessionTimer(1800, Optional.of(Refresher.UAC))),
                SessionTimer.answer(Optional.of(SessionTimer.parse("1800")), true, Optional.empty()));
    }

    @Test
    void noTimerWhenNobodyAsksOrTheRequesterCannotRefresh() {
        assertEquals(Optional.empty(), SessionTimer.answer(Optional.empty(), true, Optional.empty()));
        assertEquals(Optional.empty(), SessionTimer.answer(ASTERISK, false, Optional.empty()));
    }
}
