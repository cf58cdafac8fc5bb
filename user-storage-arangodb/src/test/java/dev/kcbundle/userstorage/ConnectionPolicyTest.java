package dev.kcbundle.userstorage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;
import org.keycloak.Config;

class ConnectionPolicyTest {

    @Test
    void byDefaultOnlyLoopbackHostsAreAllowed() {
        ConnectionPolicy policy = ConnectionPolicy.defaults();

        assertThat(policy.problem(config("localhost:8529", false))).isNull();
        assertThat(policy.problem(config("127.0.0.1:18529", false))).isNull();
        assertThat(policy.problem(config("LOCALHOST:8529", false))).isNull();
        assertThat(policy.problem(config("arangodb:8529", false))).contains("\"arangodb:8529\" is not allowed");
        assertThat(policy.problem(config("localhost.attacker.example:8529", false))).contains("is not allowed");
        assertThat(policy.problem(config("127.0.0.2:8529", false))).contains("is not allowed");
        assertThat(policy.createDatabase()).isFalse();
        assertThat(policy.requireTls()).isFalse();
    }

    @Test
    void everyHostOfTheListMustBeAllowedAndTheMessageNamesTheHostNotThePatterns() {
        ConnectionPolicy policy = ConnectionPolicy.of("db1.internal:8529, *.tenants.internal:*", false, false);

        assertThat(policy.problem(config("db1.internal:8529,acme.tenants.internal:9000", false))).isNull();
        assertThat(policy.problem(config("db1.internal:8529,db2.internal:8529", false)))
                .contains("\"db2.internal:8529\"").doesNotContain("tenants.internal").doesNotContain("*");
        assertThat(policy.problem(config("db1.internal:8530", false))).contains("\"db1.internal:8530\" is not allowed");
    }

    @Test
    void aPatternWithoutPortAllowsEveryPortAndAStarAlone() {
        assertThat(ConnectionPolicy.of("arangodb", false, false).problem(config("arangodb:1234", false))).isNull();
        assertThat(ConnectionPolicy.of("*", false, false).problem(config("anything.example:1", false))).isNull();
        assertThat(ConnectionPolicy.of("", false, false).problem(config("localhost:8529", false))).contains("not allowed");
    }

    @Test
    void requireTlsRefusesPlainHttp() {
        ConnectionPolicy policy = ConnectionPolicy.of("*", false, true);

        assertThat(policy.problem(config("db:8529", false))).contains("only with TLS").contains("Use TLS");
        assertThat(policy.problem(config("db:8529", true))).isNull();
    }

    @Test
    void readsTheSpiOptions() {
        Config.Scope scope = mock(Config.Scope.class);
        when(scope.get("allowed-hosts", ConnectionPolicy.DEFAULT_ALLOWED_HOSTS)).thenReturn("arangodb:8529");
        when(scope.getBoolean("create-database", false)).thenReturn(true);
        when(scope.getBoolean("require-tls", false)).thenReturn(true);

        ConnectionPolicy policy = ConnectionPolicy.from(scope);

        assertThat(policy.allowedHosts()).containsExactly("arangodb:8529");
        assertThat(policy.createDatabase()).isTrue();
        assertThat(policy.requireTls()).isTrue();
    }

    private static ArangoStorageConfig config(String hosts, boolean tls) {
        return ArangoStorageConfig.from(hosts, Boolean.toString(tls), "kc_acme", "pw", "acme", null, null);
    }
}
