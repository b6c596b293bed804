package org.sca.admin;

import java.time.Instant;
import java.util.List;
import org.sca.core.view.LineView;
import org.sca.sip.LineControl;

/** The API's JSON for lines: seconds left as of {@code now}; what has lapsed by then is left out. */
final class LineJson {

    private LineJson() {}

    static String lines(List<LineView> lines, Instant now) {
        Json json = new Json();
        json.array(lines, (j, line) -> write(j, line, now));
        return json.text();
    }

    static String line(LineView line, Instant now) {
        Json json = new Json();
        write(json, line, now);
        return json.text();
    }

    static String reloaded(LineControl.Reload.Applied applied) {
        Json json = new Json();
        json.object(() -> {
            json.name("added").array(applied.added(), Json::value);
            json.name("removed").array(applied.removed(), Json::value);
            json.name("changed").array(applied.changed(), Json::value);
        });
        return json.text();
    }

    static String error(String message) {
        Json json = new Json();
        json.object(() -> json.name("error").value(message));
        return json.text();
    }

    private static void write(Json j, LineView line, Instant now) {
        j.object(() -> {
            j.name("id").value(line.id());
            j.name("aor").value(line.aor());
            j.name("maxAppearances").value(line.maxAppearances());
            j.name("appearances").array(line.appearances(), (a, ap) -> a.object(() -> {
                a.name("index").value(ap.index());
                a.name("state").value(ap.state().wire());
                a.name("owner").value(ap.owner());
                a.name("remote").value(ap.remote());
                a.name("since").value(ap.since());
            }));
            j.name("registrations").array(line.registrations().stream().filter(r -> r.expiresAt().isAfter(now)).toList(),
                    (a, r) -> a.object(() -> {
                        a.name("contact").value(r.contact());
                        a.name("device").value(r.device());
                        a.name("source").value(r.source());
                        a.name("expiresIn").value(secondsLeft(r.expiresAt(), now));
                    }));
            j.name("subscriptions").array(line.subscriptions().stream().filter(s -> s.expiresAt().isAfter(now)).toList(),
                    (a, s) -> a.object(() -> {
                        a.name("event").value(s.event());
                        a.name("device").value(s.device());
                        a.name("contact").value(s.contact());
                        a.name("expiresIn").value(secondsLeft(s.expiresAt(), now));
                    }));
        });
    }

    /** Whole seconds, rounded up: a registration with 0.4 s left still counts as live. */
    private static long secondsLeft(Instant at, Instant now) {
        return (at.toEpochMilli() - now.toEpochMilli() + 999) / 1000;
    }
}
