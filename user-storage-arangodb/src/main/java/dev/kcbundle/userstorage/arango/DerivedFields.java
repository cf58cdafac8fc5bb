package dev.kcbundle.userstorage.arango;

import com.arangodb.ArangoCollection;
import com.arangodb.ArangoCursor;
import com.arangodb.ArangoDBException;
import com.arangodb.ArangoDatabase;
import com.arangodb.model.AqlQueryOptions;
import com.arangodb.model.DocumentUpdateOptions;
import dev.kcbundle.userstorage.document.DocumentMapping;
import dev.kcbundle.userstorage.document.MappedField;
import dev.kcbundle.userstorage.document.UserDocument;
import dev.kcbundle.userstorage.document.UserPatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The provider's derived fields ({@code usernameLower}, {@code emailLower}, the search arrays of {@code SearchKeys})
 * written into documents that lack them, in batches: documents another application wrote (a foreign collection read in
 * place through a {@link DocumentMapping}), or written before the search arrays existed. A username (or email) that
 * another document's differs from only in case cannot get the unique normalized field: those documents are left
 * without it (nobody can sign in with an ambiguous name) and one warning says how many and what to fix.
 */
final class DerivedFields {

    private static final Logger LOG = Logger.getLogger(DerivedFields.class);
    static final int BATCH = 1000;
    /** Served by the non-sparse username index once it exists. */
    static final String WITHOUT_USERNAME_LOWER =
            "FOR u IN @@col FILTER u." + UserDocument.USERNAME_LOWER + " == null RETURN u";

    private static final String ANY_WITHOUT_USERNAME_LOWER =
            "FOR u IN @@col FILTER u." + UserDocument.USERNAME_LOWER + " == null LIMIT 1 RETURN u._key";
    private static final String NAMES = "FOR u IN @@col RETURN [u.%s, u.%s]";

    private DerivedFields() {}

    /**
     * Gives every document without {@code usernameLower} its derived fields (WRITABLE federations only); when every
     * document has them, this costs one index-served query.
     */
    static void addWhereMissing(ArangoDatabase database, ArangoCollection users, DocumentMapping mapping) {
        if (query(database, users, ANY_WITHOUT_USERNAME_LOWER, String.class).isEmpty()) {
            return;
        }
        NameCounts names = NameCounts.of(database, users, mapping);
        int[] leftOut = {0};
        int updated = update(database, users, mapping, WITHOUT_USERNAME_LOWER, document -> {
            boolean usernameUnique = names.unique(names.usernames, document.username());
            boolean emailUnique = names.unique(names.emails, document.email());
            if (!usernameUnique || !emailUnique) {
                leftOut[0]++;
            }
            return document.derivedFieldsPatch(usernameUnique, emailUnique);
        });
        if (updated > 0) {
            LOG.infof("Added the derived fields to %d users in %s/%s", updated, database.name(), users.name());
        }
        if (leftOut[0] > 0) {
            LOG.warnf(
                    "%d users in %s/%s have a username or email that another user's differs from only in case: they "
                            + "got no %s or %s, so nobody can sign in with that username or email. Rename one of "
                            + "each pair (in the admin console or in ArangoDB), then run \"Sync all users\" with the "
                            + "federation in Writable mode; the sync lists them in the server log",
                    leftOut[0], database.name(), users.name(), UserDocument.USERNAME_LOWER, UserDocument.EMAIL_LOWER);
        }
    }

    /**
     * Streams the documents {@code aql} selects and stores what {@code derive} changes in each, in batches of
     * {@value #BATCH} (one multi-document update each); the number of documents changed.
     */
    static int update(
            ArangoDatabase database,
            ArangoCollection users,
            DocumentMapping mapping,
            String aql,
            Function<UserDocument, UserPatch> derive) {
        List<Map<String, Object>> patches = new ArrayList<>();
        int updated = 0;
        AqlQueryOptions streamed = new AqlQueryOptions().batchSize(BATCH).stream(true);
        try (ArangoCursor<Map> cursor = database.query(aql, Map.class, Map.of("@col", users.name()), streamed)) {
            for (Map raw : cursor) {
                @SuppressWarnings("unchecked")
                UserDocument document = UserDocument.of(raw, mapping);
                UserPatch patch = derive.apply(document);
                if (!patch.values().isEmpty()) {
                    Map<String, Object> update = patch.values();
                    update.put(UserDocument.KEY, document.key());
                    patches.add(update);
                }
                if (patches.size() == BATCH) {
                    updated += flush(users, patches);
                }
            }
            updated += flush(users, patches);
        } catch (IOException e) {
            throw new ArangoDBException(e);
        }
        return updated;
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

    private static <T> List<T> query(ArangoDatabase database, ArangoCollection users, String aql, Class<T> type) {
        return database.query(aql, type, Map.of("@col", users.name())).asListRemaining();
    }

    /** How many documents of the collection have each normalized username and email (read in one streamed pass). */
    private record NameCounts(Map<String, Integer> usernames, Map<String, Integer> emails) {

        static NameCounts of(ArangoDatabase database, ArangoCollection users, DocumentMapping mapping) {
            NameCounts counts = new NameCounts(new HashMap<>(), new HashMap<>());
            String aql =
                    String.format(NAMES, mapping.attribute(MappedField.USERNAME), mapping.attribute(MappedField.EMAIL));
            AqlQueryOptions streamed = new AqlQueryOptions().batchSize(BATCH).stream(true);
            try (ArangoCursor<List> cursor = database.query(aql, List.class, Map.of("@col", users.name()), streamed)) {
                for (List<?> pair : cursor) {
                    count(counts.usernames, pair.get(0));
                    count(counts.emails, pair.get(1));
                }
            } catch (IOException e) {
                throw new ArangoDBException(e);
            }
            return counts;
        }

        private static void count(Map<String, Integer> counts, Object value) {
            String normalized = normalized(value);
            if (normalized != null) {
                counts.merge(normalized, 1, Integer::sum);
            }
        }

        private static String normalized(Object value) {
            String text = value == null ? null : String.valueOf(value).trim();
            return text == null || text.isEmpty() ? null : UserDocument.normalize(text);
        }

        /** Whether no other document has the value in another case (or at all); true for no value. */
        boolean unique(Map<String, Integer> counts, String value) {
            String normalized = normalized(value);
            return normalized == null || counts.getOrDefault(normalized, 0) <= 1;
        }
    }
}
