package dev.kcbundle.userstorage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.kcbundle.userstorage.arango.ArangoConnection;
import org.junit.jupiter.api.Test;
import org.keycloak.Config;

class ConnectionPolicyTest {

    @Test
    void byDefaultOnlyArangoDbsPortOnLoopbackIsAllowed() {
        ConnectionPolicy policy = ConnectionPolicy.defaults();

        assertThat(policy.problem(config("localhost:8529", false))).isNull();
        assertThat(policy.problem(config("127.0.0.1:8529", false))).isNull();
        assertThat(policy.problem(config("[::1]:8529", false))).isNull();
        assertThat(policy.problem(config("LOCALHOST:8529", false))).isNull();
        assertThat(policy.problem(config("127.0.0.1:18529", false))).contains("\"127.0.0.1:18529\" is not allowed");
        assertThat(policy.problem(config("localhost:8080", false))).contains("\"localhost:8080\" is not allowed");
        assertThat(policy.problem(config("[::1]:9000", false))).contains("is not allowed");
        assertThat(policy.problem(config("arangodb:8529", false))).contains("\"arangodb:8529\" is not allowed");
        assertThat(policy.problem(config("localhost.attacker.example:8529", false)))
                .contains("is not allowed");
        assertThat(policy.problem(config("127.0.0.2:8529", false))).contains("is not allowed");
        assertThat(policy.createDatabase()).isFalse();
        assertThat(policy.requireTls()).isFalse();
    }

    @Test
    void everyHostOfTheListMustBeAllowedAndTheMessageNamesTheHostNotThePatterns() {
        ConnectionPolicy policy = ConnectionPolicy.of("db1.internal:8529, *.tenants.internal:*", false, false);

        assertThat(policy.problem(config("db1.internal:8529,acme.tenants.internal:9000", false)))
                .isNull();
        assertThat(policy.problem(config("db1.internal:8529,db2.internal:8529", false)))
                .contains("\"db2.internal:8529\"")
                .doesNotContain("tenants.internal")
                .doesNotContain("*");
        assertThat(policy.problem(config("db1.internal:8530", false))).contains("\"db1.internal:8530\" is not allowed");
    }

    @Test
    void aPatternWithoutPortAllowsEveryPortAndAStarAlone() {
        assertThat(ConnectionPolicy.of("arangodb", false, false).problem(config("arangodb:1234", false)))
                .isNull();
        assertThat(ConnectionPolicy.of("*", false, false).problem(config("anything.example:1", false)))
                .isNull();
        assertThat(ConnectionPolicy.of("", false, false).problem(config("localhost:8529", false)))
                .contains("not allowed");
    }

    @Test
    void byDefaultOnlyTenantAccountsAreAllowed() {
        ConnectionPolicy policy = ConnectionPolicy.defaults();

        assertThat(policy.problem(config("localhost:8529", "kc_acme"))).isNull();
        assertThat(policy.problem(config("localhost:8529", "kc_globex-2"))).isNull();
        assertThat(policy.problem(config("localhost:8529", "root")))
                .contains("ArangoDB user \"root\" is not allowed")
                .contains("allowed-users")
                .doesNotContain("kc_*");
        assertThat(policy.problem(config("localhost:8529", "admin_kc_acme")))
                .contains("\"admin_kc_acme\" is not allowed");
        assertThat(policy.problem(config("localhost:8529", "KC_acme"))).contains("\"KC_acme\" is not allowed");
        assertThat(policy.problem(config("localhost:8529", "kc"))).contains("\"kc\" is not allowed");
    }

    @Test
    void theUserIsRefusedWhateverTheHostAndTheMessageNamesTheUserNotThePatterns() {
        ConnectionPolicy policy = ConnectionPolicy.of("*", "tenant-*, svc_keycloak", false, false);

        assertThat(policy.problem(config("db:8529", "tenant-acme"))).isNull();
        assertThat(policy.problem(config("db:8529", "svc_keycloak"))).isNull();
        assertThat(policy.problem(config("db:8529", "svc_keycloak2")))
                .contains("\"svc_keycloak2\"")
                .doesNotContain("tenant-")
                .doesNotContain("*");
        assertThat(policy.problem(config("db:8529", "kc_acme"))).contains("\"kc_acme\" is not allowed");
        assertThat(ConnectionPolicy.of("*", "", false, false).problem(config("db:8529", "kc_acme")))
                .contains("is not allowed");
        assertThat(ConnectionPolicy.of("*", "*", false, false).problem(config("db:8529", "root")))
                .isNull();
    }

    @Test
    void requireTlsRefusesPlainHttp() {
        ConnectionPolicy policy = ConnectionPolicy.of("*", false, true);

        assertThat(policy.problem(config("db:8529", false)))
                .contains("only with TLS")
                .contains("Use TLS");
        assertThat(policy.problem(config("db:8529", true))).isNull();
    }

    @Test
    void readsTheSpiOptions() {
        Config.Scope scope = mock(Config.Scope.class);
        when(scope.get("allowed-hosts", ConnectionPolicy.DEFAULT_ALLOWED_HOSTS)).thenReturn("arangodb:8529");
        when(scope.get("allowed-users", ConnectionPolicy.DEFAULT_ALLOWED_USERS)).thenReturn("svc_*, kc_acme");
        when(scope.getBoolean("create-database", false)).thenReturn(true);
        when(scope.getBoolean("require-tls", false)).thenReturn(true);

        ConnectionPolicy policy = ConnectionPolicy.from(scope);

        assertThat(policy.allowedHosts()).containsExactly("arangodb:8529");
        assertThat(policy.allowedUsers()).containsExactly("svc_*", "kc_acme");
        assertThat(policy.createDatabase()).isTrue();
        assertThat(policy.requireTls()).isTrue();
    }

    @Test
    void unsetOptionsKeepTheDefaults() {
        Config.Scope scope = mock(Config.Scope.class);
        when(scope.get("allowed-hosts", ConnectionPolicy.DEFAULT_ALLOWED_HOSTS))
                .thenReturn(ConnectionPolicy.DEFAULT_ALLOWED_HOSTS);
        when(scope.get("allowed-users", ConnectionPolicy.DEFAULT_ALLOWED_USERS))
                .thenReturn(ConnectionPolicy.DEFAULT_ALLOWED_USERS);

        ConnectionPolicy policy = ConnectionPolicy.from(scope);

        assertThat(policy.problem(config("localhost:8529", "root"))).contains("\"root\" is not allowed");
        assertThat(policy.problem(config("localhost:8530", "kc_acme"))).contains("\"localhost:8530\" is not allowed");
    }

    private static ArangoConnection config(String hosts, boolean tls) {
        return ArangoStorageConfig.from(hosts, Boolean.toString(tls), "kc_acme", "pw", "acme", null, null)
                .connection();
    }

    private static ArangoConnection config(String hosts, String user) {
        return ArangoStorageConfig.from(hosts, "false", user, "pw", "acme", null, null)
                .connection();
    }
}
