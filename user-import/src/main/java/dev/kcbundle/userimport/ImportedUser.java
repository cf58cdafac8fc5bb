package dev.kcbundle.userimport;

import dev.kcbundle.userstorage.document.UserDocument;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Builds the provider's document of an imported user with the provider's own {@link UserDocument} (field names,
 * normalized copies, derived search keys): a new user from the row, an existing user as stored with what the row gives
 * laid over it (what the row leaves out stays, such as the active group, password history or a password changed since).
 */
final class ImportedUser {

    private ImportedUser() {}

    static UserDocument build(UserRow row, String key, Map<String, Object> stored, long now) {
        UserDocument document;
        if (stored == null) {
            document = UserDocument.newUser(
                    key, row.username(), row.createdTimestamp() == null ? now : row.createdTimestamp());
        } else {
            document = UserDocument.of(stored).copy();
            setIfChanged(document.username(), row.username(), document::setUsername);
            if (row.createdTimestamp() != null) {
                document.setCreatedTimestamp(row.createdTimestamp());
            }
        }
        // each setter re-derives the search keys: only values that change are set
        if (row.email() != null) {
            setIfChanged(
                    document.email(), row.email().isBlank() ? null : row.email().trim(), document::setEmail);
        }
        if (row.firstName() != null) {
            setIfChanged(document.firstName(), emptyAsNull(row.firstName()), document::setFirstName);
        }
        if (row.lastName() != null) {
            setIfChanged(document.lastName(), emptyAsNull(row.lastName()), document::setLastName);
        }
        if (row.enabled() != null) {
            document.setEnabled(row.enabled());
        }
        if (row.emailVerified() != null) {
            document.setEmailVerified(row.emailVerified());
        }
        if (row.groups() != null) {
            document.setGroupIds(distinct(row.groups()));
        }
        if (row.roles() != null) {
            document.setRoleIds(distinct(row.roles()));
        }
        if (row.attributes() != null) {
            row.attributes().forEach(document::setAttribute);
        }
        if (row.password() != null) {
            document.setCredential(row.password().mergeInto(document.credential(), now));
        }
        return document;
    }

    private static void setIfChanged(String current, String value, Consumer<String> setter) {
        if (!Objects.equals(current, value)) {
            setter.accept(value);
        }
    }

    private static List<String> distinct(List<String> references) {
        return references.stream()
                .map(String::trim)
                .filter(reference -> !reference.isEmpty())
                .distinct()
                .toList();
    }

    private static String emptyAsNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
