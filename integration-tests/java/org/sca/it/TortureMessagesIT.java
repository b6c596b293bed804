package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sca.it.TestPhone.Request;

/**
 * Messages in the spirit of RFC 4475 (SIP torture tests), written for this server from the
 * RFC's descriptions: valid but tortuous syntax that must be served, and invalid messages that
 * must be refused with the right status or, where nothing in them can be answered, dropped.
 * Each is sent as raw text; after all of them the server still answers, and its console has no
 * new stack trace.
 */
class TortureMessagesIT extends DeployedSca {

    /** No answer: a message the stack cannot parse far enough to answer (RFC 4475 leaves dropping it to the element). */
    private static final int DROPPED = 0;
    private static final Duration DROP_WAIT = Duration.ofSeconds(2);
    private static final String LINE = "sip:osas_shared@127.0.0.1";

    /** {@code text} has $VIA, $CALLID for the phone's Via and a fresh Call-ID. */
    private record Torture(String name, int expected, String text) {
    }

    private static List<Torture> messages() {
        String common = "Via: $VIA\r\nFrom: <" + LINE + ">;tag=t1\r\nTo: <" + LINE + ">\r\nCall-ID: $CALLID\r\n"
                + "Max-Forwards: 70\r\n";
        return List.of(
                // 3.1.1.1: compact forms, folded lines, odd spacing and case
                new Torture("compact, folded and spaced headers", 200, "OPTIONS " + LINE + " SIP/2.0\r\n"
                        + "v:  $VIA\r\nf: <" + LINE + ">\r\n  ;tag=t2\r\nt :<" + LINE + ">\r\ni: $CALLID\r\n"
                        + "cSeQ  :   1    OPTIONS\r\nMAX-forwards:\t70\r\nX-Unknown-Header: a b\r\n\tc d\r\nl: 0\r\n\r\n"),
                // 3.1.1.3 and 3.1.1.4: escaped characters and escaped nulls in the Request-URI's user
                new Torture("escapes in the Request-URI", 200, "OPTIONS sip:%6Fsas%5Fshared@127.0.0.1 SIP/2.0\r\n" + common
                        + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"),
                new Torture("escaped null in the Request-URI", 200, "OPTIONS sip:null-%00-null@127.0.0.1 SIP/2.0\r\n" + common
                        + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"),
                // 3.1.1.7: a user part with a semicolon and parameters
                new Torture("semicolons in the user part", 200, "OPTIONS sip:user;par=u%40example.net@127.0.0.1 SIP/2.0\r\n"
                        + common + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"),
                // 3.1.1.2: a method made of every character a token allows
                new Torture("a method of unusual token characters", 501, "!interesting-Method0123456789_*+`.%indeed'~ " + LINE
                        + " SIP/2.0\r\n" + common + "CSeq: 1 !interesting-Method0123456789_*+`.%indeed'~\r\nContent-Length: 0\r\n\r\n"),
                // 3.1.1.6 (long values): an unknown header of 4,000 characters
                new Torture("a very long unknown header", 200, "OPTIONS " + LINE + " SIP/2.0\r\n" + common
                        + "X-Long: " + "x".repeat(4000) + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"),
                // 3.1.2.4 (ncl): a negative Content-Length
                new Torture("a negative Content-Length", 400, "OPTIONS " + LINE + " SIP/2.0\r\n" + common
                        + "CSeq: 1 OPTIONS\r\nContent-Length: -999\r\n\r\n"),
                // 3.1.2.5 (scalar02): Max-Forwards beyond its range
                new Torture("Max-Forwards out of range", 400, "OPTIONS " + LINE + " SIP/2.0\r\nVia: $VIA\r\nFrom: <" + LINE
                        + ">;tag=t1\r\nTo: <" + LINE + ">\r\nCall-ID: $CALLID\r\nMax-Forwards: 300000000000\r\n"
                        + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"),
                // 3.1.2.1 (clerr): a Content-Length larger than the datagram (RFC 3261 18.3: 400 over UDP)
                new Torture("Content-Length beyond the datagram", 400, "OPTIONS " + LINE + " SIP/2.0\r\n" + common
                        + "CSeq: 1 OPTIONS\r\nContent-Type: text/plain\r\nContent-Length: 9999\r\n\r\nshort"),
                // 3.1.2.6 (quotbal): an unterminated quoted string
                new Torture("an unterminated quoted display name", 400, "OPTIONS " + LINE + " SIP/2.0\r\nVia: $VIA\r\n"
                        + "From: \"Bel Canto <" + LINE + ">;tag=t1\r\nTo: <" + LINE + ">\r\nCall-ID: $CALLID\r\nMax-Forwards: 70\r\n"
                        + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"),
                // 3.1.2.11 (mcl01): two Content-Length values
                new Torture("two Content-Length values", 400, "OPTIONS " + LINE + " SIP/2.0\r\n" + common
                        + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\nContent-Length: 4\r\n\r\n"),
                // 3.1.2.9 (escruri): spaces in the Request-URI
                new Torture("unescaped spaces in the Request-URI", 400, "OPTIONS sip:user name@127.0.0.1 SIP/2.0\r\n" + common
                        + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"),
                // 3.3.1 (insuf): no Call-ID
                new Torture("no Call-ID", DROPPED, "OPTIONS " + LINE + " SIP/2.0\r\nVia: $VIA\r\nFrom: <" + LINE
                        + ">;tag=t1\r\nTo: <" + LINE + ">\r\nMax-Forwards: 70\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"),
                // 3.1.2.16 (unkscm) and 3.1.2.13 (novelsc)
                new Torture("an unknown URI scheme", 416, "OPTIONS nobodyknowsthisscheme:totallyopaquecontent SIP/2.0\r\n"
                        + common + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"),
                new Torture("another SIP version", 505, "OPTIONS " + LINE + " SIP/7.0\r\n" + common
                        + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"),
                // 3.3.2 (bext01): an unknown extension required
                new Torture("an unknown extension required", 420, "OPTIONS " + LINE + " SIP/2.0\r\n" + common
                        + "Require: nothingSupportsThis, nothingSupportsThisEither\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"),
                // 3.1.2.15 (mismatch01): the CSeq method is not the request's
                new Torture("CSeq of another method", 400, "OPTIONS " + LINE + " SIP/2.0\r\n" + common
                        + "CSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n"));
    }

    @Test
    void everyTortureMessageGetsItsAnswerAndTheServerLives() {
        String consoleBefore = SharedContainer.get().console();
        List<String> wrong = new ArrayList<>();
        try (TestPhone phone = new TestPhone(SharedContainer.get().sip(), ItLines.DEMO)) {
            for (Torture t : messages()) {
                String callId = UUID.randomUUID() + "@torture";
                phone.sendRaw(t.text().replace("$VIA", phone.via()).replace("$CALLID", callId));
                SipMessage answer = phone.awaitResponseOrNull(new Request("OPTIONS", LINE).header("Call-ID", callId),
                        t.expected() == DROPPED ? DROP_WAIT : TestPhone.WAIT);
                int status = answer == null ? DROPPED : answer.status();
                if (status != t.expected()) {
                    wrong.add(t.name() + ": expected " + t.expected() + ", got " + (answer == null ? "no answer" : answer));
                } else if (answer != null && !answer.reason().chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
                    wrong.add(t.name() + ": reason phrase not one line of text: " + answer);
                }
            }
            assertEquals(List.of(), wrong);
            assertEquals(200, phone.call(phone.request("OPTIONS", LINE)).status(), "the server still answers");
        }
        String added = SharedContainer.get().console().substring(consoleBefore.length());
        assertTrue(added.lines().noneMatch(l -> l.startsWith("\tat ")), "no stack trace:\n" + added);
    }
}
