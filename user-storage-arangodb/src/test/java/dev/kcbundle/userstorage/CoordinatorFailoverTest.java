package dev.kcbundle.userstorage;

import static dev.kcbundle.arangodb.testserver.ArangoTestServer.DRIVER_PROTOCOL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kcbundle.arangodb.testserver.ArangoTestServer;
import dev.kcbundle.userstorage.arango.ArangoClients;
import dev.kcbundle.userstorage.arango.ArangoUserStore;
import dev.kcbundle.userstorage.document.UserDocument;
import dev.kcbundle.userstorage.document.UserPatch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A federation whose hosts name two coordinators of one ArangoDB cluster (two stand-in servers over the same data):
 * the component's driver client shares its requests between them, and when either goes away every lookup and write
 * still succeeds through the other.
 */
class CoordinatorFailoverTest {

    private static final String PASSWORD = UUID.randomUUID().toString();

    private ArangoTestServer first;
    private ArangoTestServer second;
    private ArangoClients clients;
    private ArangoUserStore store;

    @BeforeEach
    void startTwoCoordinators() {
        first = ArangoTestServer.start(0, PASSWORD);
        second = first.coordinator();
        clients = new ArangoClients(true, new SimpleMeterRegistry());
        ArangoStorageConfig config = ArangoStorageConfig.from(
                first.hosts() + "," + second.hosts(),
                "false",
                DRIVER_PROTOCOL,
                "root",
                PASSWORD,
                "failover",
                null,
                null);
        store = clients.store("component", config.connection(), "acme", "ArangoDB users");
    }

    @AfterEach
    void stop() {
        clients.close();
        second.close();
        first.close();
    }

    @Test
    void requestsAreSharedBetweenTheCoordinators() {
        insert("alice");
        first.requests().reset();
        second.requests().reset();

        for (int i = 0; i < 10; i++) {
            assertThat(store.findByUsername("alice")).isNotNull();
        }

        assertThat(first.requests().total()).isGreaterThanOrEqualTo(4);
        assertThat(second.requests().total()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void lookupsAndWritesSurviveEitherCoordinatorGoingAway() {
        UserDocument alice = insert("alice");

        first.suspend();
        for (int i = 0; i < 5; i++) {
            assertThat(store.findByUsername("alice").key()).isEqualTo(alice.key());
        }
        insert("bob");

        first.resume();
        second.suspend();
        for (int i = 0; i < 5; i++) {
            assertThat(store.findByUsername("bob")).isNotNull();
        }
        String rev = store.findByUsername("alice").rev();
        assertThat(store.update(alice.key(), rev, UserPatch.set(UserDocument.FIRST_NAME, "Alice")))
                .isNotEqualTo(rev);
        assertThat(store.findByKey(alice.key()).fields()).containsEntry(UserDocument.FIRST_NAME, "Alice");
    }

    private UserDocument insert(String username) {
        UserDocument document = UserDocument.newUser(UUID.randomUUID().toString(), username, 0L);
        store.insert(document);
        return document;
    }
}
