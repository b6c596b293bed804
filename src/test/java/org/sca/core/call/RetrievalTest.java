package org.sca.core.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sca.core.AppearanceState;

class RetrievalTest {

    @Test
    void theOriginDocumentsRetrieveInviteIsRecognised() {
        // INVITE sip:192.168.2.2:5080, From and To <sip:osas_shared@192.168.2.2>, no To tag
        assertTrue(Retrieval.isRetrieve(null, "osas_shared", "osas_shared", false, "osas_shared"));
        assertTrue(Retrieval.isRetrieve("OSAS_shared", "osas_shared", "osas_shared", false, "osas_shared"));
    }

    @Test
    void aCallToSomeoneElseOrInsideADialogIsNotARetrieve() {
        assertFalse(Retrieval.isRetrieve("4164542289", "osas_shared", "4164542289", false, "osas_shared"));
        assertFalse(Retrieval.isRetrieve(null, "osas_shared", "osas_shared", true, "osas_shared"));
        assertFalse(Retrieval.isRetrieve(null, "4164542289", "osas_shared", false, "osas_shared"));
    }

    @Test
    void onlyAHeldAppearanceMayBeTaken() {
        assertEquals(Optional.empty(), Retrieval.refusal(AppearanceState.HELD, false));
        assertEquals(Optional.empty(), Retrieval.refusal(AppearanceState.HELD_PRIVATE, true));
        assertEquals(Optional.of("Appearance is held private"), Retrieval.refusal(AppearanceState.HELD_PRIVATE, false));
        assertEquals(Optional.of("Appearance is idle"), Retrieval.refusal(AppearanceState.IDLE, false));
        assertEquals(Optional.of("Appearance is not held"), Retrieval.refusal(AppearanceState.ACTIVE, true));
        assertEquals(Optional.of("Appearance is not held"), Retrieval.refusal(AppearanceState.ALERTING, false));
    }
}
