package org.sca.it;

/** SDP bodies the simulated PBX and phones send, and what the tests read back from them. */
public final class Sdp {

    private Sdp() {}

    public static String of(String user, long sessionId, long version, int mediaPort, String direction) {
        return "v=0\r\n"
                + "o=" + user + " " + sessionId + " " + version + " IN IP4 127.0.0.1\r\n"
                + "s=-\r\n"
                + "c=IN IP4 127.0.0.1\r\n"
                + "t=0 0\r\n"
                + "m=audio " + mediaPort + " RTP/AVP 0 8 101\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\n"
                + "a=" + direction + "\r\n";
    }

    /** "session-id version" of the o= line. */
    static String origin(SipMessage m) {
        for (String line : m.body().split("\r\n")) {
            if (line.startsWith("o=")) {
                String[] f = line.substring(2).split(" ");
                return f[1] + " " + f[2];
            }
        }
        throw new AssertionError("no o= line in:\n" + m);
    }

    static String media(SipMessage m) {
        for (String line : m.body().split("\r\n")) {
            if (line.startsWith("m=")) {
                return line;
            }
        }
        throw new AssertionError("no m= line in:\n" + m);
    }
}
