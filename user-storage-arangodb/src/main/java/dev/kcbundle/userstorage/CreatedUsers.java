package dev.kcbundle.userstorage;

import java.util.ArrayList;
import java.util.List;

import dev.kcbundle.userstorage.arango.ArangoUserStore;
import org.jboss.logging.Logger;
import org.keycloak.models.AbstractKeycloakTransaction;

/**
 * The documents a Keycloak transaction created. ArangoDB has no part in Keycloak's transaction, so when the
 * transaction rolls back (duplicate email, policy violation, any error after the user was created) the documents are
 * removed again: nothing half-written stays behind. (Flows that answer with an error page without a rollback are
 * covered by the provider removing a created document whose first write fails.)
 */
final class CreatedUsers extends AbstractKeycloakTransaction {

    private static final Logger LOG = Logger.getLogger(CreatedUsers.class);

    private final ArangoUserStore store;
    private final List<String> keys = new ArrayList<>();

    CreatedUsers(ArangoUserStore store) {
        this.store = store;
    }

    void add(String key) {
        keys.add(key);
    }

    /** True when the key was one of the created documents (it is no longer tracked). */
    boolean forget(String key) {
        return keys.remove(key);
    }

    @Override
    protected void commitImpl() {
        keys.clear();
    }

    @Override
    protected void rollbackImpl() {
        for (String key : keys) {
            try {
                store.remove(key);
                LOG.debugf("Removed user document %s created by a rolled-back transaction", key);
            } catch (RuntimeException e) {
                LOG.errorf("Could not remove user document %s after a rollback: %s", key, e.getMessage());
            }
        }
        keys.clear();
    }
}
