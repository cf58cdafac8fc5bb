package dev.kcbundle.arangodb.testserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.kcbundle.arangodb.testserver.store.ArangoError;
import dev.kcbundle.arangodb.testserver.store.Database;
import dev.kcbundle.arangodb.testserver.store.Json;
import dev.kcbundle.arangodb.testserver.store.Storage;
import dev.kcbundle.arangodb.testserver.store.Users;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Entry point of every HTTP request: counts it, checks basic authentication against the stored users, resolves the
 * database, refuses users without access to it like ArangoDB does (401 with errorNum 11, also for a database that does
 * not exist, so names cannot be guessed; {@code /_api/user} stays open to every authenticated user) and hands the
 * request to the API it names; turns {@link ArangoError}s into ArangoDB's JSON error body.
 */
public final class ArangoHttpHandler implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(ArangoHttpHandler.class);
    private static final String JSON = "application/json; charset=utf-8";
    /** The stand-in's own route: the request counter as JSON (any authenticated user; not counted itself). */
    static final String REQUESTS_OPERATION = "GET /_admin/kcbundle/requests";

    private final Storage storage;
    private final Users users;
    private final RequestListener requestListener;
    private final Map<String, ApiHandler> apis;

    /** {@code apis}: by the path's first two segments, e.g. {@code "_api/cursor"}. */
    public ArangoHttpHandler(
            Storage storage, Users users, RequestListener requestListener, Map<String, ApiHandler> apis) {
        this.storage = storage;
        this.users = users;
        this.requestListener = requestListener;
        this.apis = Map.copyOf(apis);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        List<String> segments = decodedSegments(exchange.getRequestURI().getRawPath());
        String databaseName = Storage.SYSTEM;
        if (segments.size() >= 2 && segments.get(0).equals("_db")) {
            databaseName = segments.get(1);
            segments = segments.subList(2, segments.size());
        }
        String operation = method + " " + operationPath(segments);
        boolean counted = !operation.equals(REQUESTS_OPERATION);
        if (counted) {
            requestListener.received(operation);
        }
        ApiResponse response;
        try {
            byte[] body = readBody(exchange);
            response = answer(exchange, method, databaseName, segments, body);
        } catch (ArangoError e) {
            response = error(e);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Internal error answering %s", operation);
            response = error(new ArangoError(500, 4, "internal error in the in-memory ArangoDB stand-in: " + e));
        }
        byte[] bytes = response.body() == null ? null : Json.write(response.body());
        if (counted) {
            // Before the answer leaves: a client that reads the counter after this answer finds it recorded.
            requestListener.answered(operation, System.nanoTime() - started);
        }
        send(exchange, method, response, bytes);
    }

    /** The path as the request counter names it: document keys and cursor ids as placeholders. */
    private static String operationPath(List<String> segments) {
        List<String> named = new ArrayList<>(segments);
        if (named.size() == 4 && named.get(0).equals("_api") && named.get(1).equals("document")) {
            named.set(3, "{key}");
        } else if (named.size() >= 3
                && named.get(0).equals("_api")
                && named.get(1).equals("cursor")) {
            named.set(2, "{id}");
        }
        return "/" + String.join("/", named);
    }

    private ApiResponse answer(
            HttpExchange exchange, String method, String databaseName, List<String> segments, byte[] body) {
        String user = users.authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
        if (user == null) {
            return error(notAuthorized()).header("Www-Authenticate", "Basic, realm=\"ArangoDB\"");
        }
        if ((method + " " + operationPath(segments)).equals(REQUESTS_OPERATION)) {
            return ApiResponse.of(200, requestListener.toJson());
        }
        Users.Level level = users.level(user, databaseName);
        boolean userApi = segments.size() >= 2
                && segments.get(0).equals("_api")
                && segments.get(1).equals("user");
        if (level == Users.Level.NONE && !userApi) {
            throw notAuthorized();
        }
        Database database;
        try {
            database = storage.database(databaseName);
        } catch (ArangoError e) {
            throw level == Users.Level.NONE ? notAuthorized() : e;
        }
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        String path = "/" + String.join("/", segments);
        ApiRequest request = new ApiRequest(
                method,
                database,
                path,
                List.copyOf(segments),
                queryParameters(exchange.getRequestURI().getRawQuery()),
                headers,
                body,
                user,
                level,
                users.isAdmin(user));
        ApiHandler api = segments.size() < 2 || !segments.get(0).equals("_api") ? null : apis.get(segments.get(1));
        if (api == null) {
            throw request.unknownPath();
        }
        return api.handle(request);
    }

    /** ArangoDB's answer for a database the user may not access (CommTask::prepareExecution): 401, errorNum 11. */
    private static ArangoError notAuthorized() {
        return new ArangoError(401, ArangoError.FORBIDDEN, "not authorized to execute this request");
    }

    private static ApiResponse error(ArangoError e) {
        ObjectNode body = Json.object();
        if (e.extraFields() != null) {
            body.setAll(e.extraFields());
        }
        body.put("code", e.status());
        body.put("error", true);
        body.put("errorMessage", e.getMessage());
        body.put("errorNum", e.errorNum());
        return ApiResponse.of(e.status(), body);
    }

    private static void send(HttpExchange exchange, String method, ApiResponse response, byte[] bytes)
            throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Server", "ArangoDB");
        headers.set("X-Arango-Queue-Time-Seconds", "0.000000");
        response.headers().forEach(headers::set);
        boolean noBody = bytes == null || method.equals("HEAD");
        if (bytes != null) {
            headers.set("Content-Type", JSON);
        }
        if (noBody) {
            exchange.sendResponseHeaders(response.status(), -1);
        } else {
            exchange.sendResponseHeaders(response.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    private static List<String> decodedSegments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String part : rawPath.split("/")) {
            if (!part.isEmpty()) {
                segments.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            parameters.put(
                    URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }
}
