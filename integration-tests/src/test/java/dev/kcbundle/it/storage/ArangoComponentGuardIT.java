package dev.kcbundle.it.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcbundle.arangodb.testserver.ArangoTarget;
import dev.kcbundle.arangodb.testserver.RequestCounter;
import dev.kcbundle.it.AdminUsers;
import dev.kcbundle.it.Federation;
import dev.kcbundle.it.KeycloakTestServer;
import dev.kcbundle.it.TestRealm;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.ComponentResource;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.storage.UserStorageProvider.EditMode;

/**
 * The operator's guard rails and the LDAP fix's rule (keycloak/keycloak#47295), as a tenant admin meets them: the admin
 * of one realm (realm-management realm-admin, signed in through that realm's admin-cli) edits the realm's ArangoDB
 * federation. Changing where the stored password goes (hosts, TLS, user, database) without typing it again is refused
 * with 400 and changes nothing; a host or user the operator did not allow is refused even with the password, a user
 * before ArangoDB is asked (so saving tells no right password from a wrong one).
 */
class ArangoComponentGuardIT {

    private static final String MASK = ComponentRepresentation.SECRET_VALUE;
    private static final String ADMIN_PASSWORD = "Tenant-admin-" + UUID.randomUUID();

    @RegisterExtension
    static final TestRealm realm = TestRealm.blank("guard").withArangoUsers(EditMode.READ_ONLY);

    private static Keycloak tenantAdmin;

    @BeforeAll
    static void createRealmAndItsAdmin() {
        // READ_ONLY: the tenant admin is a local Keycloak user, so moving the federation never loses the admin
        AdminUsers.createRealmAdmin(realm.admin(), "tenant-admin", "tenant-admin@example.org", ADMIN_PASSWORD);
        tenantAdmin = realm.server().adminClient(realm.name(), "admin-cli", "tenant-admin", ADMIN_PASSWORD);
    }

    @AfterAll
    static void closeTenantAdmin() {
        if (tenantAdmin != null) {
            tenantAdmin.close();
        }
    }

    @Test
    void theTenantAdminSeesOnlyTheMask() {
        assertThat(component().toRepresentation().getConfig().getFirst("password"))
                .isEqualTo(MASK);
    }

    @Test
    void theProviderInfoShowsTheOperatorOptionsButNotTheHostPatterns() {
        java.util.Map<String, String> info = tenantAdmin
                .serverInfo()
                .getInfo()
                .getProviders()
                .get("storage")
                .getProviders()
                .get("arangodb")
                .getOperationalInfo();

        assertThat(info)
                .as("read from KC_SPI_STORAGE__ARANGODB__CREATE_DATABASE")
                .containsEntry("create-database", Boolean.toString(KeycloakTestServer.CREATE_DATABASE))
                .containsEntry("require-tls", "false")
                .as("allowed-users is left at its default, kc_*")
                .containsEntry("allowed-users", "1 pattern(s)")
                .containsEntry(
                        "allowed-hosts",
                        KeycloakTestServer.allowedArangoHosts(
                                                realm.server().arango().hosts())
                                        .split(",")
                                        .length + " pattern(s)");
    }

    @Test
    void anotherHostWithTheMaskedPasswordIsRefused() {
        ComponentRepresentation before = storedConfig();
        ComponentRepresentation edited = component().toRepresentation();
        edited.getConfig()
                .putSingle("hosts", sameServerOtherName(before.getConfig().getFirst("hosts")));

        assertThat(refusal(edited)).contains("Changing the hosts requires entering the ArangoDB password again");
        assertThat(storedConfig().getConfig()).isEqualTo(before.getConfig());
    }

    @Test
    void anotherDatabaseWithTheMaskedPasswordIsRefusedAndNotCreated() {
        ComponentRepresentation before = storedConfig();
        String otherDatabase = realm.database() + "_other";
        ComponentRepresentation edited = component().toRepresentation();
        edited.getConfig().putSingle("database", otherDatabase);

        assertThat(refusal(edited)).contains("Changing the database requires entering the ArangoDB password again");
        assertThat(storedConfig().getConfig()).isEqualTo(before.getConfig());
        assertThat(arango(otherDatabase).databaseExists()).isFalse();
    }

