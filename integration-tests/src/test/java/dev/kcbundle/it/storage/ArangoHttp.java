package dev.kcbundle.it.storage;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcbundle.arangodb.testserver.ArangoTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tests' own view of ArangoDB, over its HTTP API (the same for the stand-in and a real server). The ArangoDB Java
 * driver is deliberately not on the test class path: its shaded jar declares a Jackson module service it does not
 * contain, which breaks the admin client's Jackson.
 */
public final class ArangoHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> DOCUMENT = new TypeReference<>() {};

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private final String authorization;
    private final String database;

    /** What ArangoDB answered: HTTP status and JSON body. */
    public record Answer(int status, JsonNode body) {}

    /** ArangoDB's HTTP API of {@code database} at the first of {@code hosts}, signed in as {@code user}. */
    public ArangoHttp(String hosts, String user, String password, String database) {
        this.baseUrl = ArangoTarget.Endpoint.firstOf(hosts).httpUrl();
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.database = database;
    }

    /** Runs an AQL query and returns all results (documents as maps, or plain values). */
    public List<Object> query(String aql, Map<String, Object> bindVars) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", aql);
        body.put("bindVars", bindVars);
        body.put("batchSize", 100_000);
        JsonNode answer = send("POST", "/_api/cursor", body);
        List<Object> results = new ArrayList<>();
        answer.path("result").forEach(node -> results.add(JSON.convertValue(node, Object.class)));
        return results;
    }

    /** The document with this normalized username, or null. */
    public Map<String, Object> userByUsername(String username) {
        List<Object> found = query(
                "FOR u IN @@col FILTER u.usernameLower == @name RETURN u",
                Map.of("@col", "users", "name", username.toLowerCase()));
        return found.isEmpty() ? null : JSON.convertValue(found.get(0), DOCUMENT);
    }

    long usersWithEmail(String email) {
        return query(
                        "FOR u IN @@col FILTER u.emailLower == @email RETURN u._key",
                        Map.of("@col", "users", "email", email.toLowerCase()))
                .size();
    }

    long count() {
        return send("GET", "/_api/collection/users/count", null).path("count").asLong();
    }

    void insert(List<Map<String, Object>> documents) {
        send("POST", "/_api/document/users", documents);
    }

    void update(String key, Map<String, Object> fields) {
        send("PATCH", "/_api/document/users/" + URLEncoder.encode(key, StandardCharsets.UTF_8), fields);
    }

    /**
     * A new collection holding {@code documents} as they are, the way another application writes them (without the
     * provider's derived fields).
     */
    public void createCollection(String name, List<Map<String, Object>> documents) {
        send("POST", "/_api/collection", Map.of("name", name));
        send("POST", "/_api/document/" + name, documents);
    }

    /** Whether this database exists (ArangoDB answers 404 for a database it does not have). */
    boolean databaseExists() {
        try {
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create(baseUrl + "/_db/" + database + "/_api/database/current"))
                    .header("Authorization", authorization)
                    .GET()
                    .build();
            int status =
                    http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200 && status != 404) {
                throw new IllegalStateException("GET /_api/database/current of " + database + ": HTTP " + status);
            }
            return status == 200;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode send(String method, String path, Object body) {
        Answer answer = call(method, path, body);
        if (answer.status() >= 300) {
            throw new IllegalStateException(method + " " + path + ": HTTP " + answer.status() + " " + answer.body());
        }
        return answer.body();
    }

    /** One request below {@code /_db/<database>}, whatever ArangoDB answers. */
    public Answer call(String method, String path, Object body) {
        try {
            HttpRequest.BodyPublisher publisher = body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/_db/" + database + path))
                    .header("Authorization", authorization)
                    .header("Content-Type", "application/json")
                    .method(method, publisher)
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            return new Answer(
                    response.statusCode(), text == null || text.isBlank() ? JSON.missingNode() : JSON.readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
