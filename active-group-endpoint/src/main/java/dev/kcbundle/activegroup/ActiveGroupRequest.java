package dev.kcbundle.activegroup;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.keycloak.util.JsonSerialization;

/**
 * The body of a PUT: {@code {"group": "<group id or /full/path>"}}. Anything else is a 400 with a description that says
 * what was expected.
 *
 * @param group a group id, or a full path when it starts with {@code /}
 */
record ActiveGroupRequest(String group) {

    static final String GROUP_FIELD = "group";
    /**
     * Longest group value accepted, in characters: room for an id and for deep paths of long group names, and the
     * bound of what a refusal writes into an event.
     */
    static final int MAX_GROUP_LENGTH = 1024;

    private static final String EXPECTED = "expected a JSON object {\"group\": \"<group id or /full/path>\"}";

    static ActiveGroupRequest parse(String body) {
        if (body == null || body.isBlank()) {
            throw ApiError.badRequest("Empty body: " + EXPECTED);
        }
        JsonNode json;
        try {
            json = JsonSerialization.mapper.readTree(body);
        } catch (IOException e) {
            throw ApiError.badRequest("Body is not JSON: " + EXPECTED);
        }
        if (json == null || !json.isObject()) {
            throw ApiError.badRequest("Body is not a JSON object: " + EXPECTED);
        }
        JsonNode group = json.get(GROUP_FIELD);
        if (group == null || !group.isTextual() || group.asText().isBlank()) {
            throw ApiError.badRequest("Field \"group\" missing, empty or not a string: " + EXPECTED);
        }
        String value = group.asText().trim();
        if (value.length() > MAX_GROUP_LENGTH) {
            throw ApiError.badRequest("Field \"group\" is longer than " + MAX_GROUP_LENGTH + " characters");
        }
        return new ActiveGroupRequest(value);
    }

    boolean isPath() {
        return group.startsWith("/");
    }
}
