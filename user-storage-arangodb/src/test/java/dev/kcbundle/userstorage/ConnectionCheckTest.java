package dev.kcbundle.userstorage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import com.arangodb.ArangoDB;
import dev.kcbundle.arangodb.testserver.ArangoTestServer;
import dev.kcbundle.userstorage.arango.ArangoClients;
import dev.kcbundle.userstorage.arango.ArangoUnavailableException;
import dev.kcbundle.userstorage.arango.ConnectionCheck;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What saving a component reports, and whether saving or first use may create a database, against the stand-in. */
class ConnectionCheckTest {

    private static final String PASSWORD = UUID.randomUUID().toString();
    private static ArangoTestServer server;
    private static ArangoDB root;

    @BeforeAll
    static void start() {
        server = ArangoTestServer.start(0, PASSWORD);
        root = ArangoClients.open(config(uniqueName(), PASSWORD));
    }

    @AfterAll
    static void stop() {
        root.shutdown();
        server.close();
    }

    @Test
    void anExistingDatabaseIsFine() {
        String name = uniqueName();
        root.createDatabase(name);

        assertThat(new ConnectionCheck(config(name, PASSWORD), false).problem()).isNull();
    }

    @Test
    void aMissingDatabaseIsNamedAndNotCreatedUnlessTheOperatorAllowsIt() {
        String name = uniqueName();

        assertThat(new ConnectionCheck(config(name, PASSWORD), false).problem())
                .contains("Database \"" + name + "\" does not exist").contains("does not create databases");
        assertThat(root.db(name).exists()).isFalse();

        assertThat(new ConnectionCheck(config(name, PASSWORD), true).problem()).isNull();
        assertThat(root.db(name).exists()).isTrue();
    }

    @Test
    void rejectedCredentialsAreNamedWithoutThePassword() {
        String name = uniqueName();
        root.createDatabase(name);

        assertThat(new ConnectionCheck(config(name, "not-the-password"), false).problem())
                .contains("rejected user \"root\"").contains("wrong user or password").doesNotContain("not-the-password");
    }

    @Test
    void anUnreachableHostIsNamed() {
        ArangoStorageConfig nowhere = ArangoStorageConfig.from("127.0.0.1:1", "false", "root", PASSWORD, "acme", null,
                null);

        assertThat(new ConnectionCheck(nowhere, false).problem()).contains("Cannot connect to ArangoDB at [127.0.0.1:1]");
    }

    @Test
    void firstUseCreatesAMissingDatabaseOnlyWhenAllowed() {
        String name = uniqueName();
        try (ArangoClients strict = new ArangoClients(false, new SimpleMeterRegistry())) {
            assertThatThrownBy(() -> strict.store("c1", config(name, PASSWORD), "test", "c1"))
                    .isInstanceOf(ArangoUnavailableException.class)
                    .hasMessageContaining("\"" + name + "\" does not exist");
        }
        assertThat(root.db(name).exists()).isFalse();

        try (ArangoClients creating = new ArangoClients(true, new SimpleMeterRegistry())) {
            creating.store("c2", config(name, PASSWORD), "test", "c2");
        }
        assertThat(root.db(name).collection("users").exists()).isTrue();
    }

    private static ArangoStorageConfig config(String database, String password) {
        return ArangoStorageConfig.from(server.hosts(), "false", "root", password, database, null, null);
    }

    private static String uniqueName() {
        return "check_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
