package dev.kcbundle.arangodb.testserver.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.List;

/**
 * A dotted attribute path of an index field ({@code "roles.realm"}), read from a document. A trailing {@code [*]}
 * ({@code "tags[*]"}) makes it an array index field: each element of the array at that path is indexed.
 */
public record AttributePath(String text, List<String> parts, boolean expanded) {

    private static final String EXPANSION = "[*]";

    public static AttributePath of(String text) {
        if (text == null || text.isEmpty()) {
            throw ArangoError.badParameter("invalid index description: empty attribute name");
        }
        boolean expanded = text.endsWith(EXPANSION);
        String base = expanded ? text.substring(0, text.length() - EXPANSION.length()) : text;
        if (base.isEmpty() || base.contains(EXPANSION)) {
            throw ArangoError.notImplemented("index field '" + text + "' (only one trailing [*] is supported)");
        }
        return new AttributePath(text, List.of(base.split("\\.")), expanded);
    }

    /** The value at this path (for an expanded path: the array itself), NullNode when absent. */
    public JsonNode read(JsonNode document) {
        JsonNode current = document;
        for (String part : parts) {
            if (current == null || !current.isObject()) {
                return NullNode.instance;
            }
            current = current.get(part);
        }
        return Values.orNull(current);
    }
}
