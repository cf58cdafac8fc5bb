package dev.kcbundle.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class RealmTemplateTest {

    private static final RealmTemplate TEMPLATE = RealmTemplate.load(Path.of("../realm-export.json"));

    @Test
    void tenantGetsItsOwnNameDefaultRolesAndArangoDatabase() {
        JsonNode tenant = TEMPLATE.forTenant("globex", "Globex Corp", Map.of());

        assertThat(tenant.get("realm").asText()).isEqualTo("globex");
        assertThat(tenant.get("displayName").asText()).isEqualTo("Globex Corp");
        assertThat(tenant.get("defaultRole").get("name").asText()).isEqualTo("default-roles-globex");
        assertThat(tenant.get("roles").get("realm").findValuesAsText("name")).contains("default-roles-globex")
                .doesNotContain("default-roles-acme");
        JsonNode storage = tenant.get("components").get("org.keycloak.storage.UserStorageProvider").get(0);
        assertThat(storage.get("config").get("database").get(0).asText()).isEqualTo("globex");
        assertThat(tenant.toString()).doesNotContain("${ARANGODB", "${WEBAPP");
    }

    @Test
    void placeholdersTakeVariablesOverDefaultsAndStayValidJson() {
        JsonNode tenant = TEMPLATE.forTenant("globex", "Globex",
                Map.of("ARANGODB_HOSTS", "db1:8529,db2:8529", "ARANGODB_PASSWORD", "p\"w\\d"));
        JsonNode config = tenant.get("components").get("org.keycloak.storage.UserStorageProvider").get(0).get("config");

        assertThat(config.get("hosts").get(0).asText()).isEqualTo("db1:8529,db2:8529");
        assertThat(config.get("password").get(0).asText()).isEqualTo("p\"w\\d");
        assertThat(config.get("user").get(0).asText()).isEqualTo("root");
    }

    @Test
    void placeholderDefaultMayContainColons() {
        assertThat(RealmTemplate.resolve("\"${ARANGODB_HOSTS:localhost:8529}\"", Map.of()))
                .isEqualTo("\"localhost:8529\"");
    }

    @Test
    void placeholderWithoutValueOrDefaultStaysAsKeycloakLeavesIt() {
        assertThat(RealmTemplate.resolve("\"${rolesScopeConsentText}\"", Map.of()))
                .isEqualTo("\"${rolesScopeConsentText}\"");
    }

    @Test
    void realmNamesOutsideTheSafeAlphabetAreRefused() {
        assertThatThrownBy(() -> TEMPLATE.forTenant("Bad Name", "x", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Bad Name");
    }
}
