package dev.kcbundle.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kcbundle.arangodb.testserver.ArangoTarget;
import dev.kcbundle.arangodb.testserver.ArangoTestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The run command's choice of ArangoDB: the in-memory stand-in only when ARANGODB_HOSTS is unset (issue item 8). */
class DevArangoDbTest {

    @Test
    void anExplicitlyConfiguredArangoDbThatDoesNotAnswerStopsTheRun() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String hosts = "127.0.0.1:" + closedPort;

        assertThatThrownBy(() -> DevArangoDb.open(Map.of("ARANGODB_HOSTS", hosts, "ARANGODB_PASSWORD", "pw")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ARANGODB_HOSTS is set to '" + hosts + "'")
                .hasMessageContaining("no ArangoDB answers");
        try (ServerSocket nobodyStartedThere = new ServerSocket(closedPort)) {
            assertThat(nobodyStartedThere.isBound())
                    .as("no stand-in took the configured port")
                    .isTrue();
        }
    }

    @Test
    void aConfiguredArangoDbThatAnswersIsUsedWithTheOperatorsCredential() {
        try (ArangoTestServer real = ArangoTestServer.start(0, "admin-pw");
                ArangoTarget arango = DevArangoDb.open(Map.of(
                        "ARANGODB_HOSTS",
                        real.hosts(),
                        "ARANGODB_USER",
                        "operator",
                        "ARANGODB_PASSWORD",
                        "admin-pw"))) {
            assertThat(arango.isStandIn()).isFalse();
            assertThat(arango.hosts()).isEqualTo(real.hosts());
            assertThat(arango.user()).isEqualTo("operator");
            assertThat(arango.password()).isEqualTo("admin-pw");
        }
    }

    @Test
    void keycloakMayUseTheConfiguredArangoDbUnlessTheOperatorSetAllowedHosts() {
        try (ArangoTestServer real = ArangoTestServer.start(0, "admin-pw");
                ArangoTarget arango =
                        DevArangoDb.open(Map.of("ARANGODB_HOSTS", real.hosts(), "ARANGODB_PASSWORD", "admin-pw"))) {
            assertThat(DevArangoDb.allowedHosts(arango, Map.of())).isEqualTo(real.hosts());
            assertThat(DevArangoDb.allowedHosts(arango, Map.of(DevArangoDb.ALLOWED_HOSTS_ENV, "db-*.internal:8529")))
                    .isEqualTo("db-*.internal:8529");
        }
    }

    @Test
    void withoutArangodbHostsTheInMemoryStandInStarts() {
        try (ArangoTarget arango = DevArangoDb.open(Map.of())) {
            assertThat(arango.isStandIn()).isTrue();
            assertThat(arango.user()).isEqualTo("root");
            assertThat(arango.password()).isNotBlank();
            assertThat(ArangoTarget.Endpoint.firstOf(arango.hosts()).answers()).isTrue();
            assertThat(DevArangoDb.allowedHosts(arango, Map.of()))
                    .as("also when the stand-in took a free port")
                    .isEqualTo(arango.hosts());
        }
    }
}
