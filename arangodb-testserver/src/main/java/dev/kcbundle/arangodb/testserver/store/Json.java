package dev.kcbundle.arangodb.testserver.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** The one Jackson mapper and node factory of the server. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();
    public static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(false);

    private Json() {}

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    public static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new ArangoError(
                    ArangoError.HTTP_BAD,
                    ArangoError.CORRUPTED_JSON,
                    "VPackError error: Expecting a JSON value: "
                            + (e instanceof com.fasterxml.jackson.core.JsonProcessingException
                                    ? ((com.fasterxml.jackson.core.JsonProcessingException) e).getOriginalMessage()
                                    : e.getMessage()));
        }
    }

    public static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize a JSON tree", e);
        }
    }

    public static String text(JsonNode node) {
        return new String(write(node), java.nio.charset.StandardCharsets.UTF_8);
    }
}
