package dev.kcbundle.arangodb.testserver.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kcbundle.arangodb.testserver.http.ApiHandler;
import dev.kcbundle.arangodb.testserver.http.ApiRequest;
import dev.kcbundle.arangodb.testserver.http.ApiResponse;
import dev.kcbundle.arangodb.testserver.store.ArangoError;
import dev.kcbundle.arangodb.testserver.store.Json;
import dev.kcbundle.arangodb.testserver.store.Storage;
import dev.kcbundle.arangodb.testserver.store.Users;

/**
 * {@code /_api/user} as ArangoDB's RestUsersHandler answers it: list, create, get, replace, update and delete users;
 * {@code PUT}/{@code DELETE /_api/user/<u>/database/<db>} grant and revoke, {@code GET /_api/user/<u>/database[/<db>]}
 * read access levels. Administrators (read/write on {@code _system}) may do everything, other users may read and
 * change only themselves (403: errorNum 11 for changes, 403 for reads).
 */
public final class UserApi implements ApiHandler {

    private static final int HTTP_FORBIDDEN = 403;

    private final Users users;
    private final Storage storage;

    public UserApi(Users users, Storage storage) {
        this.users = users;
        this.storage = storage;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        String name = request.segment(2);
        boolean databases = request.segmentCount() >= 4 && "database".equals(request.segment(3));
        if (request.segmentCount() > 5 || (request.segmentCount() >= 4 && !databases)) {
            throw ArangoError.badParameter("unsupported user route " + request.path());
        }
        switch (request.method()) {
            case "GET":
                return get(request, name, databases);
            case "POST":
                if (name != null) {
                    throw ArangoError.badParameter("expecting POST /_api/user");
                }
                request.requireAdmin();
                JsonNode body = request.requiredJson();
                ObjectNode created = users.create(body.path("user").asText(null), body);
                return ApiResponse.envelope(201, created);
            case "PUT":
            case "PATCH":
                return change(request, name, databases);
            case "DELETE":
                request.requireAdmin();
                if (name == null) {
                    throw ArangoError.badParameter("expecting DELETE /_api/user/<user>");
                }
                if (databases && request.segmentCount() == 5) {
                    users.revoke(name, request.segment(4));
                } else if (request.segmentCount() == 3) {
                    users.remove(name);
                } else {
                    throw ArangoError.badParameter("expecting DELETE /_api/user/<user>[/database/<database>]");
                }
                return ApiResponse.envelope(202, Json.object());
            default:
                throw request.methodNotAllowed();
        }
    }

    private ApiResponse get(ApiRequest request, String name, boolean databases) {
        if (name == null) {
            if (!request.admin()) {
                throw new ArangoError(HTTP_FORBIDDEN, HTTP_FORBIDDEN, "forbidden");
            }
            ObjectNode body = Json.object();
            ArrayNode result = body.putArray("result");
            users.names().forEach(user -> result.add(users.describe(user)));
            return ApiResponse.envelope(200, body);
        }
        if (!request.admin() && !name.equals(request.user())) {
            throw new ArangoError(HTTP_FORBIDDEN, HTTP_FORBIDDEN, "forbidden");
        }
        if (!databases) {
            return ApiResponse.envelope(200, users.describe(name));
        }
        ObjectNode body = Json.object();
        if (request.segmentCount() == 5) {
            users.describe(name);
            body.put("result", users.level(name, request.segment(4)).spelling());
        } else {
            ObjectNode result = body.putObject("result");
            users.accessible(name, storage.databaseNames()).forEach((db, level) -> result.put(db, level.spelling()));
        }
        return ApiResponse.envelope(200, body);
    }

    private ApiResponse change(ApiRequest request, String name, boolean databases) {
        if (name == null) {
            throw ArangoError.badParameter("expecting " + request.method() + " /_api/user/<user>");
        }
        JsonNode body = request.requiredJson();
        if (!databases) {
            if (!request.admin() && !name.equals(request.user())) {
                throw ApiRequest.forbidden();
            }
            return ApiResponse.envelope(
                    200, users.change(name, body, request.method().equals("PUT")));
        }
        if (!request.method().equals("PUT") || request.segmentCount() != 5) {
            throw ArangoError.badParameter("expecting PUT /_api/user/<user>/database/<database>");
        }
        request.requireAdmin();
        JsonNode grant = body.get("grant");
        if (grant == null || !grant.isTextual()) {
            throw ArangoError.badParameter("expecting attribute 'grant'");
        }
        Users.Level level = Users.Level.parse(grant.textValue());
        String database = request.segment(4);
        users.grant(name, database, level);
        ObjectNode result = Json.object();
        result.put(database, level.spelling());
        return ApiResponse.envelope(200, result);
    }
}
