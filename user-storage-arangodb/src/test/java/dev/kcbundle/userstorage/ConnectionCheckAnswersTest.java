package dev.kcbundle.userstorage;

import static dev.kcbundle.arangodb.testserver.ArangoTestServer.DRIVER_PROTOCOL;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kcbundle.userstorage.arango.ConnectionCheck;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How the check names ArangoDB's refusals of a tenant account, with a server answering as ArangoDB does (status and
 * error body): no access to the database (401 or 403, told apart from a wrong password by reading the
 * account's own user record, which ArangoDB lets every signed-in user do),
 * and that nothing goes to {@code _system}'s database API.
 */
class ConnectionCheckAnswersTest {

    private HttpServer server;
    private final List<String> paths = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void a403ForTheDatabaseIsNoAccess() throws IOException {
        start(403, 200);

        assertThat(check())
                .isEqualTo("ArangoDB user \"kc_acme\" has no access to database \"acme\" at " + host()
                        + ", or that database does not exist.");
        assertThat(paths).containsExactly("/_db/acme/_api/database/current");
    }

    @Test
    void a401ForTheDatabaseWithAcceptedCredentialsIsNoAccess() throws IOException {
        start(401, 200);

        assertThat(check())
                .isEqualTo("ArangoDB user \"kc_acme\" has no access to database \"acme\" at " + host()
                        + ", or that database does not exist.");
        assertThat(paths).containsExactly("/_db/acme/_api/database/current", "/_db/_system/_api/user/kc_acme");
    }

    @Test
    void a401WithRejectedCredentialsIsAWrongPassword() throws IOException {
        start(401, 401);

        assertThat(check())
                .contains("rejected user \"kc_acme\": wrong user or password")
                .doesNotContain("no access");
    }

    @Test
    void withoutAClearLoginAnswerBothCausesAreNamed() throws IOException {
        start(401, 404);

        assertThat(check()).contains("wrong user or password, or the user has no access to database \"acme\"");
    }

    private String check() {
        ArangoStorageConfig config = ArangoStorageConfig.from(
                host(), "false", DRIVER_PROTOCOL, "kc_acme", "tenant-password", "acme", null, null);
        return new ConnectionCheck(config.connection(), false).problem().english();
    }

    private String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers the database probe with {@code databaseStatus} and the account's own user record with {@code loginStatus}. */
    private void start(int databaseStatus, int loginStatus) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            paths.add(path);
            if (path.endsWith("/_api/user/kc_acme")) {
                answer(
                        exchange,
                        loginStatus,
                        loginStatus == 200
                                ? "{\"user\":\"kc_acme\",\"active\":true,\"extra\":{}}"
                                : error(loginStatus, 11));
            } else {
                answer(exchange, databaseStatus, error(databaseStatus, 11));
            }
        });
        server.start();
    }

    private static String error(int status, int errorNum) {
        return "{\"error\":true,\"code\":" + status + ",\"errorNum\":" + errorNum
                + ",\"errorMessage\":\"not authorized to execute this request\"}";
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