    @Test
    void anotherUserWithTheMaskedPasswordIsRefused() {
        ComponentRepresentation before = storedConfig();
        ComponentRepresentation edited = component().toRepresentation();
        edited.getConfig().putSingle("user", "kc_intruder");

        assertThat(refusal(edited)).contains("Changing the user requires entering the ArangoDB password again");
        assertThat(storedConfig().getConfig()).isEqualTo(before.getConfig());
    }

    @Test
    void switchingTlsWithTheMaskedPasswordIsRefused() {
        ComponentRepresentation before = storedConfig();
        ComponentRepresentation edited = component().toRepresentation();
        edited.getConfig().putSingle("useTls", "true");

        assertThat(refusal(edited)).contains("Changing TLS requires entering the ArangoDB password again");
        assertThat(storedConfig().getConfig()).isEqualTo(before.getConfig());
    }

    @Test
    void enteringThePasswordAgainAllowsTheSameChange() {
        String hosts = storedConfig().getConfig().getFirst("hosts");
        String otherName = sameServerOtherName(hosts);
        ComponentRepresentation edited = component().toRepresentation();
        edited.getConfig().putSingle("hosts", otherName);
        edited.getConfig().putSingle("password", realm.arangoAccount().password());

        component().update(edited);
        try {
            assertThat(storedConfig().getConfig().getFirst("hosts")).isEqualTo(otherName);
            assertThat(component().toRepresentation().getConfig().getFirst("password"))
                    .isEqualTo(MASK);
        } finally {
            edited.getConfig().putSingle("hosts", hosts);
            component().update(edited);
        }
        assertThat(storedConfig().getConfig().getFirst("hosts")).isEqualTo(hosts);
    }

    @Test
    void aHostTheOperatorDidNotAllowIsRefusedEvenWithThePassword() {
        ComponentRepresentation before = storedConfig();
        ComponentRepresentation edited = component().toRepresentation();
        edited.getConfig().putSingle("hosts", "arangodb.elsewhere.example:8529");
        edited.getConfig().putSingle("password", realm.arangoAccount().password());

        assertThat(refusal(edited))
                .contains("ArangoDB host \"arangodb.elsewhere.example:8529\" is not allowed")
                .doesNotContain(KeycloakTestServer.allowedArangoHosts(
                        realm.server().arango().hosts()))
                .doesNotContain("127.0.0.1:*")
                .doesNotContain("localhost:*");
        assertThat(storedConfig().getConfig()).isEqualTo(before.getConfig());
    }

    @Test
    void anotherPortOnLoopbackIsRefusedEvenWithThePassword() {
        String hosts = storedConfig().getConfig().getFirst("hosts");
        int arangoPort = ArangoTarget.Endpoint.firstOf(hosts).port();
        int keycloakPort = URI.create(realm.server().baseUrl()).getPort();
        Assumptions.assumeTrue(
                keycloakPort > 0 && keycloakPort != arangoPort, "Keycloak's port differs from ArangoDB's");
        ComponentRepresentation before = storedConfig();
        ComponentRepresentation edited = component().toRepresentation();
        edited.getConfig().putSingle("hosts", "127.0.0.1:" + keycloakPort);
        edited.getConfig().putSingle("password", realm.arangoAccount().password());

        assertThat(refusal(edited)).contains("ArangoDB host \"127.0.0.1:" + keycloakPort + "\" is not allowed");
        assertThat(storedConfig().getConfig()).isEqualTo(before.getConfig());
    }

