package dev.kcbundle.it.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kcbundle.it.Federation;
import dev.kcbundle.it.KeycloakTestServer;
import dev.kcbundle.launcher.AdminApi;
import dev.kcbundle.launcher.DemoUsers;
import dev.kcbundle.launcher.NewTenant;
import dev.kcbundle.launcher.RealmTemplate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** The documented commands: NewTenant creates a tenant from the template, DemoUsers fills it (in ArangoDB). */
class LauncherCommandsIT {

    private static final KeycloakTestServer SERVER = KeycloakTestServer.shared();
    private static final String REALM = "cmd-" + UUID.randomUUID().toString().substring(0, 8);

    private static AdminApi admin;

    @BeforeAll
    static void newTenantThroughTheCommand() throws Exception {
        admin = AdminApi.signIn(SERVER.baseUrl(), "admin", SERVER.adminPassword());
        boolean created = NewTenant.create(
                admin,
                RealmTemplate.load(KeycloakTestServer.projectFile("realm-export.json")),
                REALM,
                "Command Ltd",
                Map.of(
                        "ARANGODB_HOSTS",
                        SERVER.arango().hosts(),
                        "ARANGODB_PROTOCOL",
                        SERVER.arango().protocol(),
                        "ARANGODB_USER",
                        SERVER.arango().user(),
                        "ARANGODB_PASSWORD",
                        SERVER.arango().password()));
        assertThat(created).isTrue();
    }

    @AfterAll
    static void removeTenant() {
        SERVER.admin().realm(REALM).remove();
    }

    @Test
    void newTenantHasTheTemplatesSetupAndItsOwnDatabase() throws Exception {
        RealmResource realm = SERVER.admin().realm(REALM);
        assertThat(realm.toRepresentation().getDisplayName()).isEqualTo("Command Ltd");
        assertThat(realm.toRepresentation().getLoginTheme()).isEqualTo("kcbundle");
        assertThat(realm.clients().findByClientId("micro-service-0")).hasSize(1);
        assertThat(arangoComponent(realm).getConfig().getFirst("database")).isEqualTo(REALM);
        assertThat(arangoComponent(realm).getConfig().getFirst("user"))
                .as("its own ArangoDB account")
                .isEqualTo("kc_" + REALM);
        assertThat(arangoComponent(realm).getId()).isEqualTo(RealmTemplate.federationComponentId(REALM));

        boolean createdAgain = NewTenant.create(
                admin,
                RealmTemplate.load(KeycloakTestServer.projectFile("realm-export.json")),
                REALM,
                "Again",
                Map.of());
        assertThat(createdAgain).as("an existing tenant is left alone").isFalse();
        assertThat(realm.toRepresentation().getDisplayName()).isEqualTo("Command Ltd");
    }

    @Test
    void demoUsersLandInArangoDbWithTheirGroupAndRole() throws Exception {
        DemoUsers.create(admin, REALM);
        DemoUsers.create(admin, REALM); // a second start finds them and changes nothing

        RealmResource realm = SERVER.admin().realm(REALM);
        String storageId = arangoComponent(realm).getId();
        for (DemoUsers.DemoUser demo : DemoUsers.USERS) {
            UserRepresentation user =
                    realm.users().search(demo.username(), true).get(0);
            assertThat(user.getFederationLink())
                    .as(demo.username() + " is stored in ArangoDB")
                    .isEqualTo(storageId);
            assertThat(realm.users().get(user.getId()).groups())
                    .extracting(group -> group.getPath())
                    .containsExactlyInAnyOrder(demo.group(), "/staff"); // "/staff": the realm's default group
            assertThat(realm.users().get(user.getId()).roles().realmLevel().listAll())
                    .extracting(role -> role.getName())
                    .contains(demo.realmRole());
        }
    }

    private static ComponentRepresentation arangoComponent(RealmResource realm) {
        return Federation.arangoDb(realm);
    }
}
