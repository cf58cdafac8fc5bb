package dev.kcbundle.arangodb.testserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.arangodb.ArangoDB;
import dev.kcbundle.arangodb.testserver.ArangoTarget.Endpoint;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one decision "real ArangoDB or stand-in", and the one parser of ARANGODB_HOSTS. */
class ArangoTargetTest {

    @Test
    void hostListsAreParsedWithDefaultPortAndIpv6() {
        assertThat(Endpoint.listOf(" db1:8530, db2 ,[::1]:9000,[fe80::1]"))
                .containsExactly(
                        new Endpoint("db1", 8530),
                        new Endpoint("db2", 8529),
                        new Endpoint("::1", 9000),
                        new Endpoint("fe80::1", 8529));
        assertThat(Endpoint.firstOf("127.0.0.1:1234,db:8529").httpUrl()).isEqualTo("http://127.0.0.1:1234");
        assertThat(new Endpoint("::1", 8529)).hasToString("[::1]:8529");
        assertThat(new Endpoint("::1", 8529).isLoopback()).isTrue();
        assertThat(new Endpoint("localhost", 1).isLoopback()).isTrue();
        assertThat(new Endpoint("arangodb", 8529).isLoopback()).isFalse();
    }

    @Test
    void aMalformedHostListIsRefusedNamingTheVariable() {
        for (String wrong : new String[] {"db:port", "db:70000", " , ", ":8529"}) {
            assertThatThrownBy(() -> Endpoint.listOf(wrong))
                    .as(wrong)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("ARANGODB_HOSTS must be a host:port list, got '" + wrong + "'");
        }
    }

    @Test
    void withHostsSetTheConfiguredArangoDbIsUsedAndNothingStarts() {
        try (ArangoTarget target = ArangoTarget.from(
                Map.of("ARANGODB_HOSTS", "db1:8529, db2:8530", "ARANGODB_USER", "operator", "ARANGODB_PASSWORD", "pw"),
                0)) {
            assertThat(target.isStandIn()).isFalse();
            assertThat(target.standIn()).isEmpty();
            assertThat(target.hosts()).isEqualTo("db1:8529,db2:8530");
            assertThat(target.first()).isEqualTo(new Endpoint("db1", 8529));
            assertThat(target.httpUrl()).isEqualTo("http://db1:8529");
            assertThat(target.user()).isEqualTo("operator");
            assertThat(target.password()).isEqualTo("pw");
        }
        try (ArangoTarget target = ArangoTarget.from(Map.of("ARANGODB_HOSTS", "db:8529"), 0)) {
            assertThat(target.user()).isEqualTo("root");
            assertThat(target.password()).isEmpty();
        }
    }

    @Test
    void withoutHostsAStandInStartsAnswersTheDriverAndStopsOnClose() {
        ArangoTarget target = ArangoTarget.from(Map.of("ARANGODB_HOSTS", " "), 0);
        try (target) {
            assertThat(target.isStandIn()).isTrue();
            assertThat(target.standIn())
                    .get()
                    .extracting(ArangoTestServer::hosts)
                    .isEqualTo(target.hosts());
            assertThat(target.user()).isEqualTo("root");
            assertThat(target.password()).hasSizeGreaterThanOrEqualTo(20);
            assertThat(target.answers()).isTrue();
            ArangoDB driver = target.driver();
            try {
                assertThat(driver.getVersion().getVersion()).startsWith("3.");
                assertThat(driver.db().name()).isEqualTo("_system");
                assertThat(driver.db().exists()).isTrue();
            } finally {
                driver.shutdown();
            }
        }
        assertThat(target.standIn())
                .get()
                .extracting(ArangoTestServer::isRunning)
                .isEqualTo(false);
        assertThat(target.answers()).as("closed").isFalse();
    }

    @Test
    void theStandInTakesThePasswordFromTheEnvironmentAndAFreePortWhenThePreferredOneIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0);
                ArangoTarget target = ArangoTarget.from(Map.of("ARANGODB_PASSWORD", "given"), taken.getLocalPort())) {
            assertThat(target.isStandIn()).isTrue();
            assertThat(target.first().port()).isNotEqualTo(taken.getLocalPort());
            assertThat(target.password()).isEqualTo("given");
            assertThat(target.answers()).isTrue();
        }
    }

    @Test
    void aFreshStandInIgnoresTheEnvironment() {
        try (ArangoTarget first = ArangoTarget.startStandIn();
                ArangoTarget second = ArangoTarget.startStandIn()) {
            assertThat(first.isStandIn()).isTrue();
            assertThat(first.hosts()).isNotEqualTo(second.hosts());
            assertThat(first.password()).isNotEqualTo(second.password());
        }
    }
}
