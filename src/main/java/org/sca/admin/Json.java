package org.sca.admin;

import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A small JSON writer for the API's few shapes (RFC 8259): objects, arrays, strings, numbers,
 * null. A library for it would be the war's largest jar.
 */
final class Json {

    private final StringBuilder out = new StringBuilder();
    /** Whether the next member or element needs a comma before it. */
    private boolean comma;

    String text() {
        return out.toString();
    }

    Json object(Runnable members) {
        return open('{', members, '}');
    }

    Json array(Runnable elements) {
        return open('[', elements, ']');
    }

    <T> Json array(List<T> items, BiConsumer<Json, T> each) {
        return array(() -> items.forEach(item -> each.accept(this, item)));
    }

    /** Starts a member of the current object; its value follows. */
    Json name(String name) {
        separate();
        string(name).out.append(':');
        comma = false;
        return this;
    }

    Json value(String s) {
        separate();
        if (s == null) {
            out.append("null");
        } else {
            string(s);
        }
        comma = true;
        return this;
    }

    Json value(long n) {
        separate();
        out.append(n);
        comma = true;
        return this;
    }

    Json value(Instant t) {
        return value(t.toString());
    }

    private Json open(char open, Runnable body, char close) {
        separate();
        out.append(open);
        comma = false;
        body.run();
        out.append(close);
        comma = true;
        return this;
    }

    private void separate() {
        if (comma) {
            out.append(',');
            comma = false;
        }
    }

    private Json string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                // < and > escaped too, so a remote party's name cannot close a <script> the JSON ends up in.
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
        return this;
    }
}
