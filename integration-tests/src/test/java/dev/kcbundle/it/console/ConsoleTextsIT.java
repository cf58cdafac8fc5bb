package dev.kcbundle.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcbundle.it.Federation;
import dev.kcbundle.it.HttpJson;
import dev.kcbundle.it.TestRealm;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.admin.client.resource.ProtocolMappersResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPConfig;

/**
 * What a tenant admin reads in the admin console, fetched the way the console fetches it: the admin theme's messages
 * ({@code /resources/{realm}/admin/{locale}}, which resolve every label and help text key of the ArangoDB and policy
 * mapper forms and of the user profile), the user profile of a tenant realm, a user's active group, and the 400 the
 * admin API answers for a policy mapper it refuses.
 */
class ConsoleTextsIT {

    @RegisterExtension
    static final TestRealm tenant = TestRealm.fromTemplate("console", Map.of());

    @Test
    void formLabelsAndHelpTextsComeInEnglishAndGerman() {
        for (String realm : List.of("master", tenant.name())) {
            Map<String, String> en = adminMessages(realm, "en");
            Map<String, String> de = adminMessages(realm, "de");

            assertThat(en)
                    .containsEntry("arangodbUser", "ArangoDB user")
                    .containsEntry("policyMapperRoleClients", "Clients whose roles to include")
                    .containsEntry("userProfilePolicies", "Policies")
                    .containsEntry("userProfileAccessGroup", "Access");
            assertThat(en.get("arangodbUserHelp")).contains("kc_acme").contains("do not use root");
            assertThat(de)
                    .containsEntry("arangodbUser", "ArangoDB-Benutzer")
                    .containsEntry("arangodbEditMode", "Bearbeitungsmodus")
                    .containsEntry("policyMapperRoleClients", "Clients, deren Rollen aufgenommen werden")
                    .containsEntry("userProfileAccessGroup", "Zugriff");
            assertThat(de.get("policyMapperGroupsClaimHelp"))
                    .contains("Leer heißt der Claim groups")
                    .doesNotContain("Empty:");
            assertThat(de).as("Keycloak's own admin texts are still there").containsKey("userFederation");
        }
    }

    @Test
    void formsAskForMessageKeysAndTheArangoDbUserHasNoRootDefault() {
        JsonNode serverInfo = get("/admin/serverinfo", true).body();
        JsonNode arangodb = withId(serverInfo.path("componentTypes").path(Federation.COMPONENT_TYPE), "arangodb");
        JsonNode user = withName(arangodb.path("properties"), "user");
        assertThat(user.path("label").asText()).isEqualTo("arangodbUser");
        assertThat(user.path("defaultValue").isMissingNode()
                        || user.path("defaultValue").isNull())
                .isTrue();
        JsonNode mapper = withId(serverInfo.path("protocolMapperTypes").path("openid-connect"), "oidc-policy-mapper");
        assertThat(withName(mapper.path("properties"), "roles.clients")
                        .path("label")
                        .asText())
                .isEqualTo("policyMapperRoleClients");
    }

    @Test
    void tenantUserProfileShowsPoliciesInTheAccessSection() {
        JsonNode metadata = get("/admin/realms/" + tenant.name() + "/users/profile/metadata", true)
                .body();

        JsonNode policies = withName(metadata.path("attributes"), "policies");
        assertThat(policies.path("multivalued").asBoolean()).isTrue();
        assertThat(policies.path("readOnly").asBoolean())
                .as("admins edit policies")
                .isFalse();
        assertThat(policies.path("group").asText()).isEqualTo("access");
        assertThat(policies.path("displayName").asText()).isEqualTo("${userProfilePolicies}");
        assertThat(withName(metadata.path("attributes"), "active_group")
                        .path("readOnly")
                        .asBoolean())
                .as("only the user picks the active group")
                .isTrue();
        assertThat(withName(metadata.path("groups"), "access")
                        .path("displayHeader")
                        .asText())
                .isEqualTo("${userProfileAccessGroup}");
    }

    @Test
    void policiesWrittenThroughTheAdminApiAreKept() {
        String id = tenant.createUser("pat-" + System.nanoTime(), "Pat-Secret-2026");
        UserRepresentation user = tenant.admin().users().get(id).toRepresentation();
        user.setAttributes(new HashMap<>(Map.of("policies", List.of("academic:read", "contact:write"))));
        tenant.admin().users().get(id).update(user);

        assertThat(tenant.admin()
                        .users()
                        .get(id)
                        .toRepresentation()
                        .getAttributes()
                        .get("policies"))
                .containsExactly("academic:read", "contact:write");
    }

    @Test
    void theActiveGroupReadsAsThePathOfTheGroup() {
        String id = tenant.createUser("ada-" + System.nanoTime(), "Ada-Secret-2026");
        String office = tenant.admin().getGroupByPath("/staff/office").getId();
        tenant.admin().users().get(id).joinGroup(office);
        // the user picks it at /realms/{realm}/active-group; here the admin API sets it, with the attribute opened
        // to admins for a moment
        setAdminEditable("active_group", true);
        try {
            UserRepresentation user = tenant.admin().users().get(id).toRepresentation();
            user.setAttributes(new HashMap<>(Map.of("active_group", List.of(office))));
            tenant.admin().users().get(id).update(user);
        } finally {
            setAdminEditable("active_group", false);
        }

        JsonNode shown = get("/admin/realms/" + tenant.name() + "/users/" + id + "?userProfileMetadata=true", true)
                .body();
        assertThat(shown.path("attributes").path("active_group").get(0).asText())
                .isEqualTo(office);
        JsonNode field = withName(shown.path("userProfileMetadata").path("attributes"), "active_group");
        assertThat(field.path("readOnly").asBoolean()).isTrue();
        assertThat(field.path("annotations").path("inputType").asText()).isEqualTo("select");
        assertThat(field.path("annotations")
                        .path("inputOptionLabels")
                        .path(office)
                        .asText())
                .isEqualTo("/staff/office");
    }

