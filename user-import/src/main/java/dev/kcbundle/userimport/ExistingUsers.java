package dev.kcbundle.userimport;

import com.arangodb.ArangoCursor;
import com.arangodb.ArangoDatabase;
import com.arangodb.model.AqlQueryOptions;
import dev.kcbundle.userstorage.document.UserDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who holds which username and e-mail in the collection before the import: key, normalized username and normalized
 * e-mail of every stored user, read once in one streamed query (about 100 bytes of memory per user), so each row is
 * checked against them without a request of its own.
 */
final class ExistingUsers {

    private static final String KEYS_AND_NAMES =
            "FOR u IN @@col RETURN [u._key, u." + UserDocument.USERNAME_LOWER + ", u." + UserDocument.EMAIL_LOWER + "]";

    private final Map<String, String> keyByUsername = new HashMap<>();
    private final Map<String, String> keyByEmail = new HashMap<>();
    private final Map<String, Boolean> keys = new HashMap<>();

    static ExistingUsers load(ArangoDatabase database, String collection) {
        ExistingUsers users = new ExistingUsers();
        try (ArangoCursor<List> cursor = database.query(
                KEYS_AND_NAMES,
                List.class,
                Map.of("@col", collection),
                new AqlQueryOptions().stream(true).batchSize(10_000))) {
            for (List<?> user : cursor) {
                String key = (String) user.get(0);
                users.keys.put(key, Boolean.TRUE);
                if (user.get(1) instanceof String username) {
                    users.keyByUsername.put(username, key);
                }
                if (user.get(2) instanceof String email) {
                    users.keyByEmail.put(email, key);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return users;
    }

    boolean contains(String key) {
        return keys.containsKey(key);
    }

    /** The key of the stored user with this normalized username, or null. */
    String holderOfUsername(String usernameLower) {
        return keyByUsername.get(usernameLower);
    }

    /** The key of the stored user with this normalized e-mail, or null. */
    String holderOfEmail(String emailLower) {
        return keyByEmail.get(emailLower);
    }

    int size() {
        return keys.size();
    }
}
