package dev.kcbundle.it.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcbundle.it.AdminUsers;
import dev.kcbundle.it.HttpJson;
import dev.kcbundle.it.TestRealm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.storage.UserStorageProvider.EditMode;

/**
 * The ArangoDB password in the admin console's Credentials tab, through the admin REST calls the console makes:
 * listed as a federated {@code password} credential (type, date set, the federation; never hash or salt), replaced by
 * "Reset password", removed from the document by {@code disable-credential-types}; READ_ONLY shows it and refuses.
 */
class ArangoCredentialsIT {

    @RegisterExtension
    static final TestRealm writable = TestRealm.blank("credentials").withArangoUsers(EditMode.WRITABLE);

    @RegisterExtension
    static final TestRealm readOnly = TestRealm.blank("credentials-ro").withArangoUsers(EditMode.WRITABLE);

    @BeforeAll
    static void setUpRealms() {
        readOnly.createUser("rita", "rita@example.org", "Rita-pass-1");
        readOnly.updateFederation(Map.of("editMode", "READ_ONLY"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCredentialsTabListsThePasswordWithItsDateAndNoSecret() {
        String id = writable.createUser("lena", "lena@example.org", "Lena-pass-1");
        Map<String, Object> stored =
                (Map<String, Object>) writable.document("lena").get("credential");

        HttpJson.Answer list = writable.adminCall("GET", "/users/" + id + "/credentials", null);

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).hasSize(1);
        JsonNode password = list.body().get(0);
        assertThat(password.path("type").asText()).isEqualTo("password");
        assertThat(password.path("createdDate").asLong()).isEqualTo(((Number) stored.get("createdDate")).longValue());
        assertThat(password.path("federationLink").asText())
                .as("shown as provided by the federation")
                .isEqualTo(writable.federationId());
        assertThat(password.has("secretData")).isFalse();
        assertThat(password.has("credentialData")).isFalse();
        assertThat(list.body().toString()).doesNotContain((String) stored.get("secretData"));
        assertThat(writable.user(id).toRepresentation().getDisableableCredentialTypes())
                .as("the user representation offers to remove it")
                .containsExactly("password");
    }

    @Test
    @SuppressWarnings("unchecked")
    void resetPasswordReplacesThePasswordInTheDocument() {
        String id = writable.createUser("mira", "mira@example.org", "Mira-pass-1");
        Map<String, Object> before =
                (Map<String, Object>) writable.document("mira").get("credential");

        writable.user(id).resetPassword(AdminUsers.password("Mira-pass-2"));

        Map<String, Object> after =
                (Map<String, Object>) writable.document("mira").get("credential");
        assertThat(after.get("secretData")).isNotEqualTo(before.get("secretData"));
        JsonNode listed =
                writable.adminCall("GET", "/users/" + id + "/credentials", null).body();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("createdDate").asLong())
                .isEqualTo(((Number) after.get("createdDate")).longValue());
        assertThat(writable.passwordGrant("mira", "Mira-pass-1").status())
                .as("Keycloak 26.7: 400 invalid_grant")
                .isEqualTo(400);
        assertThat(writable.passwordGrant("mira", "Mira-pass-2").status()).isEqualTo(200);
    }

    @Test
    void removingThePasswordDeletesItFromArangoDbAndSignInFails() {
        String id = writable.createUser("otto", "otto@example.org", "Otto-pass-1");
        assertThat(writable.passwordGrant("otto", "Otto-pass-1").status()).isEqualTo(200);

        HttpJson.Answer removed =
                writable.adminCall("PUT", "/users/" + id + "/disable-credential-types", List.of("password"));

        assertThat(removed.status()).isEqualTo(204);
        assertThat(writable.document("otto"))
                .as("the document stays")
                .isNotNull()
                .doesNotContainKey("credential");
        assertThat(writable.adminCall("GET", "/users/" + id + "/credentials", null)
                        .body())
                .isEmpty();
        assertThat(writable.adminCall("GET", "/users/" + id + "/configured-user-storage-credential-types", null)
                        .body())
                .isEmpty();
        HttpJson.Answer grant = writable.passwordGrant("otto", "Otto-pass-1");
        assertThat(grant.status())
                .as("Keycloak 26.7 answers wrong credentials with 400")
                .isEqualTo(400);
        assertThat(grant.body().path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void readOnlyShowsThePasswordButRefusesToRemoveIt() {
        String id = readOnly.admin().users().search("rita", true).get(0).getId();
        Map<String, Object> before = readOnly.document("rita");

        JsonNode listed =
                readOnly.adminCall("GET", "/users/" + id + "/credentials", null).body();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("type").asText()).isEqualTo("password");
        assertThat(listed.get(0).path("createdDate").asLong()).isPositive();
        assertThat(readOnly.user(id).toRepresentation().getDisableableCredentialTypes())
                .isEmpty();

        HttpJson.Answer removal =
                readOnly.adminCall("PUT", "/users/" + id + "/disable-credential-types", List.of("password"));

        assertThat(removal.status()).isEqualTo(400);
        assertThat(removal.body().toString()).contains("was not removed").contains("READ_ONLY");
        assertThat(readOnly.document("rita")).isEqualTo(before);
        assertThat(readOnly.passwordGrant("rita", "Rita-pass-1").status()).isEqualTo(200);
    }
}
