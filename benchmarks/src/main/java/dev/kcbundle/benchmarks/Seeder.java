package dev.kcbundle.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcbundle.arangodb.testserver.ArangoTarget;
import dev.kcbundle.userstorage.document.UserDocument;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.logging.Logger;

/**
 * Fills the benchmark realms with the same users ({@link SeedUsers}), fast. Hashing a password takes Keycloak tens of
 * milliseconds (argon2), so 100,000 hashes would take hours: the password credential is computed ONCE, by Keycloak
 * itself (one user created through the admin API in an ArangoDB realm, whose stored credential is read back), and
 * every seeded user of every store gets that same credential (same password, same salt).
 * <ul>
 *     <li>ArangoDB stores: documents built with the provider's own {@link UserDocument}, inserted straight into the
 *     tenant's users collection through ArangoDB's HTTP API in batches of {@value #ARANGO_BATCH};</li>
 *     <li>Keycloak's own users: the admin API's {@code partialImport} with the hashed credential, in batches of
 *     {@value #KEYCLOAK_BATCH}, {@value #KEYCLOAK_IMPORTS} at a time.</li>
 * </ul>
 */
final class Seeder {

    private static final Logger LOG = Logger.getLogger(Seeder.class);
    private static final int ARANGO_BATCH = 1000;
    /**
     * Small on purpose: Keycloak flushes its JPA session at every group join, and each flush walks every entity of the
     * request, so a partialImport of n users costs O(n^2) (500 per request: minutes per request on a busy machine).
     */
    private static final int KEYCLOAK_BATCH = 25;

    private static final int KEYCLOAK_IMPORTS = 4;
    private static final long CREATED = 1795369378000L;

    private final Http http;
    private final AdminClient admin;
    private final Stack stack;
    private Map<String, Object> credential;

    Seeder(Http http, AdminClient admin, Stack stack) {
        this.http = http;
        this.admin = admin;
        this.stack = stack;
    }

    /** Adds users {@code from} (inclusive) to {@code to} (exclusive); returns the milliseconds it took. */
    long seed(BenchRealm realm, int from, int to) {
        long start = System.nanoTime();
        int batch = realm.store.inArangoDb() ? ARANGO_BATCH : KEYCLOAK_BATCH;
        ExecutorService pool = Executors.newFixedThreadPool(realm.store.inArangoDb() ? 1 : KEYCLOAK_IMPORTS);
        try {
            List<Future<?>> batches = new ArrayList<>();
            for (int batchStart = from; batchStart < to; batchStart += batch) {
                int first = batchStart;
                int end = Math.min(to, batchStart + batch);
                batches.add(pool.submit(() -> {
                    if (realm.store.inArangoDb()) {
                        insertDocuments(realm, first, end);
                    } else {
                        importUsers(realm, first, end);
                    }
                }));
            }
            for (Future<?> done : batches) {
                done.get();
            }
        } catch (ExecutionException e) {
            throw new BenchmarkException(
                    "seeding " + realm.name + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        LOG.infof("Seeded users %d..%d into %s in %d ms", from, to - 1, realm.store.label(), millis);
        return millis;
    }

    /**
     * The Keycloak-format password credential (type, algorithm, credentialData, secretData) of {@link
     * SeedUsers#PASSWORD}, hashed once by Keycloak through a throw-away user of {@code arangoRealm}.
     */
    Map<String, Object> credential(BenchRealm arangoRealm) {
        if (credential == null) {
            Map<String, Object> user = Map.of(
                    "username",
                    "bench-credential-source",
                    "enabled",
                    true,
                    "credentials",
                    List.of(Map.of("type", "password", "value", SeedUsers.PASSWORD, "temporary", false)));
            HttpResponse<String> created = admin.send("POST", "/" + arangoRealm.name + "/users", user, 201);
            String location = created.headers().firstValue("Location").orElseThrow();
            String userId = location.substring(location.lastIndexOf('/') + 1);
            String key = userId.substring(userId.lastIndexOf(':') + 1); // f:<component id>:<document key>
            JsonNode document = http.expectJson(
                    arango(arangoRealm, "/_api/document/users/" + key).GET(), 200);
            credential = Http.JSON.convertValue(document.path(UserDocument.CREDENTIAL), Map.class);
            admin.delete("/" + arangoRealm.name + "/users/" + userId);
            if (credential == null || !credential.containsKey("secretData")) {
                throw new BenchmarkException("the provider stored no password credential for the template user");
            }
        }
        return credential;
    }

    private void insertDocuments(BenchRealm realm, int from, int to) {
        Map<String, Object> credential = this.credential;
        List<Map<String, Object>> documents = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            UserDocument user = UserDocument.newUser("u" + i, SeedUsers.username(i), CREATED + i);
            user.setEmail(SeedUsers.email(i));
            user.setEmailVerified(true);
            user.setFirstName(SeedUsers.firstName(i));
            user.setLastName(SeedUsers.lastName(i));
            user.setAttribute(SeedUsers.POLICIES, List.of(SeedUsers.policy(i)));
            user.setGroupIds(List.of(realm.staffGroupId, realm.officeGroupId));
            user.setCredential(credential);
            documents.add(user.fields());
        }
        HttpResponse<String> response = http.send(Http.json(arango(realm, "/_api/document/users"), "POST", documents));
        if (response.statusCode() / 100 != 2) {
            throw new BenchmarkException("ArangoDB refused seeding " + realm.name + ": HTTP " + response.statusCode());
        }
        JsonNode answers = Http.parse(response.body());
        for (JsonNode answer : answers) {
            if (answer.path("error").asBoolean(false)) {
                throw new BenchmarkException("ArangoDB refused a seeded document of " + realm.name + ": " + answer);
            }
        }
    }

    private void importUsers(BenchRealm realm, int from, int to) {
        List<Map<String, Object>> users = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("username", SeedUsers.username(i));
            user.put("email", SeedUsers.email(i));
            user.put("emailVerified", true);
            user.put("firstName", SeedUsers.firstName(i));
            user.put("lastName", SeedUsers.lastName(i));
            user.put("enabled", true);
            user.put("createdTimestamp", CREATED + i);
            user.put("attributes", Map.of(SeedUsers.POLICIES, List.of(SeedUsers.policy(i))));
            user.put("groups", List.of("/staff", "/staff/office"));
            user.put("realmRoles", List.of("default-roles-" + realm.name));
            user.put(
                    "credentials",
                    List.of(Map.of(
                            "type",
                            "password",
                            "createdDate",
                            CREATED,
                            "credentialData",
                            credential.get("credentialData"),
                            "secretData",
                            credential.get("secretData"))));
            users.add(user);
        }
        admin.send(
                "POST", "/" + realm.name + "/partialImport", Map.of("ifResourceExists", "FAIL", "users", users), 200);
    }

    private HttpRequest.Builder arango(BenchRealm realm, String path) {
        String database = ArangoTarget.Endpoint.firstOf(stack.arangoHosts()).httpUrl() + "/_db/" + realm.database();
        return Http.request(database + path)
                .header("Authorization", Http.basic(stack.arangoAdminUser(), stack.arangoAdminPassword()));
    }
}
