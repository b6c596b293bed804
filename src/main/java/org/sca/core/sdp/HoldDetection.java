package org.sca.core.sdp;

import java.util.List;

/**
 * Where hold is detected. An SDP offer puts the call on hold when it has at least one active
 * media section (port not 0; a port-0 section is a rejected stream and says nothing) and every
 * active section is held, which means either
 * <ul>
 *   <li>its direction is {@code sendonly} or {@code inactive} (RFC 3264 section 8.4); the
 *       media-level attribute overrides the session-level one, and with neither it is
 *       {@code sendrecv}; or</li>
 *   <li>its connection address is {@code 0.0.0.0} (RFC 2543 hold, still sent by older phones,
 *       often alongside {@code sendonly}); the media-level {@code c=} overrides the
 *       session-level one.</li>
 * </ul>
 * {@code recvonly} is not hold: the sender still wants to hear the other side. A call with one
 * held and one live stream is not on hold either.
 */
public final class HoldDetection {

    private static final String RFC2543_HOLD_ADDRESS = "0.0.0.0";

    private HoldDetection() {
    }

    public static boolean isHold(SessionDescription sdp) {
        List<MediaSection> media = sdp.media();
        boolean anyActive = false;
        for (int i = 0; i < media.size(); i++) {
            if (media.get(i).port() == 0) {
                continue;
            }
            anyActive = true;
            if (!isHeld(sdp, i)) {
                return false;
            }
        }
        return anyActive;
    }

    /**
     * The effective direction of one media section.
     *
     * @param mediaIndex 0-based position among {@link SessionDescription#media()}
     * @throws IndexOutOfBoundsException when there is no such section
     */
    public static MediaDirection direction(SessionDescription sdp, int mediaIndex) {
        return MediaDirection.in(sdp.media().get(mediaIndex).attributes())
                .or(() -> MediaDirection.in(sdp.attributes()))
                .orElse(MediaDirection.SENDRECV);
    }

    private static boolean isHeld(SessionDescription sdp, int mediaIndex) {
        MediaDirection direction = direction(sdp, mediaIndex);
        if (direction == MediaDirection.SENDONLY || direction == MediaDirection.INACTIVE) {
            return true;
        }
        return sdp.media().get(mediaIndex).connection()
                .or(sdp::connection)
                .map(connection -> RFC2543_HOLD_ADDRESS.equals(connection.address()))
                .orElse(false);
    }
}
