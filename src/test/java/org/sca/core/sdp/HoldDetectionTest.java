package org.sca.core.sdp;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HoldDetectionTest {

    private static final String HEAD = "v=0\r\no=- 1 1 IN IP4 10.0.0.9\r\ns=-\r\n";
    private static final String LIVE_C = "c=IN IP4 10.0.0.9\r\n";
    private static final String NULL_C = "c=IN IP4 0.0.0.0\r\n";
    private static final String AUDIO = "t=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";

    private static SessionDescription sdp(String text) throws MalformedSdpException {
        return SessionDescription.parse(text);
    }

    @Test
    void seedHoldFromPhone92IsHold() throws MalformedSdpException {
        assertTrue(HoldDetection.isHold(sdp(SeedSdp.HOLD_FROM_92)));
    }

    @Test
    void seedActiveFromPhone93IsNotHold() throws MalformedSdpException {
        assertFalse(HoldDetection.isHold(sdp(SeedSdp.ACTIVE_FROM_93)));
    }

    @Test
    void sendonlyIsHold() throws MalformedSdpException {
        assertTrue(HoldDetection.isHold(sdp(HEAD + LIVE_C + AUDIO + "a=sendonly\r\n")));
    }

    @Test
    void inactiveIsHold() throws MalformedSdpException {
        assertTrue(HoldDetection.isHold(sdp(HEAD + LIVE_C + AUDIO + "a=inactive\r\n")));
    }

    @Test
    void sessionLevelSendonlyAppliesToMediaWithoutItsOwn() throws MalformedSdpException {
        assertTrue(HoldDetection.isHold(sdp(HEAD + LIVE_C + "a=sendonly\r\n" + AUDIO)));
    }

    @Test
    void nullAddressAtSessionLevelIsHold() throws MalformedSdpException {
        assertTrue(HoldDetection.isHold(sdp(HEAD + NULL_C + AUDIO)));
    }

    @Test
    void nullAddressAtMediaLevelIsHold() throws MalformedSdpException {
        assertTrue(HoldDetection.isHold(sdp(HEAD + LIVE_C + AUDIO + NULL_C)));
    }

    @Test
    void mediaLevelAddressOverridesSessionLevelNullAddress() throws MalformedSdpException {
        assertFalse(HoldDetection.isHold(sdp(HEAD + NULL_C + AUDIO + LIVE_C)));
    }

    @Test
    void mediaLevelSendrecvOverridesSessionLevelSendonly() throws MalformedSdpException {
        SessionDescription sdp = sdp(HEAD + LIVE_C + "a=sendonly\r\n" + AUDIO + "a=sendrecv\r\n");
        assertEquals(MediaDirection.SENDRECV, HoldDetection.direction(sdp, 0));
        assertFalse(HoldDetection.isHold(sdp));
    }

    @Test
    void recvonlyIsNotHold() throws MalformedSdpException {
        assertFalse(HoldDetection.isHold(sdp(HEAD + LIVE_C + AUDIO + "a=recvonly\r\n")));
    }

    @Test
    void noDirectionMeansSendrecv() throws MalformedSdpException {
        SessionDescription sdp = sdp(HEAD + LIVE_C + AUDIO);
        assertEquals(MediaDirection.SENDRECV, HoldDetection.direction(sdp, 0));
        assertFalse(HoldDetection.isHold(sdp));
    }

    @ParameterizedTest
    @EnumSource(MediaDirection.class)
    void directionReadsEachAttribute(MediaDirection direction) throws MalformedSdpException {
        SessionDescription sdp = sdp(HEAD + LIVE_C + AUDIO + "a=" + direction.attribute() + "\r\n");
        assertEquals(direction, HoldDetection.direction(sdp, 0));
    }

    @Test
    void portZeroStreamIsIgnored() throws MalformedSdpException {
        SessionDescription sdp = sdp(HEAD + LIVE_C + AUDIO + "a=sendonly\r\n"
                + "m=video 0 RTP/AVP 96\r\na=sendrecv\r\n");
        assertTrue(HoldDetection.isHold(sdp));
    }

    @Test
    void oneHeldAndOneLiveStreamIsNotHold() throws MalformedSdpException {
        SessionDescription sdp = sdp(HEAD + LIVE_C + AUDIO + "a=sendonly\r\n"
                + "m=video 4002 RTP/AVP 96\r\na=sendrecv\r\n");
        assertFalse(HoldDetection.isHold(sdp));
    }

    @Test
    void noActiveMediaIsNotHold() throws MalformedSdpException {
        assertFalse(HoldDetection.isHold(sdp(HEAD + NULL_C + "t=0 0\r\n")));
        assertFalse(HoldDetection.isHold(sdp(HEAD + LIVE_C + "t=0 0\r\nm=audio 0 RTP/AVP 0\r\na=inactive\r\n")));
    }
}
