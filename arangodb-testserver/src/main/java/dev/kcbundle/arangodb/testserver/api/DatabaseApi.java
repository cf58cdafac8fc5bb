package dev.kcbundle.arangodb.testserver.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kcbundle.arangodb.testserver.http.ApiHandler;
import dev.kcbundle.arangodb.testserver.http.ApiRequest;
import dev.kcbundle.arangodb.testserver.http.ApiResponse;
import dev.kcbundle.arangodb.testserver.store.ArangoError;
import dev.kcbundle.arangodb.testserver.store.Database;
import dev.kcbundle.arangodb.testserver.store.Json;
import dev.kcbundle.arangodb.testserver.store.Storage;
import dev.kcbundle.arangodb.testserver.store.Users;

/**
 * {@code /_api/database}: current, create and drop (both only for administrators; a non-root creator gets read/write
 * on its new database, a dropped database's grants go with it).
 */
public final class DatabaseApi implements ApiHandler {

    private final Storage storage;
    private final Users users;

    public DatabaseApi(Storage storage, Users users) {
        this.storage = storage;
        this.users = users;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        String sub = request.segment(2);
        switch (request.method()) {
            case "GET":
                if ("current".equals(sub) && request.segmentCount() == 3) {
                    return current(request.database());
                }
                throw request.unknownPath();
            case "POST":
                if (sub != null) {
                    throw request.unknownPath();
                }
                requireSystem(request);
                request.requireAdmin();
                return create(request.requiredJson(), request.user());
            case "DELETE":
                if (sub == null || request.segmentCount() != 3) {
                    throw request.unknownPath();
                }
                requireSystem(request);
                request.requireAdmin();
                storage.dropDatabase(sub);
                users.databaseDropped(sub);
                return result(200, true);
            default:
                throw request.methodNotAllowed();
        }
    }

    private ApiResponse create(JsonNode body, String creator) {
        JsonNode name = body.get("name");
        String database = storage.createDatabase(name == null || !name.isTextual() ? null : name.textValue())
                .name();
        if (!creator.equals(Users.ROOT)) {
            users.grant(creator, database, Users.Level.RW);
        }
        return result(201, true);
    }

    private static ApiResponse current(Database database) {
        ObjectNode body = Json.object();
        ObjectNode info = body.putObject("result");
        info.put("name", database.name());
        info.put("id", Long.toString(database.id()));
        info.put("isSystem", database.name().equals(Storage.SYSTEM));
        info.put("path", "none");
        return ApiResponse.envelope(200, body);
    }

    private static ApiResponse result(int status, boolean value) {
        ObjectNode body = Json.object();
        body.put("result", value);
        return ApiResponse.envelope(status, body);
    }

    private static void requireSystem(ApiRequest request) {
        if (!request.database().name().equals(Storage.SYSTEM)) {
            throw new ArangoError(403, ArangoError.USE_SYSTEM_DATABASE, "operation only allowed in system database");
        }
    }
}
