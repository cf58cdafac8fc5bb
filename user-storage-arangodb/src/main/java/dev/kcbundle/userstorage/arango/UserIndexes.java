package dev.kcbundle.userstorage.arango;

import com.arangodb.ArangoCollection;
import com.arangodb.ArangoCursor;
import com.arangodb.ArangoDBException;
import com.arangodb.ArangoDatabase;
import com.arangodb.entity.IndexEntity;
import com.arangodb.model.AqlQueryOptions;
import com.arangodb.model.DocumentUpdateOptions;
import com.arangodb.model.PersistentIndexOptions;
import dev.kcbundle.userstorage.document.UserDocument;
import dev.kcbundle.userstorage.document.UserPatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The indexes of a users collection, idempotently (ArangoDB's ensure-index returns the existing index when it is
 * already there): a unique persistent index on {@code usernameLower}, a unique sparse persistent index on
 * {@code emailLower} and persistent array indexes on the derived {@code searchPrefixes}, {@code searchGrams} and
 * {@code lookupKeys}.
 * Needs no Keycloak class, so tools that write user documents directly (the bulk import) make the same indexes.
 */
public final class UserIndexes {

    private static final Logger LOG = Logger.getLogger(UserIndexes.class);
    static final String USERNAME_INDEX = "kc_username_unique";
    static final String EMAIL_INDEX = "kc_email_unique";
    static final String SEARCH_GRAMS_INDEX = "kc_search_grams";
    static final String SEARCH_PREFIXES_INDEX = "kc_search_prefixes";
    static final String LOOKUP_KEYS_INDEX = "kc_lookup_keys";
    private static final int BACKFILL_BATCH = 1000;
    private static final String WITHOUT_SEARCH_KEYS = "FOR u IN @@col FILTER u." + UserDocument.SEARCH_GRAMS
            + " == null || u." + UserDocument.LOOKUP_KEYS + " == null || u." + UserDocument.SEARCH_PREFIXES
            + " == null RETURN u";

    private UserIndexes() {}

    /** Ensures the indexes of an existing collection; driver exceptions are the caller's to translate. */
    public static void ensure(ArangoDatabase database, ArangoCollection users) {
        users.ensurePersistentIndex(
                List.of(UserDocument.USERNAME_LOWER),
                new PersistentIndexOptions().name(USERNAME_INDEX).unique(true).sparse(false));
        users.ensurePersistentIndex(
                List.of(UserDocument.EMAIL_LOWER),
                new PersistentIndexOptions().name(EMAIL_INDEX).unique(true).sparse(true));
        boolean newSearchIndex = arrayIndex(users, UserDocument.SEARCH_GRAMS, SEARCH_GRAMS_INDEX);
        boolean newLookupIndex = arrayIndex(users, UserDocument.LOOKUP_KEYS, LOOKUP_KEYS_INDEX);
        boolean newPrefixIndex = arrayIndex(users, UserDocument.SEARCH_PREFIXES, SEARCH_PREFIXES_INDEX);
        if (newSearchIndex || newLookupIndex || newPrefixIndex) {
            addSearchKeys(database, users);
        }
    }

    /** A non-unique persistent index on every element of an array attribute; true when it was just created. */
    private static boolean arrayIndex(ArangoCollection users, String attribute, String name) {
        IndexEntity index = users.ensurePersistentIndex(
                List.of(attribute + "[*]"),
                new PersistentIndexOptions().name(name).unique(false).sparse(false));
        return Boolean.TRUE.equals(index.getIsNewlyCreated());
    }

    /**
     * Documents written before the search indexes existed (an older version of this provider) get their derived
     * search arrays once, when the indexes are created, in batches of {@value #BACKFILL_BATCH}.
     */
    private static void addSearchKeys(ArangoDatabase database, ArangoCollection users) {
        List<Map<String, Object>> patches = new ArrayList<>();
        int updated = 0;
        AqlQueryOptions streamed = new AqlQueryOptions().batchSize(BACKFILL_BATCH).stream(true);
        try (ArangoCursor<Map> cursor =
                database.query(WITHOUT_SEARCH_KEYS, Map.class, Map.of("@col", users.name()), streamed)) {
            for (Map raw : cursor) {
                UserDocument document = UserDocument.of(raw);
                UserPatch patch = document.searchKeysPatch();
                if (!patch.isEmpty()) {
                    Map<String, Object> update = patch.values();
                    update.put(UserDocument.KEY, document.key());
                    patches.add(update);
                }
                if (patches.size() == BACKFILL_BATCH) {
                    updated += flush(users, patches);
                }
            }
            updated += flush(users, patches);
        } catch (IOException e) {
            throw new ArangoDBException(e);
        }
        if (updated > 0) {
            LOG.infof("Added search keys to %d existing users in %s/%s", updated, database.name(), users.name());
        }
    }

    private static int flush(ArangoCollection users, List<Map<String, Object>> patches) {
        int count = patches.size();
        if (count > 0) {
            users.updateDocuments(
                    patches, new DocumentUpdateOptions().mergeObjects(false).silent(true));
            patches.clear();
        }
        return count;
    }
}
