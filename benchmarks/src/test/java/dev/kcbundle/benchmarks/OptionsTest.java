package dev.kcbundle.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void storesAreChosenByLabelAndNeedAnArangoDbStore() {
        assertThat(parse("--stores", "arangodb-no-cache,keycloak").stores())
                .containsExactly(Store.ARANGODB_NO_CACHE, Store.KEYCLOAK);
        assertThat(parse().stores()).containsExactly(Store.values());
        assertThatThrownBy(() -> parse("--stores", "keycloak")).hasMessageContaining("needs an ArangoDB store");
        assertThatThrownBy(() -> parse("--stores", "ldap")).hasMessageContaining("unknown store ldap");
    }

    @Test
    void moreConcurrentClientsThanUsersOfTheSmallestSizeAreRefused() {
        assertThat(parse("--sizes", "20,100", "--concurrency", "1,20").concurrency())
                .containsExactly(1, 20);
        assertThatThrownBy(() -> parse("--sizes", "20,100", "--concurrency", "21"))
                .hasMessageContaining("--concurrency must be between 1 and the smallest size");
    }

    @Test
    void theProtocolOfAnExternalArangoDbComesFromTheEnvironmentOrTheOption() {
        assertThat(parse().arangoProtocol()).isEqualTo("HTTP2_JSON");
        assertThat(Options.parse(new String[0], Map.of("ARANGODB_PROTOCOL", "HTTP_VPACK"))
                        .arangoProtocol())
                .isEqualTo("HTTP_VPACK");
        assertThat(parse("--arangodb-protocol", "HTTP_JSON").arangoProtocol()).isEqualTo("HTTP_JSON");
    }

    private static Options parse(String... args) {
        return Options.parse(args, Map.of());
    }
}
