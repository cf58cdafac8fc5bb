package dev.kcbundle.userstorage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.keycloak.component.ComponentModel;

class PasswordReentryRuleTest {

    private static final String PASSWORD = "tenant-secret";

    @Test
    void keepingTheStoredPasswordWhileChangingWhereItGoesIsRefused() {
        ComponentModel saved = saved();

        assertThat(PasswordReentryRule.problem(saved, restored(saved, "hosts", "attacker.example:8529")))
                .contains("the hosts")
                .contains("entering the ArangoDB password again");
        assertThat(PasswordReentryRule.problem(saved, restored(saved, "database", "globex")))
                .contains("the database");
        assertThat(PasswordReentryRule.problem(saved, restored(saved, "user", "root")))
                .contains("the user");
        assertThat(PasswordReentryRule.problem(saved, restored(saved, "useTls", "true")))
                .contains("TLS");
    }

    @Test
    void typingThePasswordAgainAllowsTheChangeEvenWhenItIsTheSame() {
        ComponentModel saved = saved();
        ComponentModel updated = restored(saved, "hosts", "localhost:8529");
        updated.put("password", PASSWORD);

        assertThat(PasswordReentryRule.problem(saved, updated)).isNull();
    }

    @Test
    void otherChangesKeepTheStoredPassword() {
        ComponentModel saved = saved();

        assertThat(PasswordReentryRule.problem(saved, restored(saved, "editMode", "READ_ONLY")))
                .isNull();
        assertThat(PasswordReentryRule.problem(saved, restored(saved, "hosts", " LOCALHOST:18529 , 127.0.0.1:8529")))
                .as("the same hosts in another order")
                .isNull();
    }

    @Test
    void clearingThePasswordDoesNotCountAsEnteringIt() {
        ComponentModel saved = saved();
        ComponentModel updated = restored(saved, "database", "globex");
        updated.getConfig().remove("password");

        assertThat(PasswordReentryRule.problem(saved, updated)).contains("the database");
    }

    @Test
    void aComponentSavedBeforeTheRuleNeedsADifferentPassword() {
        ComponentModel legacy = saved();
        legacy.put("password", PASSWORD);

        assertThat(PasswordReentryRule.problem(legacy, restored(legacy, "hosts", "attacker.example:8529")))
                .contains("the hosts");
        ComponentModel updated = restored(legacy, "hosts", "attacker.example:8529");
        updated.put("password", "another-password");
        assertThat(PasswordReentryRule.problem(legacy, updated)).isNull();
    }

    @Test
    void theStoredFormIsMarkedAndReadBack() {
        ComponentModel model = new ComponentModel();
        model.put("password", PASSWORD);

        PasswordReentryRule.markStored(model);
        String stored = model.get("password");
        PasswordReentryRule.markStored(model);

        assertThat(stored).startsWith(PasswordReentryRule.STORED_MARK).doesNotContain(PASSWORD);
        assertThat(model.get("password")).as("marked once").isEqualTo(stored);
        assertThat(PasswordReentryRule.plain(stored)).isEqualTo(PASSWORD);
        assertThat(PasswordReentryRule.plain(PASSWORD)).isEqualTo(PASSWORD);
        assertThat(PasswordReentryRule.plain(PasswordReentryRule.STORED_MARK + "not base64!"))
                .as("a typed value that only looks marked")
                .isEqualTo(PasswordReentryRule.STORED_MARK + "not base64!");
        assertThat(ArangoStorageConfig.from(withPassword(stored)).connection().password())
                .isEqualTo(PASSWORD);
    }

    /** A component as Keycloak stores it after a successful save. */
    private static ComponentModel saved() {
        ComponentModel model = new ComponentModel();
        model.setId("component-1");
        model.put("hosts", "127.0.0.1:8529,localhost:18529");
        model.put("useTls", "false");
        model.put("user", "kc_acme");
        model.put("database", "acme");
        model.put("editMode", "WRITABLE");
        model.put("password", PasswordReentryRule.stored(PASSWORD));
        return model;
    }

    /** The model Keycloak validates when the admin sent the mask: the stored password put back, one value changed. */
    private static ComponentModel restored(ComponentModel saved, String key, String value) {
        ComponentModel updated = new ComponentModel(saved);
        updated.put(key, value);
        return updated;
    }

    private static ComponentModel withPassword(String password) {
        ComponentModel model = saved();
        model.put("password", password);
        return model;
    }
}
