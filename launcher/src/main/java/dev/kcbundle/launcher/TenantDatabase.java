package dev.kcbundle.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kcbundle.arangodb.testserver.ArangoTarget;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * One tenant's ArangoDB database and its own ArangoDB account, made with the operator's admin credential: the
 * database is created when missing, the user {@code kc_<realm>} is created (or gets the given password when it
 * exists) and is granted read/write on that database. Idempotent. The tenant's federation signs in with that account,
 * so it reaches its own database only; the admin credential never goes into a realm or into Keycloak's environment.
 * <pre>
 * ARANGODB_HOSTS=db:8529 ARANGODB_USER=root ARANGODB_PASSWORD=... ARANGODB_TENANT_PASSWORD=... \
 *     java -cp keycloak-launcher.jar dev.kcbundle.launcher.TenantDatabase --database acme --user kc_acme
 * </pre>
 * Uses ArangoDB's HTTP API ({@code /_api/database}, {@code /_api/user}) through the JDK's HttpClient.
 */
public final class TenantDatabase {

    private static final Logger LOG = Logger.getLogger(TenantDatabase.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SYSTEM = "/_db/_system";
    private static final int DUPLICATE_NAME = 1207;
    private static final int DUPLICATE_USER = 1702;
    /** Prefix of every tenant account: {@code kc_<realm>}. */
    public static final String USER_PREFIX = "kc_";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final String authorization;

    private TenantDatabase(String hosts, String adminUser, String adminPassword) {
        this.baseUrl = ArangoTarget.Endpoint.firstOf(hosts).httpUrl();
        this.authorization = "Basic "
                + Base64.getEncoder()
                        .encodeToString((adminUser + ":" + (adminPassword == null ? "" : adminPassword))
                                .getBytes(StandardCharsets.UTF_8));
    }

    /** The ArangoDB account of a tenant realm. */
    public static String userFor(String realm) {
        return USER_PREFIX + realm;
    }

    /** A new random password for a tenant account (24 URL-safe characters). */
    public static String newPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * With the admin credential ({@code adminUser}/{@code adminPassword} at the first host of {@code hosts}): creates
     * {@code database} when missing, creates {@code tenantUser} with {@code tenantPassword} or sets that password when
     * the user exists, and grants it read/write on {@code database}.
     *
     * @throws IOException when ArangoDB does not answer or refuses a step (the message names the step and
     *                     ArangoDB's answer, never a password)
     */
    public static void provision(
            String hosts,
            String adminUser,
            String adminPassword,
            String database,
            String tenantUser,
            String tenantPassword)
            throws IOException {
        if (tenantPassword == null || tenantPassword.isEmpty()) {
            throw new IllegalArgumentException("The ArangoDB account " + tenantUser + " needs a non-empty password");
        }
        if (tenantUser.equals(adminUser)) {
            throw new IllegalArgumentException("The tenant account must not be the admin account " + adminUser);
        }
        new TenantDatabase(hosts, adminUser, adminPassword).run(database, tenantUser, tenantPassword);
    }

    private void run(String database, String user, String password) throws IOException {
        Answer created =
                send("POST", SYSTEM + "/_api/database", JSON.createObjectNode().put("name", database));
        if (created.status() == 201) {
            LOG.infof("Created ArangoDB database %s", database);
        } else if (created.errorNum() != DUPLICATE_NAME) {
            throw created.failure("create database " + database);
        }
        ObjectNode account = JSON.createObjectNode()
                .put("user", user)
                .put("passwd", password)
                .put("active", true);
        Answer newUser = send("POST", SYSTEM + "/_api/user", account);
        if (newUser.status() == 201) {
            LOG.infof("Created ArangoDB user %s", user);
        } else if (newUser.errorNum() == DUPLICATE_USER) {
            ObjectNode change = JSON.createObjectNode().put("passwd", password).put("active", true);
            Answer updated = send("PATCH", SYSTEM + "/_api/user/" + pathSegment(user), change);
            if (updated.status() != 200) {
                throw updated.failure("set the password of ArangoDB user " + user);
            }
        } else {
            throw newUser.failure("create ArangoDB user " + user);
        }
        Answer grant = send(
                "PUT",
                SYSTEM + "/_api/user/" + pathSegment(user) + "/database/" + pathSegment(database),
                JSON.createObjectNode().put("grant", "rw"));
        if (grant.status() != 200) {
            throw grant.failure("grant " + user + " read/write on database " + database);
        }
        LOG.infof("ArangoDB user %s has read/write on database %s", user, database);
    }

    private record Answer(int status, JsonNode body) {

        int errorNum() {
            return body.path("errorNum").asInt(-1);
        }

        IOException failure(String step) {
            return new IOException("Cannot " + step + ": ArangoDB answered HTTP " + status
                    + (body.has("errorNum")
                            ? " (errorNum " + errorNum() + ": "
                                    + body.path("errorMessage").asText() + ")"
                            : ""));
        }
    }

    private Answer send(String method, String path, JsonNode body) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            return new Answer(
                    response.statusCode(),
                    text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted", e);
        } catch (IOException e) {
            throw new IOException("No ArangoDB answers at " + baseUrl + " (" + method + " " + path + "): " + e, e);
        }
    }

    private static String pathSegment(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The compose init service: {@code --database <name> --user <name>}, connection and passwords from the environment. */
    public static void main(String[] args) throws IOException {
        CommandLine options = CommandLine.parse(args);
        Map<String, String> env = System.getenv();
        String tenantPassword = env.get("ARANGODB_TENANT_PASSWORD");
        if (tenantPassword == null || tenantPassword.isBlank()) {
            throw new IllegalArgumentException("Set ARANGODB_TENANT_PASSWORD to the password of the tenant's account");
        }
        provision(
                orDefault(env, "ARANGODB_HOSTS", "localhost:8529"),
                orDefault(env, "ARANGODB_USER", "root"),
                env.getOrDefault("ARANGODB_PASSWORD", ""),
                options.required("database"),
                options.required("user"),
                tenantPassword);
    }

    private static String orDefault(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