    @Test
    void mapperRefusesAClientIdTheRealmDoesNotHaveWithA400() {
        ProtocolMappersResource mappers = clientMappers(tenant.admin());

        try (Response refused = mappers.createMapper(policyMapper(Map.of("roles.clients", "api-server##api-srever")))) {
            assertThat(refused.getStatus()).isEqualTo(400);
            assertThat(refused.readEntity(JsonNode.class)
                            .path("error_description")
                            .asText())
                    .isEqualTo("There is no client with the client ID \"api-srever\" in this realm. Enter the client"
                            + " ID of an existing client under \"Clients whose roles to include\".");
        }
        try (Response refused = mappers.createMapper(policyMapper(Map.of("policies.claim.name", "sub")))) {
            assertThat(refused.getStatus()).isEqualTo(400);
            assertThat(refused.readEntity(JsonNode.class)
                            .path("error_description")
                            .asText())
                    .contains("\"sub\" is reserved");
        }
        try (Response refused = mappers.createMapper(policyMapper(Map.of("roles.claim", "yes")))) {
            assertThat(refused.getStatus()).isEqualTo(400);
        }
        try (Response saved = mappers.createMapper(policyMapper(Map.of("roles.clients", "api-server")))) {
            assertThat(saved.getStatus()).isEqualTo(201);
        }
        assertThat(adminMessages(tenant.name(), "de").get("policyMapperUnknownClient"))
                .isEqualTo("In diesem Realm gibt es keinen Client mit der Client-ID „{0}“. Geben Sie unter „Clients,"
                        + " deren Rollen aufgenommen werden“ die Client-ID eines bestehenden Clients ein.");
    }

    @Test
    void mapperInARealmWithoutThePoliciesDeclarationSaysWhatToDo() {
        String name = "bare-" + System.nanoTime();
        RealmRepresentation bare = new RealmRepresentation();
        bare.setRealm(name);
        bare.setEnabled(true);
        tenant.server().admin().realms().create(bare);
        try {
            ProtocolMappersResource mappers =
                    clientMappers(tenant.server().admin().realm(name));
            try (Response refused = mappers.createMapper(policyMapper(Map.of()))) {
                assertThat(refused.getStatus()).isEqualTo(400);
                assertThat(refused.readEntity(JsonNode.class)
                                .path("error_description")
                                .asText())
                        .contains("does not declare the attribute policies")
                        .contains("Realm settings > User profile");
            }
            try (Response saved = mappers.createMapper(policyMapper(Map.of("policies.claim", "false")))) {
                assertThat(saved.getStatus())
                        .as("without the policies claim nothing is missing")
                        .isEqualTo(201);
            }
        } finally {
            tenant.server().admin().realm(name).remove();
        }
    }

    private void setAdminEditable(String attributeName, boolean editable) {
        UPConfig profile = tenant.admin().users().userProfile().getConfiguration();
        UPAttribute attribute = profile.getAttribute(attributeName);
        attribute.getPermissions().setEdit(editable ? java.util.Set.of("admin") : java.util.Set.of());
        tenant.admin().users().userProfile().update(profile);
    }

    private static ProtocolMappersResource clientMappers(RealmResource realm) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId("mapper-test-" + System.nanoTime());
        client.setPublicClient(true);
        try (Response created = realm.clients().create(client)) {
            assertThat(created.getStatus()).isEqualTo(201);
        }
        String id = realm.clients().findByClientId(client.getClientId()).get(0).getId();
        return realm.clients().get(id).getProtocolMappers();
    }

    private static ProtocolMapperRepresentation policyMapper(Map<String, String> config) {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName("tenant authorization " + System.nanoTime());
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper("oidc-policy-mapper");
        mapper.setConfig(new HashMap<>(config));
        return mapper;
    }

    /** The admin theme's messages as the console loads them for its i18n: a list of {key, value}. */
    private static Map<String, String> adminMessages(String realm, String locale) {
        HttpJson.Answer answer = get("/resources/" + realm + "/admin/" + locale, false);
        assertThat(answer.status()).isEqualTo(200);
        Map<String, String> messages = new HashMap<>();
        answer.body()
                .forEach(entry -> messages.put(
                        entry.path("key").asText(), entry.path("value").asText()));
        return messages;
    }

    private static HttpJson.Answer get(String path, boolean asAdmin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(tenant.server().baseUrl() + path))
                .header("Accept", "application/json");
        if (asAdmin) {
            request.header(
                    "Authorization",
                    "Bearer " + tenant.server().admin().tokenManager().getAccessTokenString());
        }
        return HttpJson.send(request);
    }

    private static JsonNode withName(JsonNode entries, String name) {
        return find(entries, "name", name);
    }

    private static JsonNode withId(JsonNode entries, String id) {
        return find(entries, "id", id);
    }

    private static JsonNode find(JsonNode entries, String field, String value) {
        for (JsonNode entry : entries) {
            if (entry.path(field).asText().equals(value)) {
                return entry;
            }
        }
        throw new AssertionError("no " + field + " " + value + " in " + entries);
    }
}