    @Test
    void aComponentWithTheRootUserIsRefusedWhateverThePasswordAndArangoDbIsNeverAsked() {
        RequestCounter requests = realm.server().arango().inMemoryOrSkip().requests();
        List<String> messages = new ArrayList<>();
        for (String password : List.of(realm.server().arango().password(), "wrong-" + UUID.randomUUID())) {
            ComponentRepresentation added = storedConfig();
            added.setId(null);
            added.setName("root federation " + UUID.randomUUID());
            added.getConfig().putSingle("user", "root");
            added.getConfig().putSingle("password", password);

            long before = requests.total();
            try (Response response =
                    tenantAdmin.realm(realm.name()).components().add(added)) {
                assertThat(response.getStatus()).isEqualTo(400);
                messages.add(errorMessage(response.readEntity(String.class)));
            }
            assertThat(requests.total())
                    .as("requests ArangoDB received for the refused component")
                    .isEqualTo(before);
            assertThat(tenantAdmin.realm(realm.name()).components().query(null, Federation.COMPONENT_TYPE))
                    .extracting(ComponentRepresentation::getName)
                    .doesNotContain(added.getName());
        }
        assertThat(messages.get(0))
                .contains("ArangoDB user \"root\" is not allowed")
                .doesNotContain("kc_*")
                .as("the right and a wrong password get the same answer")
                .isEqualTo(messages.get(1));
    }

    @Test
    void changingTheUserToRootIsRefusedWhateverThePasswordAndArangoDbIsNeverAsked() {
        RequestCounter requests = realm.server().arango().inMemoryOrSkip().requests();
        ComponentRepresentation before = storedConfig();
        for (String password : List.of(realm.server().arango().password(), "wrong-" + UUID.randomUUID(), MASK)) {
            ComponentRepresentation edited = component().toRepresentation();
            edited.getConfig().putSingle("user", "root");
            edited.getConfig().putSingle("password", password);

            long sent = requests.total();
            assertThat(refusal(edited))
                    .contains("ArangoDB user \"root\" is not allowed")
                    .doesNotContain("kc_*");
            assertThat(requests.total())
                    .as("requests ArangoDB received for the refused update")
                    .isEqualTo(sent);
        }
        assertThat(storedConfig().getConfig()).isEqualTo(before.getConfig());
    }

    @Test
    void aComponentForADatabaseThatDoesNotExistIsRefusedAndNothingIsCreated() {
        String missing =
                "missing_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        ComponentRepresentation added = storedConfig();
        added.setId(null);
        added.setName("second federation");
        added.getConfig().putSingle("database", missing);
        added.getConfig().putSingle("password", realm.arangoAccount().password());

        try (Response response = tenantAdmin.realm(realm.name()).components().add(added)) {
            assertThat(response.getStatus()).isEqualTo(400);
            // ArangoDB answers a tenant account alike for a missing database and one it may not access
            assertThat(errorMessage(response.readEntity(String.class)))
                    .containsIgnoringCase("database \"" + missing + "\"");
        }
        assertThat(arango(missing).databaseExists())
                .as("saving created nothing")
                .isFalse();
    }

    private static ComponentResource component() {
        return tenantAdmin.realm(realm.name()).components().component(realm.federationId());
    }

    /** The component as stored, read by the master admin (the tenant admin's view masks the password anyway). */
    private static ComponentRepresentation storedConfig() {
        return realm.federation();
    }

    /** Saves as the tenant admin; the save must be refused with 400; returns Keycloak's error message. */
    private static String refusal(ComponentRepresentation edited) {
        try {
            component().update(edited);
        } catch (BadRequestException e) {
            return errorMessage(e.getResponse().readEntity(String.class));
        }
        throw new AssertionError("saving " + edited.getConfig() + " was accepted");
    }

    private static String errorMessage(String body) {
        try {
            return new ObjectMapper().readTree(body).path("errorMessage").asText(body);
        } catch (IOException notJson) {
            return body;
        }
    }

    private static ArangoHttp arango(String database) {
        KeycloakTestServer.ArangoConnection connection = realm.server().arango();
        return new ArangoHttp(connection.hosts(), connection.user(), connection.password(), database);
    }

    /** The same ArangoDB under its other loopback name, which the test run's operator options allow. */
    private static String sameServerOtherName(String hosts) {
        ArangoTarget.Endpoint first = ArangoTarget.Endpoint.firstOf(hosts);
        Assumptions.assumeTrue(
                first.host().equals("127.0.0.1") || first.host().equals("localhost"),
                "needs an ArangoDB on loopback, reachable under two names");
        return (first.host().equals("localhost") ? "127.0.0.1" : "localhost") + ":" + first.port();
    }
}
