package dev.kcbundle.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcbundle.arangodb.testserver.ArangoTestServer;
import dev.kcbundle.benchmarks.Benchmark;
import dev.kcbundle.benchmarks.Options;
import dev.kcbundle.benchmarks.Stack;
import dev.kcbundle.launcher.RealmTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark in seconds (20 users per store, one client, two rounds of 0.2 s) against the test run's Keycloak, so it
 * never rots: every operation against every store answers without errors, and the table and its CSV/JSON copies come
 * out with sane figures.
 */
class BenchmarkSmokeIT {

    private static final int OPERATIONS = 14;
    private static final int STORES = 3;

    @Test
    void smokeRunMeasuresEveryOperationOnEveryStoreWithoutErrors(@TempDir Path out) throws IOException {
        KeycloakTestServer server = KeycloakTestServer.shared();
        KeycloakTestServer.ArangoConnection arango = server.arango();
        Stack stack = new Stack(
                server.baseUrl(),
                KeycloakTestServer.ADMIN_USER,
                server.adminPassword(),
                arango.hosts(),
                arango.protocol(),
                arango.user(),
                arango.password(),
                arango.inMemory().map(ArangoTestServer::requests),
                Optional.empty());
        Options options = Options.parse(
                new String[] {
                    "--sizes",
                    "20",
                    "--concurrency",
                    "1",
                    "--rounds",
                    "2",
                    "--seconds",
                    "0.2",
                    "--warmup",
                    "0.05",
                    "--out",
                    out.toString()
                },
                Map.of());

        String table = new Benchmark(
                        options, stack, RealmTemplate.load(KeycloakTestServer.projectFile("realm-export.json")))
                .run()
                .markdown();

        assertThat(table)
                .contains("| operation | store | throughput/s", "**20 users, concurrency 1**")
                .doesNotContain("First error");
        assertThat(Files.readAllLines(out.resolve("results.csv"))).hasSize(1 + OPERATIONS * STORES);
        JsonNode results = new ObjectMapper()
                .readTree(out.resolve("results.json").toFile())
                .path("results");
        assertThat(results).hasSize(OPERATIONS * STORES);
        List<String> stores = new ArrayList<>();
        for (JsonNode row : results) {
            String name =
                    row.path("operation").asText() + " / " + row.path("store").asText();
            stores.add(row.path("store").asText());
            assertThat(row.path("errors").asLong()).as(name).isZero();
            assertThat(row.path("throughputPerRound"))
                    .as(name)
                    .hasSize(2)
                    .allSatisfy(round -> assertThat(round.asDouble()).isPositive());
            assertThat(row.path("p50Ms").asDouble())
                    .as(name)
                    .isPositive()
                    .isLessThanOrEqualTo(row.path("p99Ms").asDouble());
        }
        assertThat(stores).containsOnly("keycloak", "arangodb-default", "arangodb-no-cache");
        if (arango.inMemory().isPresent()) {
            assertThat(requestsPerOperation(results, "password-grant", "keycloak"))
                    .isZero();
            assertThat(requestsPerOperation(results, "client-credentials", "arangodb-no-cache"))
                    .isZero();
            assertThat(requestsPerOperation(results, "password-grant", "arangodb-no-cache"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(requestsPerOperation(results, "admin-count", "arangodb-default"))
                    .isEqualTo(1);
            assertThat(requestsPerOperation(results, "admin-search-page", "arangodb-no-cache"))
                    .isEqualTo(1);
            assertThat(requestsPerOperation(results, "admin-search-infix", "arangodb-no-cache"))
                    .isEqualTo(1);
        }
    }

    private static double requestsPerOperation(JsonNode results, String operation, String store) {
        for (JsonNode row : results) {
            if (row.path("operation").asText().equals(operation)
                    && row.path("store").asText().equals(store)) {
                return row.path("arangoRequestsPerOperation").asDouble();
            }
        }
        throw new AssertionError("no row " + operation + " / " + store);
    }
}
