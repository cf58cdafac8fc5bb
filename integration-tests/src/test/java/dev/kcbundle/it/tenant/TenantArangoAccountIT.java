package dev.kcbundle.it.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcbundle.it.Federation;
import dev.kcbundle.it.KeycloakTestServer;
import dev.kcbundle.it.TestRealm;
import dev.kcbundle.it.storage.ArangoHttp;
import jakarta.ws.rs.BadRequestException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Each tenant's federation signs in to ArangoDB with its own account, which reaches its own database only (issue 10,
 * item 1): tenant X's realm admin, signed in through X's own admin-cli, cannot point X's federation at tenant Y's
 * database (not even typing X's correct password), and X's stored ArangoDB credential cannot read Y's database.
 */
class TenantArangoAccountIT {

    private static final String X_ADMIN_PASSWORD = "x-admin-secret-1";

    @RegisterExtension
    static final TestRealm x = TestRealm.fromTemplate("tx", Map.of());

    @RegisterExtension
    static final TestRealm y = TestRealm.fromTemplate("ty", Map.of());

    private static Keycloak xAdmin;

    @BeforeAll
    static void xsRealmAdmin() {
        y.createUser("yara", "a-long-secret-1");
        String adminId = x.createUser("x-admin", X_ADMIN_PASSWORD);
        ClientRepresentation management =
                x.admin().clients().findByClientId("realm-management").get(0);
        RoleRepresentation realmAdmin = x.admin()
                .clients()
                .get(management.getId())
                .roles()
                .get("realm-admin")
                .toRepresentation();
        x.admin().users().get(adminId).roles().clientLevel(management.getId()).add(List.of(realmAdmin));
        xAdmin = x.server().adminClient(x.name(), "admin-cli", "x-admin", X_ADMIN_PASSWORD);
    }

    @AfterAll
    static void closeXsAdmin() {
        if (xAdmin != null) {
            xAdmin.close();
        }
    }

    @Test
    void xsAdminCannotPointXsFederationAtYsDatabaseEvenWithXsOwnPassword() {
        RealmResource realm = xAdmin.realm(x.name());
        ComponentRepresentation federation = federation(realm);
        federation.getConfig().putSingle("database", y.name());
        federation.getConfig().putSingle("password", x.arangoAccount().password());

        BadRequestException refused = updateRefused(realm, federation);

        assertThat(errorMessage(refused))
                .as("the error names the database")
                .contains("database \"" + y.name() + "\"")
                .doesNotContain(x.arangoAccount().password());
        assertThat(federation(realm).getConfig().getFirst("database")).isEqualTo(x.name());
        assertThat(realm.users().search("yara", true))
                .as("no user of tenant Y through X's admin API")
                .isEmpty();
        assertThat(realm.users().list(0, 100))
                .extracting(UserRepresentation::getUsername)
                .doesNotContain("yara");
    }

    @Test
    void xsAdminCannotKeepTheStoredPasswordForYsDatabaseEither() {
        RealmResource realm = xAdmin.realm(x.name());
        ComponentRepresentation federation = federation(realm); // password masked: Keycloak keeps the stored one
        federation.getConfig().putSingle("database", y.name());

        updateRefused(realm, federation);

        assertThat(federation(realm).getConfig().getFirst("database")).isEqualTo(x.name());
        assertThat(realm.users().search("yara", true)).isEmpty();
    }

    @Test
    void xsStoredArangoCredentialCannotReadYsDatabase() {
        KeycloakTestServer.TenantAccount account = x.arangoAccount();
        assertThat(federation(x.admin()).getConfig().getFirst("user"))
                .as("X's federation signs in as X's account")
                .isEqualTo(account.user())
                .isEqualTo("kc_" + x.name());
        Map<String, Object> allUsers = Map.of("query", "FOR u IN users RETURN u.username");

        String hosts = x.server().arango().hosts();
        ArangoHttp.Answer own = new ArangoHttp(hosts, account.user(), account.password(), x.name())
                .call("POST", "/_api/cursor", allUsers);
        ArangoHttp asXInY = new ArangoHttp(hosts, account.user(), account.password(), y.name());
        ArangoHttp.Answer query = asXInY.call("POST", "/_api/cursor", allUsers);
        ArangoHttp.Answer count = asXInY.call("GET", "/_api/collection/users/count", null);

        assertThat(own.status()).as("X's own database").isEqualTo(201);
        assertThat(own.body().path("result").toString()).contains("x-admin").doesNotContain("yara");
        for (ArangoHttp.Answer denied : List.of(query, count)) {
            assertThat(denied.status()).as("Y's database as X's account").isEqualTo(401);
            assertThat(denied.body().path("errorNum").asInt()).isEqualTo(11);
            assertThat(denied.body().toString()).doesNotContain("yara");
        }
    }

    @Test
    void acmesFederationSignsInAsKcAcmeNotRoot() {
        RealmResource acme = x.server().admin().realm(KeycloakTestServer.REALM_TEMPLATE);
        String user = federation(acme).getConfig().getFirst("user");

        assertThat(user)
                .isEqualTo("kc_acme")
                .isNotEqualTo("root")
                .isNotEqualTo(x.server().arango().user());
    }

    private static BadRequestException updateRefused(RealmResource realm, ComponentRepresentation federation) {
        try {
            realm.components().component(federation.getId()).update(federation);
        } catch (BadRequestException expected) {
            return expected;
        }
        throw new AssertionError("saving X's federation with database " + y.name() + " was accepted");
    }

    private static String errorMessage(BadRequestException refused) {
        String body = refused.getResponse().readEntity(String.class);
        try {
            return new ObjectMapper().readTree(body).path("errorMessage").asText(body);
        } catch (JsonProcessingException notJson) {
            return body;
        }
    }

    private static ComponentRepresentation federation(RealmResource realm) {
        return realm.components().query(realm.toRepresentation().getId(), Federation.COMPONENT_TYPE).stream()
                .filter(component -> "arangodb".equals(component.getProviderId()))
                .findFirst()
                .orElseThrow();
    }
}
