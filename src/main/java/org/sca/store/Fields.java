package org.sca.store;

import java.util.Arrays;
import java.util.List;

/**
 * A row's fields in one text column. SIP header values never hold C0 control characters
 * (RFC 3261 25.1 allows none but tab in them), so the ASCII unit separator divides fields and
 * the record separator divides the items of a list field, with no escaping.
 */
final class Fields {

    private static final String FIELD = "\u001F";
    private static final String ITEM = "\u001E";

    private Fields() {}

    static String join(List<String> fields) {
        fields.forEach(f -> check(f, FIELD));
        return String.join(FIELD, fields);
    }

    static List<String> split(String data) {
        return Arrays.asList(data.split(FIELD, -1));
    }

    static String list(List<String> items) {
        items.forEach(i -> check(i, ITEM));
        return String.join(ITEM, items);
    }

    static List<String> items(String field) {
        return field.isEmpty() ? List.of() : Arrays.asList(field.split(ITEM, -1));
    }

    private static void check(String value, String separator) {
        if (value.contains(separator) || value.contains(FIELD)) {
            throw new IllegalArgumentException("control character in a stored value: " + value);
        }
    }
}
