package dev.kcbundle.arangodb.testserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.arangodb.ArangoDB;
import com.arangodb.ArangoDBException;
import com.arangodb.Protocol;
import com.arangodb.entity.CollectionType;
import com.arangodb.model.AqlQueryOptions;
import com.arangodb.model.CollectionCreateOptions;
import com.arangodb.model.PersistentIndexOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stand-in's own features (not part of ArangoDB): request counter, outage switch, addresses. */
class ArangoTestServerTest {

    private final String password = UUID.randomUUID().toString();
    private ArangoTestServer server;
    private ArangoDB arango;

    @BeforeEach
    void start() {
        server = ArangoTestServer.start(0, password);
        arango = new ArangoDB.Builder()
                .protocol(Protocol.HTTP_JSON)
                .host(server.host(), server.port())
                .user("root")
                .password(password)
                .build();
    }

    @AfterEach
    void stop() {
        arango.shutdown();
        server.close();
    }

    @Test
    void reportsItsAddressInTheArangodbHostsFormat() {
        assertThat(server.host()).isEqualTo("127.0.0.1");
        assertThat(server.port()).isPositive();
        assertThat(server.hosts()).isEqualTo("127.0.0.1:" + server.port());
    }

    @Test
    void countsRequestsPerMethodAndPathWithoutTheDatabasePrefix() {
        arango.createDatabase("counted");
        arango.db("counted").createCollection("users");
        server.requests().reset();
        arango.db("counted").query("FOR u IN users RETURN u", Map.class).asListRemaining();
        arango.db("counted").collection("users").insertDocument(Map.of("a", 1));
        arango.db("counted").query("RETURN 1", Integer.class).asListRemaining();

        assertThat(server.requests().count("POST", "/_api/cursor")).isEqualTo(2);
        assertThat(server.requests().count("POST", "/_api/document")).isEqualTo(1);
        assertThat(server.requests().count("GET", "/_api/cursor")).isZero();
        assertThat(server.requests().total()).isEqualTo(3);
        assertThat(server.requests().snapshot())
                .containsEntry("POST /_api/cursor", 2L)
                .containsEntry("POST /_api/document/users", 1L);
        server.requests().reset();
        assertThat(server.requests().total()).isZero();
        assertThat(server.requests().snapshot()).isEmpty();
    }

    @Test
    void servesTheCountsAndAnsweringTimesPerOperationOverHttp() throws Exception {
        arango.db().createCollection("users");
        arango.db().collection("users").insertDocument(Map.of("_key", "alice"));
        arango.db().collection("users").getDocument("alice", Map.class);
        arango.db().collection("users").getDocument("bob", Map.class);
        server.requests().reset();
        arango.db().query("FOR u IN users RETURN u", Map.class).asListRemaining();
        arango.db().query("RETURN 1", Integer.class).asListRemaining();
        arango.db().collection("users").getDocument("alice", Map.class);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest.Builder read =
                HttpRequest.newBuilder(URI.create("http://" + server.hosts() + "/_admin/kcbundle/requests"));
        String basic = Base64.getEncoder().encodeToString(("root:" + password).getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> anonymous = http.send(read.build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> answer =
                http.send(read.header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode body = new ObjectMapper().readTree(answer.body());
        assertThat(body.path("requests").asLong()).isEqualTo(3);
        assertThat(body.path("operations")
                        .path("POST /_api/cursor")
                        .path("requests")
                        .asLong())
                .isEqualTo(2);
        assertThat(body.path("operations")
                        .path("GET /_api/document/users/{key}")
                        .path("requests")
                        .asLong())
                .isEqualTo(1);
        assertThat(body.path("operations")
                        .path("POST /_api/cursor")
                        .path("nanos")
                        .asLong())
                .isPositive();
        assertThat(body.path("nanos").asLong()).isEqualTo(server.requests().answeringNanos());
        assertThat(server.requests().total())
                .as("reading the counter is not counted")
                .isEqualTo(3);
    }

    @Test
    void suspendRefusesConnectionsAndResumeKeepsTheData() throws IOException {
        arango.db().createCollection("kept");
        arango.db().collection("kept").insertDocument(Map.of("_key", "k", "v", 1));
        int port = server.port();

        server.suspend();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> arango.db().collection("kept").getDocument("k", Map.class))
                .isInstanceOf(ArangoDBException.class);

        server.resume();
        assertThat(server.port()).isEqualTo(port);
        assertThat(arango.db().collection("kept").getDocument("k", Map.class)).containsEntry("v", 1);
    }

    @Test
    void refusesWhatNoProductPathSendsInsteadOfAnsweringWrongly() {
        arango.db().createCollection("users");
        ArangoDBException fullCount = assertThrows(
                ArangoDBException.class,
                () -> arango.db()
                        .query("FOR u IN users LIMIT 1 RETURN u", Map.class, new AqlQueryOptions().fullCount(true)));
        ArangoDBException edges = assertThrows(
                ArangoDBException.class,
                () -> arango.db().createCollection("edges", new CollectionCreateOptions().type(CollectionType.EDGES)));
        ArangoDBException twoFields = assertThrows(
                ArangoDBException.class,
                () -> arango.db()
                        .collection("users")
                        .ensurePersistentIndex(List.of("a", "b"), new PersistentIndexOptions()));

        for (ArangoDBException refused : List.of(fullCount, edges, twoFields)) {
            assertThat(refused.getResponseCode()).isEqualTo(501);
            assertThat(refused.getErrorNum()).isEqualTo(9);
        }
    }

    @Test
    void closeStopsForGood() {
        int port = server.port();
        server.close();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
        assertThatThrownBy(server::resume).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void errorBodiesCarryArangoDbsFields() {
        ArangoDBException e =
                assertThrows(ArangoDBException.class, () -> arango.db().query("FOR x IN", Object.class));
        assertThat(e.getResponseCode()).isEqualTo(400);
        assertThat(e.getErrorNum()).isEqualTo(1501);
        assertThat(e.getErrorMessage()).startsWith("AQL: syntax error").contains("at position 1:");
        assertThat(List.of(e.getMessage())).isNotEmpty();
    }
}
