package org.sca.sip;

import gov.nist.javax.sip.message.SIPRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The To tags of the answers the server sends statelessly. RFC 3261 8.2.7 asks a stateless UAS
 * for the same tag whenever the same request comes again (a UDP retransmission), and to ignore
 * ACK: the ACK of a non-2xx answer repeats the request's Call-ID, From tag, CSeq number and top
 * Via branch (17.1.1.3), so the tag, a keyed hash of those, also tells that ACK apart from every
 * other. The key is new at each start: an ACK of an answer sent before it goes on to the
 * container, which drops a request for a dialog it does not know.
 */
final class StatelessTags {

    /** RFC 3261 19.3: at least 32 bits of randomness; 64 as the container's own tags. */
    private static final int TAG_BYTES = 8;

    private final byte[] key = new byte[32];

    StatelessTags() {
        new SecureRandom().nextBytes(key);
    }

    /** The To tag of a stateless answer to {@code request}. */
    String of(SIPRequest request) {
        MessageDigest digest = sha256();
        digest.update(key);
        for (String part : new String[] {request.getCallId().getCallId(), request.getFromTag(),
                Long.toString(request.getCSeq().getSeqNumber()), request.getTopmostVia().getBranch()}) {
            digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0); // keeps "ab"+"c" apart from "a"+"bc"
        }
        return HexFormat.of().formatHex(digest.digest(), 0, TAG_BYTES);
    }

    /** Whether {@code ack} acknowledges a stateless answer of this server. */
    boolean acknowledgesOwnAnswer(SIPRequest ack) {
        String tag = ack.getToTag();
        return tag != null && tag.length() == 2 * TAG_BYTES && ack.getTopmostVia() != null && tag.equals(of(ack));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
