package org.sca.core.sdp;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SessionDescriptionTest {

    @ParameterizedTest
    @ValueSource(strings = {SeedSdp.HOLD_FROM_92, SeedSdp.ACTIVE_FROM_93})
    void seedBodiesRoundTripByteForByte(String sdp) throws MalformedSdpException {
        assertEquals(sdp, SessionDescription.parse(sdp).format());
    }

    @Test
    void bareLineFeedsAndTrailingBlankLinesAreAcceptedAndWrittenWithCrlf() throws MalformedSdpException {
        String lf = SeedSdp.ACTIVE_FROM_93.replace("\r\n", "\n") + "\n";
        assertEquals(SeedSdp.ACTIVE_FROM_93, SessionDescription.parse(lf).format());
    }

    @Test
    void unusualLinesAreKeptVerbatim() throws MalformedSdpException {
        String sdp = "v=0\r\no=- 1 1 IN IP4 h\r\ns= \r\nx=unknown  type\r\nt=0 0\r\nm=audio 0/2 RTP/AVP 0\r\na=sendonly \r\n";
        assertEquals(sdp, SessionDescription.parse(sdp).format());
    }

    @Test
    void structuredAccess() throws MalformedSdpException {
        SessionDescription sdp = SessionDescription.parse(SeedSdp.HOLD_FROM_92);
        assertEquals(new Origin("-", "6290", 6291, "IN", "IP4", "192.168.2.92"), sdp.origin());
        assertEquals(Optional.of(new Connection("IN", "IP4", "0.0.0.0")), sdp.connection());
        assertEquals(List.of(), sdp.attributes());
        assertEquals(1, sdp.media().size());
        MediaSection audio = sdp.media().get(0);
        assertEquals("audio", audio.mediaType());
        assertEquals(16424, audio.port());
        assertEquals(Optional.empty(), audio.connection());
        assertEquals(List.of("rtpmap:0 PCMU/8000", "rtpmap:8 PCMA/8000", "rtpmap:101 telephone-event/8000",
                "fmtp:101 0-15", "ptime:20", "sendonly"), audio.attributes());
    }

    @Test
    void sessionAndMediaLevelsAreKeptApart() throws MalformedSdpException {
        SessionDescription sdp = SessionDescription.parse("v=0\no=- 1 1 IN IP4 h\ns=-\na=sendonly\nt=0 0\n"
                + "m=audio 4000 RTP/AVP 0\nc=IN IP4 10.0.0.1\na=recvonly\n"
                + "m=video 4002 RTP/AVP 96\na=inactive\n");
        assertEquals(Optional.empty(), sdp.connection());
        assertEquals(List.of("sendonly"), sdp.attributes());
        assertEquals(Optional.of(new Connection("IN", "IP4", "10.0.0.1")), sdp.media().get(0).connection());
        assertEquals(List.of("recvonly"), sdp.media().get(0).attributes());
        assertEquals("video", sdp.media().get(1).mediaType());
        assertEquals(List.of("inactive"), sdp.media().get(1).attributes());
    }

    @Test
    void withOriginReplacesOnlyTheOriginLine() throws MalformedSdpException {
        SessionDescription sdp = SessionDescription.parse(SeedSdp.ACTIVE_FROM_93);
        Origin leg = new Origin("sca", "42", 7, "IN", "IP4", "192.168.2.2");
        String expected = SeedSdp.ACTIVE_FROM_93.replace("o=- 5959 5959 IN IP4 192.168.2.93", "o=sca 42 7 IN IP4 192.168.2.2");
        assertEquals(expected, sdp.withOrigin(leg).format());
        assertEquals(leg, sdp.withOrigin(leg).origin());
    }

    @Test
    void sameBodyIgnoresTheOriginOnly() throws MalformedSdpException {
        SessionDescription sdp = SessionDescription.parse(SeedSdp.ACTIVE_FROM_93);
        assertTrue(sdp.hasSameBodyAs(sdp.withOrigin(new Origin("x", "9", 1, "IN", "IP4", "h"))));
        assertFalse(sdp.hasSameBodyAs(SessionDescription.parse(SeedSdp.ACTIVE_FROM_93.replace("16408", "16410"))));
    }

    static Stream<Arguments> malformedBodies() {
        return Stream.of(
                Arguments.of("o=- 1 1 IN IP4 h\ns=-\n", "Bad SDP: v= must be the first line"),
                Arguments.of("s=-\nv=0\no=- 1 1 IN IP4 h\n", "Bad SDP: v= must be the first line"),
                Arguments.of("", "Bad SDP: v= must be the first line"),
                Arguments.of("v=0\ns=-\nt=0 0\n", "Bad SDP: missing o= line"),
                Arguments.of("v=0\no=- 1 1 IN IP4 h\nt=0 0\n", "Bad SDP: missing s= line"),
                Arguments.of("v=0\no=- 1 1 IN IP4 h\no=- 1 1 IN IP4 h\ns=-\n", "Bad SDP: more than one o= line"),
                Arguments.of("v=0\no=- 1 1 IN IP4\ns=-\n", "Bad SDP: o= line needs 6 fields"),
                Arguments.of("v=0\no=- 1 1 IN IP4 h extra\ns=-\n", "Bad SDP: o= line needs 6 fields"),
                Arguments.of("v=0\no=-  1 1 IN IP4 h\ns=-\n", "Bad SDP: o= line needs 6 fields"),
                Arguments.of("v=0\no=- 1 one IN IP4 h\ns=-\n", "Bad SDP: o= version not a number"),
                Arguments.of("v=0\no=- 1 -1 IN IP4 h\ns=-\n", "Bad SDP: o= version not a number"),
                Arguments.of("v=0\no=- 1 99999999999999999999 IN IP4 h\ns=-\n", "Bad SDP: o= version not a number"),
                Arguments.of("v=0\no=- 1 1 IN IP4 h\ns=-\ngarbage\n", "Bad SDP: line is not <type>=<value>"),
                Arguments.of("v=0\no=- 1 1 IN IP4 h\n\ns=-\n", "Bad SDP: line is not <type>=<value>"),
                Arguments.of("v = 0\no=- 1 1 IN IP4 h\ns=-\n", "Bad SDP: line is not <type>=<value>"),
                Arguments.of("v=0\no=- 1 1 IN IP4 h\ns=-\nc=IN IP4\n", "Bad SDP: malformed c= line"),
                Arguments.of("v=0\no=- 1 1 IN IP4 h\ns=-\nm=audio x RTP/AVP 0\n", "Bad SDP: malformed m= line"),
                Arguments.of("v=0\no=- 1 1 IN IP4 h\ns=-\nm=audio 4000\n", "Bad SDP: malformed m= line"));
    }

    @ParameterizedTest
    @MethodSource("malformedBodies")
    void malformed(String sdp, String reason) {
        MalformedSdpException e = assertThrows(MalformedSdpException.class,
                () -> SessionDescription.parse(sdp));
        assertEquals(reason, e.getMessage());
    }
}
