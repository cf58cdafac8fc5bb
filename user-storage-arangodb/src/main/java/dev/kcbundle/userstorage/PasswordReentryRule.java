package dev.kcbundle.userstorage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.component.ComponentModel;

/**
 * Keycloak's rule for LDAP bind credentials (keycloak/keycloak#47295) applied to the ArangoDB password: the stored
 * password belongs to the hosts, TLS setting, user and database it was entered for. Changing any of them is refused
 * unless the same request types the password again.
 *
 * <p>Keycloak's admin API shows a secret as {@code **********} and, when that mask comes back in an update, puts the
 * stored value into the new model before {@code validateConfiguration} runs, so a re-typed password and a restored one
 * would look the same. The password is therefore saved in a marked form ({@link #stored}); a value without the mark
 * was typed in this request.
 */
final class PasswordReentryRule {

    /** Prefix of a saved password (followed by its Base64 form); never shown by the admin API, which masks it. */
    static final String STORED_MARK = "{arangodb-stored}";

    private PasswordReentryRule() {}

    /**
     * Null when the update may keep or replace the password, otherwise the refusal. {@code saved} is the component
     * as stored, {@code updated} the model about to be saved (with the stored password put back where the admin sent
     * the mask).
     */
    static String problem(ComponentModel saved, ComponentModel updated) {
        String savedPassword = saved.get(ArangoStorageConfig.PASSWORD);
        String newPassword = updated.get(ArangoStorageConfig.PASSWORD);
        if (blank(savedPassword) || typedAgain(savedPassword, newPassword)) {
            return null;
        }
        List<String> changed = changedConnectionSettings(saved, updated);
        if (changed.isEmpty()) {
            return null;
        }
        return "Changing " + String.join(", ", changed) + " requires entering the ArangoDB password again: "
                + "the stored password is only sent to the hosts, user and database it was entered for";
    }

    /** The model's password in its saved form, so that a later update can tell it from a re-typed one. */
    static void markStored(ComponentModel model) {
        String password = model.get(ArangoStorageConfig.PASSWORD);
        if (!blank(password) && !isStored(password)) {
            model.put(ArangoStorageConfig.PASSWORD, stored(password));
        }
    }

    /** The password to send to ArangoDB, from its saved or typed form. */
    static String plain(String configured) {
        if (configured == null || !isStored(configured)) {
            return configured;
        }
        return new String(
                Base64.getDecoder().decode(configured.substring(STORED_MARK.length())), StandardCharsets.UTF_8);
    }

    static String stored(String password) {
        return STORED_MARK + Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8));
    }

    static boolean isStored(String value) {
        if (value == null || !value.startsWith(STORED_MARK)) {
            return false;
        }
        try {
            Base64.getDecoder().decode(value.substring(STORED_MARK.length()));
            return true;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /**
     * A password counts as typed again when it is not the saved form. A component saved before this rule holds its
     * password unmarked: then only a different password counts.
     */
    private static boolean typedAgain(String savedPassword, String newPassword) {
        if (blank(newPassword) || isStored(newPassword)) {
            return false;
        }
        return isStored(savedPassword) || !newPassword.equals(savedPassword);
    }

    private static List<String> changedConnectionSettings(ComponentModel saved, ComponentModel updated) {
        List<String> changed = new ArrayList<>();
        if (!hosts(saved).equals(hosts(updated))) {
            changed.add("the hosts");
        }
        if (Boolean.parseBoolean(trimmed(saved.get(ArangoStorageConfig.USE_TLS)))
                != Boolean.parseBoolean(trimmed(updated.get(ArangoStorageConfig.USE_TLS)))) {
            changed.add("TLS");
        }
        if (!Objects.equals(user(saved), user(updated))) {
            changed.add("the user");
        }
        if (!Objects.equals(
                trimmed(saved.get(ArangoStorageConfig.DATABASE)), trimmed(updated.get(ArangoStorageConfig.DATABASE)))) {
            changed.add("the database");
        }
        return changed;
    }

    /** The host list as a set: reordering the same hosts sends the password nowhere new. */
    private static Set<String> hosts(ComponentModel model) {
        String hosts = model.get(ArangoStorageConfig.HOSTS);
        if (hosts == null) {
            return Set.of();
        }
        return Arrays.stream(hosts.split(","))
                .map(String::trim)
                .filter(host -> !host.isEmpty())
                .map(host -> host.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }

    private static String user(ComponentModel model) {
        return trimmed(model.get(ArangoStorageConfig.USER));
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
