package org.sca.admin;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a request under {@code /api} asks for, read from its path alone. */
sealed interface ApiRoute {

    /** GET: every line. */
    record Lines() implements ApiRoute {}

    /** GET: one line. */
    record OneLine(String id) implements ApiRoute {}

    /** POST: release one appearance. */
    record Release(String lineId, int index) implements ApiRoute {}

    /** POST: re-read the line configuration. */
    record Reload() implements ApiRoute {}

    /** The path has the right shape but a part of it is wrong (400 with this text). */
    record Malformed(String reason) implements ApiRoute {}

    /** No such resource (404). */
    record Unknown() implements ApiRoute {}

    /** A line id as the configuration allows it, one path segment. */
    Pattern LINE = Pattern.compile("/lines/([A-Za-z0-9_.-]+)");
    Pattern RELEASE = Pattern.compile("/lines/([A-Za-z0-9_.-]+)/appearances/([^/]+)/release");
    /** Appearances are 1..99: more digits than that is not an index. */
    Pattern INDEX = Pattern.compile("[0-9]{1,3}");

    /** @param path the part after {@code /api}, e.g. {@code /lines/demo} */
    static ApiRoute of(String path) {
        if (path == null) {
            return new Unknown();
        }
        if (path.equals("/lines")) {
            return new Lines();
        }
        if (path.equals("/config/reload")) {
            return new Reload();
        }
        Matcher line = LINE.matcher(path);
        if (line.matches()) {
            return new OneLine(line.group(1));
        }
        Matcher release = RELEASE.matcher(path);
        if (release.matches()) {
            String index = release.group(2);
            return INDEX.matcher(index).matches() ? new Release(release.group(1), Integer.parseInt(index))
                    : new Malformed("appearance index must be a number, got '" + index + "'");
        }
        return new Unknown();
    }

    /** The one method the route answers to. */
    default String method() {
        return this instanceof Release || this instanceof Reload ? "POST" : "GET";
    }
}
