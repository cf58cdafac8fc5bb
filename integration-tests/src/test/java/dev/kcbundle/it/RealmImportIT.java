package dev.kcbundle.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcbundle.launcher.RealmTemplate;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** realm-export.json, imported at start like a user does with --import-realm, gives a working tenant realm. */
class RealmImportIT {

    private static final KeycloakTestServer SERVER = KeycloakTestServer.shared();
    private static final String REALM = KeycloakTestServer.REALM_TEMPLATE;

    @Test
    void templateRealmIsImportedWithItsSettings() throws IOException {
        JsonNode template = new ObjectMapper()
                .readTree(KeycloakTestServer.projectFile("realm-export.json").toFile());
        RealmRepresentation realm = SERVER.admin().realm(REALM).toRepresentation();

        assertThat(realm.isEnabled()).isTrue();
        assertThat(realm.getAccessTokenLifespan())
                .isEqualTo(template.get("accessTokenLifespan").asInt());
        assertThat(realm.isRegistrationAllowed())
                .isEqualTo(template.get("registrationAllowed").asBoolean());
        assertThat(realm.isDuplicateEmailsAllowed()).isFalse();
        assertThat(realm.isBruteForceProtected()).isTrue();
    }

    @Test
    void arangoDbFederationIsConfiguredFromTheEnvironment() {
        RealmResource realm = SERVER.admin().realm(REALM);
        ComponentRepresentation arangodb = Federation.arangoDb(realm);

        assertThat(arangodb.getConfig().getFirst("hosts"))
                .isEqualTo(SERVER.arango().hosts());
        assertThat(arangodb.getConfig().getFirst("database")).isEqualTo(REALM);
        assertThat(arangodb.getConfig().getFirst("hosts")).doesNotContain("${");
        assertThat(arangodb.getConfig().getFirst("user"))
                .as("acme's own account, never the admin")
                .isEqualTo(SERVER.acmeAccount().user())
                .isEqualTo("kc_acme")
                .isNotEqualTo(SERVER.arango().user());
        assertThat(arangodb.getId())
                .as("fixed in realm-export.json: re-importing keeps every ArangoDB user's sub")
                .isEqualTo(RealmTemplate.federationComponentId(REALM));
    }

    @Test
    void adminsCanGiveAUserPoliciesInTheAdminConsole() {
        RealmResource realm = SERVER.admin().realm(REALM);
        String username = "policy-" + UUID.randomUUID().toString().substring(0, 8);
        String id = AdminUsers.create(realm, username, username + "@acme.example", null);
        try {
            UserRepresentation stored = realm.users().get(id).toRepresentation();
            stored.setAttributes(Map.of("policies", List.of("contact:write", "academic:read")));
            realm.users().get(id).update(stored);

            assertThat(realm.users().get(id).toRepresentation().getAttributes().get("policies"))
                    .containsExactlyInAnyOrder("contact:write", "academic:read");
        } finally {
            realm.users().get(id).remove();
        }
    }

    @Test
    void openIdDiscoveryAnswers() throws Exception {
        HttpResponse<String> discovery = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(SERVER.realmUrl(REALM) + "/.well-known/openid-configuration"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(discovery.body()).get("issuer").asText())
                .isEqualTo(SERVER.realmUrl(REALM));
    }
}
