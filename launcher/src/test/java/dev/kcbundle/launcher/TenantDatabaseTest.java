package dev.kcbundle.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.arangodb.ArangoDB;
import com.arangodb.ArangoDBException;
import com.arangodb.Protocol;
import com.arangodb.entity.Permissions;
import dev.kcbundle.arangodb.testserver.ArangoTestServer;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TenantDatabase against the in-memory stand-in, which enforces users and permissions like ArangoDB 3.12. */
class TenantDatabaseTest {

    private static final String ROOT_PASSWORD = "root-secret";
    private static ArangoTestServer server;
    private static ArangoDB root;

    @BeforeAll
    static void start() {
        server = ArangoTestServer.start(0, ROOT_PASSWORD);
        root = connect("root", ROOT_PASSWORD);
    }

    @AfterAll
    static void stop() {
        root.shutdown();
        server.close();
    }

    private static ArangoDB connect(String user, String password) {
        return new ArangoDB.Builder()
                .protocol(Protocol.HTTP_JSON)
                .host(server.host(), server.port())
                .user(user)
                .password(password)
                .build();
    }

    @Test
    void createsTheDatabaseAndAnAccountWithReadWriteThereOnly() throws IOException {
        root.createDatabase("other");
        TenantDatabase.provision(server.hosts(), "root", ROOT_PASSWORD, "globex", "kc_globex", "pw-1");

        assertThat(root.db("globex").exists()).isTrue();
        assertThat(root.db("globex").getPermissions("kc_globex")).isEqualTo(Permissions.RW);
        assertThat(root.db("other").getPermissions("kc_globex")).isEqualTo(Permissions.NONE);
        assertThat(root.db("_system").getPermissions("kc_globex")).isEqualTo(Permissions.NONE);
        ArangoDB tenant = connect("kc_globex", "pw-1");
        try {
            tenant.db("globex").createCollection("users");
            assertThat(tenant.db("globex").collection("users").exists()).isTrue();
            assertThatThrownBy(() -> tenant.db("other").getInfo())
                    .isInstanceOf(ArangoDBException.class)
                    .extracting(e -> ((ArangoDBException) e).getResponseCode())
                    .isEqualTo(401);
        } finally {
            tenant.shutdown();
        }
    }

    @Test
    void runningAgainKeepsTheDataAndSetsTheNewPassword() throws IOException {
        TenantDatabase.provision(server.hosts(), "root", ROOT_PASSWORD, "initech", "kc_initech", "first");
        root.db("initech").createCollection("users");
        root.db("initech").collection("users").insertDocument(Map.of("_key", "kept"));

        TenantDatabase.provision(server.hosts(), "root", ROOT_PASSWORD, "initech", "kc_initech", "second");

        ArangoDB old = connect("kc_initech", "first");
        ArangoDB renewed = connect("kc_initech", "second");
        try {
            assertThatThrownBy(() -> old.db("initech").getInfo()).isInstanceOf(ArangoDBException.class);
            assertThat(renewed.db("initech").collection("users").documentExists("kept"))
                    .isTrue();
        } finally {
            old.shutdown();
            renewed.shutdown();
        }
    }

    @Test
    void aWrongAdminPasswordIsAClearErrorWithoutThePassword() {
        assertThatThrownBy(() -> TenantDatabase.provision(
                        server.hosts(), "root", "wrong-admin-pw", "hooli", "kc_hooli", "tenant-pw"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("create database hooli")
                .hasMessageContaining("401")
                .hasMessageNotContaining("wrong-admin-pw")
                .hasMessageNotContaining("tenant-pw");
        assertThat(root.db("hooli").exists()).isFalse();
    }

    @Test
    void anEmptyTenantPasswordOrTheAdminAsTenantIsRefused() {
        assertThatThrownBy(() -> TenantDatabase.provision(server.hosts(), "root", ROOT_PASSWORD, "x1", "kc_x1", ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TenantDatabase.provision(server.hosts(), "root", ROOT_PASSWORD, "x1", "root", "pw"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
