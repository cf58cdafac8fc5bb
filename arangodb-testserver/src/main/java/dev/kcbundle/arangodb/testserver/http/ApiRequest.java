package dev.kcbundle.arangodb.testserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcbundle.arangodb.testserver.store.ArangoError;
import dev.kcbundle.arangodb.testserver.store.Database;
import dev.kcbundle.arangodb.testserver.store.Json;
import dev.kcbundle.arangodb.testserver.store.Users;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request as the API handlers see it: method, database, path below {@code /_db/<name>} split into segments
 * (URL-decoded), query parameters, headers (lower-case names), the raw body, and the authenticated user with its
 * access level on the database and whether it is an administrator (read/write on {@code _system}).
 */
public record ApiRequest(
        String method,
        Database database,
        String path,
        List<String> segments,
        Map<String, String> query,
        Map<String, String> headers,
        byte[] body,
        String user,
        Users.Level level,
        boolean admin) {

    /** ArangoDB's answer to a user lacking a right the operation needs: 403 with errorNum 11. */
    public static ArangoError forbidden() {
        return new ArangoError(403, ArangoError.FORBIDDEN, "forbidden");
    }

    /** Managing users and databases needs read/write on {@code _system}. */
    public void requireAdmin() {
        if (!admin) {
            throw forbidden();
        }
    }

    /** Creating or dropping collections and indexes needs read/write on the database (403, errorNum 11). */
    public void requireDatabaseWrite() {
        if (level != Users.Level.RW) {
            throw forbidden();
        }
    }

    /** Writing documents needs read/write on the collection (403, errorNum 1004 "read only"). */
    public void requireCollectionWrite() {
        if (level != Users.Level.RW) {
            throw new ArangoError(403, ArangoError.READ_ONLY, "collection is read-only");
        }
    }

    public String segment(int index) {
        return index < segments.size() ? segments.get(index) : null;
    }

    public int segmentCount() {
        return segments.size();
    }

    public boolean flag(String name, boolean defaultValue) {
        String value = query.get(name);
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        return value.equalsIgnoreCase("true") || value.equals("1") || value.equalsIgnoreCase("yes");
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    public JsonNode json() {
        return Json.parse(body);
    }

    public JsonNode requiredJson() {
        JsonNode node = json();
        if (node == null) {
            throw new ArangoError(
                    ArangoError.HTTP_BAD,
                    ArangoError.CORRUPTED_JSON,
                    "VPackError error: Expecting a JSON value (empty request body)");
        }
        return node;
    }

    public ArangoError unknownPath() {
        return new ArangoError(404, 404, "unknown path '" + path + "'");
    }

    public ArangoError methodNotAllowed() {
        return new ArangoError(405, 405, "method not supported");
    }
}
