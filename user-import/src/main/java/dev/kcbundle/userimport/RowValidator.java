package dev.kcbundle.userimport;

import dev.kcbundle.userstorage.document.UserDocument;
import java.util.HashMap;
import java.util.Map;
import org.keycloak.utils.EmailValidationUtil;

/**
 * Checks each row before it is written: a username (at most {@value #MAX_LENGTH} characters), an e-mail Keycloak
 * accepts (Keycloak's own rule, {@code EmailValidationUtil}), a complete password; no user, username or e-mail twice
 * in the source (compared like the provider's unique indexes: case-insensitively), and no username or e-mail that
 * another user in the collection already holds. The first row with a username or e-mail wins; later ones are rejected
 * naming it.
 */
final class RowValidator {

    static final int MAX_LENGTH = 255;
    private static final int MAX_EMAIL_LOCAL_PART = 64;

    private final ExistingUsers existing;
    private final Map<String, String> rowByKey = new HashMap<>();
    private final Map<String, String> rowByUsername = new HashMap<>();
    private final Map<String, String> rowByEmail = new HashMap<>();

    RowValidator(ExistingUsers existing) {
        this.existing = existing;
    }

    /** The document key of an acceptable row; a {@link RowException} says why a row is not. */
    String accept(UserRow row) throws RowException {
        String where = row.where();
        String username = row.username();
        if (username == null || username.isBlank()) {
            throw new RowException(where, "the username is missing");
        }
        if (username.length() > MAX_LENGTH) {
            throw new RowException(where, "the username is longer than " + MAX_LENGTH + " characters");
        }
        String email = row.email() == null || row.email().isBlank()
                ? null
                : row.email().trim();
        if (email != null
                && (email.length() > MAX_LENGTH || !EmailValidationUtil.isValidEmail(email, MAX_EMAIL_LOCAL_PART))) {
            throw new RowException(where, "\"" + email + "\" is not a valid e-mail address");
        }
        if (row.password() != null && row.password().problem() != null) {
            throw new RowException(where, row.password().problem());
        }
        String key = UserKeys.of(row.id(), username);
        String usernameLower = UserDocument.normalize(username);
        String emailLower = UserDocument.normalize(email);
        check(
                where,
                rowByUsername.get(usernameLower),
                "username \"" + username + "\" is already used on " + rowByUsername.get(usernameLower));
        check(
                where,
                heldByOther(existing.holderOfUsername(usernameLower), key),
                "username \"" + username + "\" already belongs to another user in the collection (key "
                        + existing.holderOfUsername(usernameLower) + ")");
        check(where, rowByKey.get(key), "id \"" + row.id() + "\" is already used on " + rowByKey.get(key));
        if (emailLower != null) {
            check(
                    where,
                    rowByEmail.get(emailLower),
                    "e-mail \"" + email + "\" is already used on " + rowByEmail.get(emailLower));
            check(
                    where,
                    heldByOther(existing.holderOfEmail(emailLower), key),
                    "e-mail \"" + email + "\" already belongs to another user in the collection (key "
                            + existing.holderOfEmail(emailLower) + ")");
            rowByEmail.put(emailLower, where);
        }
        rowByKey.put(key, where);
        rowByUsername.put(usernameLower, where);
        return key;
    }

    private static String heldByOther(String holder, String key) {
        return holder == null || holder.equals(key) ? null : holder;
    }

    private static void check(String where, Object conflict, String reason) throws RowException {
        if (conflict != null) {
            throw new RowException(where, reason);
        }
    }
}
