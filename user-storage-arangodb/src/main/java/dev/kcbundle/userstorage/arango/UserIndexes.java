package dev.kcbundle.userstorage.arango;

import com.arangodb.ArangoCollection;
import com.arangodb.ArangoDBException;
import com.arangodb.ArangoDatabase;
import com.arangodb.entity.IndexEntity;
import com.arangodb.model.PersistentIndexOptions;
import dev.kcbundle.userstorage.document.DocumentMapping;
import dev.kcbundle.userstorage.document.MappedField;
import dev.kcbundle.userstorage.document.UserDocument;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The indexes of a users collection, idempotently (ArangoDB's ensure-index returns the existing index when it is
 * already there): a unique persistent index on {@code usernameLower}, a unique sparse persistent index on
 * {@code emailLower}, persistent array indexes on the derived {@code searchPrefixes}, {@code searchGrams} and
 * {@code lookupKeys}, and, when the federation's mapping keeps the user id in an attribute other than {@code _key}, a
 * unique sparse persistent index on that attribute. A WRITABLE federation first gives documents another application
 * wrote the derived fields these indexes are built on ({@link DerivedFields}). Needs no Keycloak class, so tools that
 * write user documents directly (the bulk import) make the same indexes.
 */
public final class UserIndexes {

    private static final Logger LOG = Logger.getLogger(UserIndexes.class);
    static final String USERNAME_INDEX = "kc_username_unique";
    static final String EMAIL_INDEX = "kc_email_unique";
    static final String ID_INDEX = "kc_id_unique";
    static final String SEARCH_GRAMS_INDEX = "kc_search_grams";
    static final String SEARCH_PREFIXES_INDEX = "kc_search_prefixes";
    static final String LOOKUP_KEYS_INDEX = "kc_lookup_keys";
    private static final String WITHOUT_SEARCH_KEYS = "FOR u IN @@col FILTER u." + UserDocument.SEARCH_GRAMS
            + " == null || u." + UserDocument.LOOKUP_KEYS + " == null || u." + UserDocument.SEARCH_PREFIXES
            + " == null RETURN u";

    private UserIndexes() {}

    /** The indexes of a collection of the provider's own shape, which the caller writes to (the bulk import). */
    public static void ensure(ArangoDatabase database, ArangoCollection users) {
        ensure(database, users, DocumentMapping.DEFAULT, true);
    }

    /**
     * Ensures the indexes of an existing collection whose documents have the shape {@code mapping} names; a
     * {@code writable} federation first adds the derived fields where they are missing. Driver exceptions are the
     * caller's to translate.
     */
    public static void ensure(
            ArangoDatabase database, ArangoCollection users, DocumentMapping mapping, boolean writable) {
        if (writable) {
            DerivedFields.addWhereMissing(database, users, mapping);
        }
        usernameIndex(database, users);
        users.ensurePersistentIndex(
                List.of(UserDocument.EMAIL_LOWER),
                new PersistentIndexOptions().name(EMAIL_INDEX).unique(true).sparse(true));
        String id = mapping.attribute(MappedField.ID);
        if (!UserDocument.KEY.equals(id)) {
            idIndex(database, users, id);
        }
        boolean newSearchIndex = arrayIndex(users, UserDocument.SEARCH_GRAMS, SEARCH_GRAMS_INDEX);
        boolean newLookupIndex = arrayIndex(users, UserDocument.LOOKUP_KEYS, LOOKUP_KEYS_INDEX);
        boolean newPrefixIndex = arrayIndex(users, UserDocument.SEARCH_PREFIXES, SEARCH_PREFIXES_INDEX);
        if (newSearchIndex || newLookupIndex || newPrefixIndex) {
            addSearchKeys(database, users, mapping);
        }
    }

    /**
     * The unique index on {@code usernameLower}; it is non-sparse (it serves the admin console's sorted user list), so
     * at most one document may lack the field. When several do (users whose usernames differ only in case, see
     * {@link DerivedFields}; or documents not yet given the field), the federation still works without it: sign-in by
     * username then reads the whole collection, which the warning says, until the documents are fixed.
     */
    private static void usernameIndex(ArangoDatabase database, ArangoCollection users) {
        try {
            users.ensurePersistentIndex(
                    List.of(UserDocument.USERNAME_LOWER),
                    new PersistentIndexOptions()
                            .name(USERNAME_INDEX)
                            .unique(true)
                            .sparse(false));
        } catch (ArangoDBException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            LOG.warnf(
                    "No unique index on %s in %s/%s: several users have the same one or none (usernames that "
                            + "differ only in case, or documents without it). Until they are fixed (\"Sync all "
                            + "users\" lists them), each sign-in by username reads the whole collection",
                    UserDocument.USERNAME_LOWER, database.name(), users.name());
        }
    }

    /**
     * The unique index on the mapped id attribute. Two documents with one id would let one person sign in as another
     * (a session's user id finds either): the federation refuses to run until the duplicates are fixed.
     */
    private static void idIndex(ArangoDatabase database, ArangoCollection users, String id) {
        try {
            users.ensurePersistentIndex(
                    List.of(id),
                    new PersistentIndexOptions().name(ID_INDEX).unique(true).sparse(true));
        } catch (ArangoDBException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            throw new DuplicateIdsException(
                    "Users in ArangoDB collection " + database.name() + "/" + users.name() + " share a value of "
                            + id + ", the attribute the federation's mapping takes the user id from: each user "
                            + "needs an id of its own. Fix the duplicates in ArangoDB, or map another ID attribute",
                    e);
        }
    }

    /** ArangoDB's "unique constraint violated", also when a unique index is created over duplicates. */
    private static boolean isUniqueViolation(ArangoDBException e) {
        Integer errorNum = e.getErrorNum();
        return errorNum != null && errorNum == ArangoErrors.UNIQUE_CONSTRAINT_VIOLATED; // a constant: no Keycloak class
    }

    /** Documents of the collection share an id value; the message says which attribute and what to do. */
    public static final class DuplicateIdsException extends RuntimeException {
        DuplicateIdsException(String message, Throwable cause) {
            super(message, cause);
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
     * search arrays once, when the indexes are created, in batches of {@value DerivedFields#BATCH}.
     */
    private static void addSearchKeys(ArangoDatabase database, ArangoCollection users, DocumentMapping mapping) {
        int updated =
                DerivedFields.update(database, users, mapping, WITHOUT_SEARCH_KEYS, UserDocument::searchKeysPatch);
        if (updated > 0) {
            LOG.infof("Added search keys to %d existing users in %s/%s", updated, database.name(), users.name());
        }
    }
}
