package dev.kcbundle.userstorage;

import dev.kcbundle.userstorage.arango.ArangoUserStore;
import dev.kcbundle.userstorage.document.UserDocument;
import dev.kcbundle.userstorage.document.UserPatch;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.cache.UserCache;
import org.keycloak.storage.UserStorageUtil;

/**
 * The admin console's "Sync all users" and "Sync changed users" (Keycloak's {@code ImportSynchronization}) for a
 * federation that imports nobody. "Sync all users" reads every document of the collection, batch by batch, checks it
 * against what the provider needs ({@link UserDocumentCheck}) and logs each user with a problem. A WRITABLE federation
 * with a document mapping of its own (a collection another application keeps writing, or one whose mapping changed)
 * first brings the provider's derived fields up to date where they differ from what the mapped values give; with the
 * default mapping the provider and the import keep them current, so a difference is a tool's fault and only listed. Both drop Keycloak's cached users of the realm (on every cluster node), so
 * changes made in ArangoDB apply from the next request.
 */
final class FederationSync {

    /** Problem lines logged per check; the rest are only counted. */
    static final int MAX_LOGGED_PROBLEMS = 100;

    private static final Logger LOG = Logger.getLogger(FederationSync.class);

    private final KeycloakSession session;
    private final RealmModel realm;

    FederationSync(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    RealmModel realm() {
        return realm;
    }

    SyncAnswer checkAll(ArangoStorageConfig config, ArangoUserStore store) {
        Map<String, Boolean> algorithms = new HashMap<>();
        UserDocumentCheck check = new UserDocumentCheck(algorithm -> algorithms.computeIfAbsent(
                algorithm, name -> session.getProvider(PasswordHashProvider.class, name) != null));
        int[] checked = {0};
        int[] withProblems = {0};
        int[] rederived = {0};
        boolean rederive = config.writable() && !config.mapping().isDefault();
        if (rederive) {
            store.addMissingDerivedFields();
        }
        store.forEach(document -> {
            checked[0]++;
            List<String> problems = check.problems(document);
            if (!problems.isEmpty() && rederive && rederive(store, document)) {
                rederived[0]++;
                problems = check.problems(document);
            }
            if (!problems.isEmpty() && ++withProblems[0] <= MAX_LOGGED_PROBLEMS) {
                LOG.warnf(
                        "ArangoDB user %s (document %s) in realm %s: %s",
                        document.username(), document.key(), realm.getName(), String.join("; ", problems));
            }
        });
        LOG.infof(
                "Checked %d ArangoDB users of realm %s (%s/%s): %d with problems, %d with derived fields brought up "
                        + "to date",
                checked[0],
                realm.getName(),
                config.connection().database(),
                config.connection().usersCollection(),
                withProblems[0],
                rederived[0]);
        dropCachedUsers();
        return SyncAnswer.checked(
                checked[0],
                withProblems[0],
                config.connection().database(),
                config.connection().usersCollection());
    }

    /**
     * Writes the derived fields the document's mapped values give, if they differ (one conditional update): the search
     * arrays; the normalized email unless another user holds it; a normalized username the document has already
     * (documents without one got theirs from {@link ArangoUserStore#addMissingDerivedFields}, which knows the case
     * collisions) unless another user holds the new one. False when nothing changed or the write was refused (the
     * check names what remains).
     */
    private static boolean rederive(ArangoUserStore store, UserDocument document) {
        boolean username = document.fields().get(UserDocument.USERNAME_LOWER) != null
                && heldByNoOther(store.findByUsername(document.username()), document);
        boolean email = heldByNoOther(store.findByEmail(document.email()), document);
        UserPatch patch = document.copy().derivedFieldsPatch(username, email);
        if (patch.isEmpty()) {
            return false;
        }
        try {
            document.setRev(store.update(document.key(), document.rev(), patch));
            document.derivedFieldsPatch(username, email);
            return true;
        } catch (ModelException e) {
            LOG.debugf("Derived fields of ArangoDB user document %s not written: %s", document.key(), e.getMessage());
            return false;
        }
    }

    private static boolean heldByNoOther(UserDocument holder, UserDocument document) {
        return holder == null || holder.key().equals(document.key());
    }

    SyncAnswer changedUsers() {
        dropCachedUsers();
        return SyncAnswer.cacheDropped();
    }

    private void dropCachedUsers() {
        UserCache cache = UserStorageUtil.userCache(session);
        if (cache != null) {
            cache.evict(realm);
        }
    }
}
