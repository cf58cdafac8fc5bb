package dev.kcbundle.it.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcbundle.it.TestRealm;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.storage.UserStorageProvider.EditMode;

/**
 * Saving the component checks its values (each connection fault: {@link ArangoConnectionErrorsIT}); a changed component
 * is used at once; removing it leaves ArangoDB untouched.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ArangoComponentConfigIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.blank("config").withArangoUsers(EditMode.WRITABLE);

    @Test
    void malformedValuesAreNamed() {
        assertThat(addComponent("hosts", "no-port")).contains("Host \"no-port\" is not in the form host:port");
        assertThat(addComponent("database", "bad name!")).contains("not a valid ArangoDB name");
    }

    @Test
    void passwordIsASecretTheAdminApiNeverShows() {
        ComponentRepresentation stored = realm.federation();
        assertThat(stored.getConfig().getFirst("password"))
                .isNotEqualTo(realm.arangoAccount().password());
    }

    @Test
    void savingAChangedComponentSwitchesToItsNewDatabase() {
        realm.createUser("otto", "otto@example.org", "Otto-pass-1");
        ComponentRepresentation component = realm.federation();
        String database = component.getConfig().getFirst("database");
        realm.server().arango().provision(database + "_moved", realm.arangoAccount()); // the operator's step

        component.getConfig().putSingle("database", database + "_moved");
        component.getConfig().putSingle("password", realm.arangoAccount().password()); // entered again
        realm.admin().components().component(realm.federationId()).update(component);
        try {
            assertThat(realm.admin().users().searchByUsername("otto", true))
                    .as("the new, empty database")
                    .isEmpty();
        } finally {
            component.getConfig().putSingle("database", database);
            realm.admin().components().component(realm.federationId()).update(component);
        }

        assertThat(realm.admin().users().searchByUsername("otto", true))
                .extracting(UserRepresentation::getUsername)
                .containsExactly("otto");
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: the other tests copy the component
    void removingTheComponentKeepsTheArangoDbData() {
        realm.createUser("nina", "nina@example.org", "Nina-pass-1");
        assertThat(realm.document("nina")).isNotNull();

        realm.admin().components().component(realm.federationId()).remove();

        assertThat(realm.document("nina")).isNotNull().containsEntry("username", "nina");
        assertThat(realm.admin().users().searchByUsername("nina", true)).isEmpty();
    }

    /** Adds a copy of the realm's component with one value changed; returns the error text (the add must fail). */
    private String addComponent(String key, String value) {
        ComponentRepresentation component = realm.federation();
        component.setId(null);
        component.setName("broken " + key);
        component.getConfig().putSingle("password", realm.arangoAccount().password());
        component.getConfig().putSingle(key, value);
        try (Response response = realm.admin().components().add(component)) {
            assertThat(response.getStatus())
                    .as("saving with a wrong %s is refused", key)
                    .isEqualTo(400);
            String body = response.readEntity(String.class);
            try {
                return new ObjectMapper().readTree(body).path("errorMessage").asText(body);
            } catch (java.io.IOException notJson) {
                return body;
            }
        }
    }
}
