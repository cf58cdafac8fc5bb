package dev.kcbundle.arangodb.testserver.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.List;

/** A dotted attribute path of an index field ({@code "roles.realm"}), read from a document. */
public record AttributePath(String text, List<String> parts) {

    public static AttributePath of(String text) {
        if (text == null || text.isEmpty() || text.contains("[*]")) {
            throw ArangoError.notImplemented("index field '" + text + "'");
        }
        return new AttributePath(text, List.of(text.split("\\.")));
    }

    /** The value at this path, NullNode when absent. */
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
