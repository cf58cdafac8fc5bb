package dev.kcbundle.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RealmTemplateTest {

    private static final RealmTemplate TEMPLATE = RealmTemplate.load(Path.of("../realm-export.json"));

    @Test
    void tenantGetsItsOwnNameDefaultRolesAndArangoDatabase() {
        JsonNode tenant = TEMPLATE.forTenant("globex", "Globex Corp", Map.of());

        assertThat(tenant.get("realm").asText()).isEqualTo("globex");
        assertThat(tenant.get("displayName").asText()).isEqualTo("Globex Corp");
        assertThat(tenant.get("defaultRole").get("name").asText()).isEqualTo("default-roles-globex");
        assertThat(tenant.get("roles").get("realm").findValuesAsText("name"))
                .contains("default-roles-globex")
                .doesNotContain("default-roles-acme");
        JsonNode storage = tenant.get("components")
                .get("org.keycloak.storage.UserStorageProvider")
                .get(0);
        assertThat(storage.get("config").get("database").get(0).asText()).isEqualTo("globex");
        assertThat(storage.get("config").get("user").get(0).asText()).isEqualTo("kc_globex");
        assertThat(tenant.toString()).doesNotContain("${ARANGODB", "${WEBAPP");
    }

    @Test
    void eachTenantGetsItsOwnFixedFederationComponentId() {
        String template = TEMPLATE_COMPONENT.get("id").asText();
        String globex = storage(TEMPLATE.forTenant("globex", "Globex", Map.of()))
                .get("id")
                .asText();

        assertThat(template)
                .as("realm-export.json's fixed id is acme's")
                .isEqualTo(RealmTemplate.federationComponentId("acme"));
        assertThat(globex)
                .isEqualTo(RealmTemplate.federationComponentId("globex"))
                .isNotEqualTo(template);
        assertThat(storage(TEMPLATE.forTenant("globex", "Again", Map.of()))
                        .get("id")
                        .asText())
                .isEqualTo(globex);
        assertThat(storage(TEMPLATE.forTenant("initech", "Initech", Map.of()))
                        .get("id")
                        .asText())
                .isNotEqualTo(globex);
    }

    @Test
    void theTemplateSignsInWithTheTenantAccountNeverRoot() {
        JsonNode config = TEMPLATE_COMPONENT.get("config");
        assertThat(config.get("user").get(0).asText()).isEqualTo("${ARANGODB_TENANT_USER:kc_acme}");
        assertThat(config.get("password").get(0).asText()).isEqualTo("${ARANGODB_TENANT_PASSWORD:}");
    }

    /**
     * Admins of every tenant see a user's policies in the user form: the user profile declares them (Keycloak 26
     * drops undeclared attributes), in an "Access" section, with texts from the bundle's messages (en, de).
     */
    @Test
    void tenantUserProfileDeclaresPoliciesInAnAccessSection() throws java.io.IOException {
        JsonNode tenant = TEMPLATE.forTenant("globex", "Globex", Map.of());
        JsonNode profile = new ObjectMapper()
                .readTree(tenant.get("components")
                        .get("org.keycloak.userprofile.UserProfileProvider")
                        .get(0)
                        .get("config")
                        .get("kc.user.profile.config")
                        .get(0)
                        .asText());

        JsonNode access = named(profile.get("groups"), "access");
        assertThat(access.get("displayHeader").asText()).isEqualTo("${userProfileAccessGroup}");
        assertThat(access.get("displayDescription").asText()).isEqualTo("${userProfileAccessGroupHelp}");
        JsonNode policies = named(profile.get("attributes"), "policies");
        assertThat(policies.get("multivalued").asBoolean()).isTrue();
        assertThat(policies.get("group").asText()).isEqualTo("access");
        assertThat(policies.get("displayName").asText()).isEqualTo("${userProfilePolicies}");
        assertThat(policies.get("annotations").get("inputHelperTextBefore").asText())
                .isEqualTo("${userProfilePoliciesHelp}");
        assertThat(policies.get("permissions").get("edit").toString()).isEqualTo("[\"admin\"]");
        assertThat(policies.get("permissions").get("view").toString()).isEqualTo("[\"admin\"]");
        JsonNode activeGroup = named(profile.get("attributes"), "active_group");
        assertThat(activeGroup.get("group").asText()).isEqualTo("access");
        assertThat(activeGroup.get("displayName").asText()).isEqualTo("${userProfileActiveGroup}");
        assertThat(activeGroup.get("permissions").get("edit").toString())
                .as("only the user picks it")
                .isEqualTo("[]");
    }

    private static JsonNode named(JsonNode entries, String name) {
        for (JsonNode entry : entries) {
            if (entry.get("name").asText().equals(name)) {
                return entry;
            }
        }
        throw new AssertionError("no " + name + " in " + entries);
    }

    private static final JsonNode TEMPLATE_COMPONENT = storage(readTemplate());

    private static JsonNode readTemplate() {
        try {
            return new ObjectMapper().readTree(Path.of("../realm-export.json").toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode storage(JsonNode realm) {
        return realm.get("components")
                .get("org.keycloak.storage.UserStorageProvider")
                .get(0);
    }

    @Test
    void placeholdersTakeVariablesOverDefaultsAndStayValidJson() {
        JsonNode tenant = TEMPLATE.forTenant(
                "globex",
                "Globex",
                Map.of("ARANGODB_HOSTS", "db1:8529,db2:8529", "ARANGODB_TENANT_PASSWORD", "p\"w\\d"));
        JsonNode config = tenant.get("components")
                .get("org.keycloak.storage.UserStorageProvider")
                .get(0)
                .get("config");

        assertThat(config.get("hosts").get(0).asText()).isEqualTo("db1:8529,db2:8529");
        assertThat(config.get("password").get(0).asText()).isEqualTo("p\"w\\d");
        assertThat(config.get("user").get(0).asText()).isEqualTo("kc_globex");
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
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Bad Name");
    }

    @Test
    void realmNamesThatCannotNameTheTenantsDatabaseAreRefusedBeforeAnythingIsCreated() {
        assertThatThrownBy(() -> RealmTemplate.requireValidRealmName("1globex"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("starting with a letter");
        assertThatThrownBy(() -> RealmTemplate.requireValidRealmName("-globex"))
                .isInstanceOf(IllegalArgumentException.class);
        RealmTemplate.requireValidRealmName("globex-2");
    }
}
