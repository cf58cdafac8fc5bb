package dev.kcbundle.userimport;

import dev.kcbundle.userstorage.document.UserDocument;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The document key of an imported user, the same on every run: the source's id when it is a plain ArangoDB key
 * (letters, digits, {@code _} and {@code -}), else a name-based UUID of the id; without an id, a name-based UUID of the
 * normalized username (so a user's key, and with it the Keycloak user id {@code f:<component>:<key>}, never changes
 * between runs).
 */
public final class UserKeys {

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private UserKeys() {}

    public static String of(String id, String username) {
        if (id != null && !id.isBlank()) {
            return PLAIN_KEY.matcher(id).matches() ? id : "id-" + uuid("id:" + id);
        }
        return uuid("username:" + UserDocument.normalize(username));
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
