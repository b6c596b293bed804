package org.sca.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sca.core.AppearanceState;
import org.sca.core.view.LineView;

class LineJsonTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void aLineIsWrittenWithSecondsLeftAndWithoutWhatLapsed() {
        LineView line = new LineView("demo", "sip:demo@192.0.2.1", 2,
                List.of(new LineView.AppearanceView(1, AppearanceState.HELD_PRIVATE, null, "\"A \\\"B\\\"\" <sip:1@pbx>", T0)),
                List.of(new LineView.RegistrationView("sip:a@192.0.2.7", "alice", "192.0.2.7:5060", T0.plusMillis(90_100)),
                        new LineView.RegistrationView("sip:old@192.0.2.7", "alice", "192.0.2.7:5060", T0.minusSeconds(1))),
                List.of(new LineView.SubscriptionView("call-info", "alice", "sip:a@192.0.2.7", T0.plusSeconds(60))));
        assertEquals("{\"id\":\"demo\",\"aor\":\"sip:demo@192.0.2.1\",\"maxAppearances\":2,"
                + "\"appearances\":[{\"index\":1,\"state\":\"held-private\",\"owner\":null,"
                + "\"remote\":\"\\\"A \\\\\\\"B\\\\\\\"\\\" \\u003csip:1@pbx\\u003e\",\"since\":\"2026-12-03T10:00:00Z\"}],"
                + "\"registrations\":[{\"contact\":\"sip:a@192.0.2.7\",\"device\":\"alice\",\"source\":\"192.0.2.7:5060\",\"expiresIn\":91}],"
                + "\"subscriptions\":[{\"event\":\"call-info\",\"device\":\"alice\",\"contact\":\"sip:a@192.0.2.7\",\"expiresIn\":60}]}",
                LineJson.line(line, T0));
    }

    @Test
    void listsAndErrorsAreJsonToo() {
        assertEquals("[{\"id\":\"a\",\"aor\":\"sip:a@h\",\"maxAppearances\":1,\"appearances\":[],\"registrations\":[],"
                + "\"subscriptions\":[]},{\"id\":\"b\",\"aor\":\"sip:b@h\",\"maxAppearances\":1,\"appearances\":[],"
                + "\"registrations\":[],\"subscriptions\":[]}]",
                LineJson.lines(List.of(LineView.quiet("a", "sip:a@h", 1), LineView.quiet("b", "sip:b@h", 1)), T0));
        assertEquals("{\"error\":\"no line 'x\\n'\"}", LineJson.error("no line 'x\n'"));
    }
}
