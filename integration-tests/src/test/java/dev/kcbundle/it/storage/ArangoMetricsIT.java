package dev.kcbundle.it.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kcbundle.arangodb.testserver.ArangoTestServer;
import dev.kcbundle.it.KeycloakTestServer;
import dev.kcbundle.it.TestRealm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.storage.UserStorageProvider.EditMode;

/**
 * The federation's ArangoDB requests in Keycloak's own metrics ({@code /metrics} on the management port): series
 * {@code kcbundle_arangodb_requests_seconds_*} tagged with the realm, the federation's name, the operation and the
 * outcome; an outage counts as {@code unavailable} and shows in the server log once, not once per request.
 */
class ArangoMetricsIT {

    private static final String SERIES = "kcbundle_arangodb_requests_seconds_count";
    private static final Pattern SAMPLE = Pattern.compile("^" + SERIES + "\\{(.*)} (\\S+)$", Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final TestRealm realm = TestRealm.blank("metrics").withArangoUsers(EditMode.WRITABLE);

    @BeforeAll
    static void setUpRealm() {
        realm.createUser("noah", "noah@example.org", "Noah-pass-1");
    }

    @Test
    void loginsCountAsSuccessfulLookupsOfTheRealmAndFederation() {
        double before = count("find_user", "success");

        for (int i = 0; i < 3; i++) {
            realm.admin().clearUserCache();
            assertThat(realm.passwordGrant("noah", "Noah-pass-1").status()).isEqualTo(200);
        }

        assertThat(count("find_user", "success")).isGreaterThanOrEqualTo(before + 3);
        assertThat(count("create_user", "success"))
                .as("the user created through the admin API")
                .isGreaterThanOrEqualTo(1);
        assertThat(metrics())
                .contains("kcbundle_arangodb_requests_seconds_sum{")
                .contains("kcbundle_arangodb_requests_seconds_max{");
    }

    @Test
    void anOutageCountsAsUnavailableAndIsLoggedOnce() {
        ArangoTestServer arango = KeycloakTestServer.shared().arango().inMemoryOrSkip();
        String warning = "User federation \"ArangoDB users\" of realm \"" + realm.name() + "\" cannot use ArangoDB";
        String recovery = "User federation \"ArangoDB users\" of realm \"" + realm.name() + "\" reaches ArangoDB";
        double before = count("find_user", "unavailable");

        arango.suspend();
        try {
            for (int i = 0; i < 3; i++) {
                realm.admin().clearUserCache();
                assertThat(realm.passwordGrant("noah", "Noah-pass-1").status()).isGreaterThanOrEqualTo(400);
            }
        } finally {
            arango.resume();
        }
        realm.admin().clearUserCache();
        assertThat(realm.passwordGrant("noah", "Noah-pass-1").status()).isEqualTo(200);

        assertThat(count("find_user", "unavailable")).isGreaterThanOrEqualTo(before + 3);
        Path log = Path.of(System.getProperty("keycloak.home", "."), "keycloak-it.log");
        if (Files.exists(log)) { // the distribution's console output (in a container the log is the container's)
            String text = read(log);
            assertThat(occurrences(text, warning))
                    .as("one WARN line for the outage")
                    .isEqualTo(1);
            assertThat(occurrences(text, recovery))
                    .as("one INFO line for the recovery")
                    .isEqualTo(1);
            assertThat(text).containsPattern("WARN .*" + Pattern.quote(warning));
        }
    }

    /** The sample of this realm's federation for {@code operation} and {@code outcome}; 0 when not reported yet. */
    private static double count(String operation, String outcome) {
        Matcher sample = SAMPLE.matcher(metrics());
        double sum = 0;
        while (sample.find()) {
            Map<String, String> labels = new HashMap<>();
            Matcher label = LABEL.matcher(sample.group(1));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            if (realm.name().equals(labels.get("realm"))
                    && "ArangoDB users".equals(labels.get("component"))
                    && operation.equals(labels.get("operation"))
                    && outcome.equals(labels.get("outcome"))) {
                sum += Double.parseDouble(sample.group(2));
            }
        }
        return sum;
    }

    private static String metrics() {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(
                                    URI.create(KeycloakTestServer.shared().managementUrl() + "/metrics"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
