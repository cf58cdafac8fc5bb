package dev.kcbundle.userstorage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import dev.kcbundle.userstorage.arango.ArangoUserStore;
import dev.kcbundle.userstorage.arango.RevisionConflictException;
import dev.kcbundle.userstorage.arango.UserGoneException;
import dev.kcbundle.userstorage.document.UserDocument;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.services.ErrorResponse;
import org.keycloak.services.ErrorResponseException;

/**
 * Writes the changes of one loaded user: each change is one document update, conditional on the revision the
 * document was read with. When another request changed the document in between (ArangoDB answers 412/1200), the
 * document is read again and the same change is applied to it, up to {@value #MAX_ATTEMPTS} times; after that the
 * change fails with {@link ConcurrentChangeException} (HTTP 409 Conflict, see {@link #conflict()}). So two writers
 * never undo each other's changes.
 */
final class UserDocumentWriter {

    static final int MAX_ATTEMPTS = 8;
    static final String CONFLICT_MESSAGE =
            "The user was changed by another request at the same time; reload the user and try again";

    private static final Logger LOG = Logger.getLogger(UserDocumentWriter.class);

    private final ArangoUserStore store;
    private final Function<UserDocument, Map<String, Object>> upgrade;
    private UserDocument document;
    private Map<String, Object> pendingUpgrade;

    /**
     * {@code upgrade} brings a document of an earlier version to the current form in memory and returns the patch
     * that stores that form; it is written together with the next change.
     */
    UserDocumentWriter(ArangoUserStore store, UserDocument document,
                       Function<UserDocument, Map<String, Object>> upgrade) {
        this.store = store;
        this.upgrade = upgrade;
        load(document);
    }

    /** The document as last read or written. */
    UserDocument document() {
        return document;
    }

    /** Applies the change and writes it (nothing when the document already is as the change wants it). */
    void write(UserChange change) {
        for (int attempt = 1; ; attempt++) {
            Map<String, Object> patch = new LinkedHashMap<>(pendingUpgrade);
            patch.putAll(change.applyTo(document));
            if (patch.isEmpty()) {
                return;
            }
            try {
                document.setRev(store.update(document.key(), document.rev(), patch));
                pendingUpgrade = Map.of();
                return;
            } catch (RevisionConflictException e) {
                if (attempt == MAX_ATTEMPTS) {
                    LOG.warnf("User document %s: still changed by other requests after %d attempts", document.key(),
                            MAX_ATTEMPTS);
                    throw new ConcurrentChangeException(CONFLICT_MESSAGE, e);
                }
                LOG.debugf("User document %s changed since it was read; applying the change again (attempt %d)",
                        document.key(), attempt + 1);
                UserDocument fresh = store.findByKey(document.key());
                if (fresh == null) {
                    throw new UserGoneException(document.key());
                }
                load(fresh);
            }
        }
    }

    /**
     * What a {@link ConcurrentChangeException} becomes at the edge: Keycloak's REST endpoints (also the admin API's
     * user update, which answers other model exceptions with 400) pass it on as HTTP 409 with a JSON error body.
     */
    static ErrorResponseException conflict() {
        return ErrorResponse.error(CONFLICT_MESSAGE, Response.Status.CONFLICT);
    }

    private void load(UserDocument loaded) {
        document = loaded;
        pendingUpgrade = new LinkedHashMap<>(upgrade.apply(loaded));
    }
}
