package dev.kcbundle.userimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which password an existing user ends up with when a source gives one again. */
class ImportedPasswordTest {

    private static final String OLD_HASH = "$2b$10$abcdefghijklmnopqrstuuJ1b8sm0Tb8uGvJ0y4ZGx7oKv1Jw6Oa";
    private static final long NOW = 1_800_000_000_000L;
    private static final Map<String, Object> KEYCLOAK = Map.of(
            "type",
            "password",
            "algorithm",
            "argon2",
            "createdDate",
            1_750_000_000_000L,
            "credentialData",
            "{\"algorithm\":\"argon2\"}",
            "secretData",
            "{}");

    @Test
    void aLegacyHashIsStoredWithTheImportTimeWhenTheSourceGivesNoDate() {
        assertThat(ImportedPassword.legacy(OLD_HASH, null).toStored(NOW))
                .isEqualTo(Map.of("type", "password", "legacyHash", OLD_HASH, "createdDate", NOW));
    }

    @Test
    void thePasswordALoginUpgradedStaysWhenTheSameLegacyHashIsImportedAgain() {
        assertThat(ImportedPassword.legacy(OLD_HASH, null).mergeInto(KEYCLOAK, NOW))
                .isSameAs(KEYCLOAK);
        assertThat(ImportedPassword.legacy(OLD_HASH, 1_700_000_000_000L).mergeInto(KEYCLOAK, NOW))
                .isSameAs(KEYCLOAK);
    }

    @Test
    void aNewerSourcePasswordReplacesTheStoredOne() {
        assertThat(ImportedPassword.legacy(OLD_HASH, 1_760_000_000_000L).mergeInto(KEYCLOAK, NOW))
                .containsEntry("legacyHash", OLD_HASH);
        Map<String, Object> storedLegacy =
                ImportedPassword.legacy("$2b$10$older", null).toStored(1L);
        assertThat(ImportedPassword.legacy(OLD_HASH, null).mergeInto(storedLegacy, NOW))
                .as("the old application changed the password since the last import")
                .containsEntry("legacyHash", OLD_HASH);
        assertThat(ImportedPassword.legacy("$2b$10$older", null).mergeInto(storedLegacy, NOW))
                .isSameAs(storedLegacy);
    }

    @Test
    void theSameKeycloakCredentialIsUnchangedAndNothingIsPrinted() {
        ImportedPassword same = ImportedPassword.keycloak("{\"algorithm\":\"argon2\"}", "{}", null);
        assertThat(same.mergeInto(KEYCLOAK, NOW)).isSameAs(KEYCLOAK);
        assertThat(ImportedPassword.legacy(OLD_HASH, null).toString()).doesNotContain(OLD_HASH);
        assertThat(ImportedPassword.keycloak("{\"algorithm\":\"argon2\"}", "{\"value\":\"secret\"}", 1L)
                        .toString())
                .doesNotContain("secret");
    }
}
