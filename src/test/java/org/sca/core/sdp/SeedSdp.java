package org.sca.core.sdp;

/**
 * The two SDP bodies from the origin document's "SCA considerations" slides (the slides add
 * blank lines and bold the version; these are the bodies as the phones sent them).
 */
final class SeedSdp {

    private SeedSdp() {
    }

    /** Phone .92 putting the call on hold, both RFC 2543 and RFC 3264 style. */
    static final String HOLD_FROM_92 = "v=0\r\n"
            + "o=- 6290 6291 IN IP4 192.168.2.92\r\n"
            + "s=-\r\n"
            + "c=IN IP4 0.0.0.0\r\n"
            + "t=0 0\r\n"
            + "m=audio 16424 RTP/AVP 0 8 101\r\n"
            + "a=rtpmap:0 PCMU/8000\r\n"
            + "a=rtpmap:8 PCMA/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\n"
            + "a=fmtp:101 0-15\r\n"
            + "a=ptime:20\r\n"
            + "a=sendonly\r\n";

    /** Phone .93 after retrieving the call. */
    static final String ACTIVE_FROM_93 = "v=0\r\n"
            + "o=- 5959 5959 IN IP4 192.168.2.93\r\n"
            + "s=-\r\n"
            + "c=IN IP4 192.168.2.93\r\n"
            + "t=0 0\r\n"
            + "m=audio 16408 RTP/AVP 0 8 101\r\n"
            + "a=rtpmap:0 PCMU/8000\r\n"
            + "a=rtpmap:8 PCMA/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\n"
            + "a=fmtp:101 0-15\r\n"
            + "a=ptime:20\r\n"
            + "a=sendrecv\r\n";
}
