package dev.kcbundle.userstorage;

import dev.kcbundle.userstorage.arango.ArangoUserStore;
import dev.kcbundle.userstorage.arango.RevisionConflictException;
import dev.kcbundle.userstorage.arango.UserGoneException;
import dev.kcbundle.userstorage.arango.UserQuery;
import dev.kcbundle.userstorage.document.UserDocument;
import dev.kcbundle.userstorage.document.UserPatch;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.AuthenticationFlowException;
import org.keycloak.common.util.Time;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.ErrorResponse;
import org.keycloak.services.ErrorResponseException;
import org.keycloak.services.messages.Messages;
import org.keycloak.storage.ReadOnlyException;

/**
 * Where every write of one Keycloak session to the federation's ArangoDB collection goes: creating, changing and
 * deleting users, and removing a deleted group or role from every holder.
 *
 * <p><b>Changes</b> ({@link #write}) are one document update each, conditional on the revision the document was read
 * with. When another request changed the document in between (ArangoDB answers 412/1200), the document is read again
 * and the same change ({@link UserChange}) applied to it, up to {@value #MAX_ATTEMPTS} times; then the change fails
 * with HTTP 409 Conflict. So two writers never undo each other's changes. READ_ONLY refuses every change that would
 * change something.
 *
 * <p><b>New users</b> ({@link #create}): ArangoDB takes no part in Keycloak's transaction, so this class is enlisted
 * in it as an after-completion transaction (like Keycloak's own non-JPA stores): when the transaction rolls back (a
 * duplicate email, a policy violation, any error after the user was created), the documents it created are removed
 * again. Keycloak's login-flow forms (registration, first broker login) answer a failed write with an error page
 * without a rollback: so a document created in this transaction whose later write fails is removed right away.
 * Nothing half-written stays behind.
 *
 * <p><b>Login-flow forms</b>: when two registrations race, both pass the form's duplicate check before either is
 * written and ArangoDB's unique index lets one win. Keycloak shows the loser "Unexpected error" for any exception
 * except an authentication flow error, and its user profile wraps every exception thrown while it sets attributes. So
 * a user created from a form is inserted together with the email typed into it (one write, before the user profile
 * runs), and a duplicate becomes Keycloak's own "Email already exists." or "Username already exists." page. Outside
 * login flows (admin and account REST APIs) the {@link ModelDuplicateException} stays, which Keycloak answers with
 * 409 Conflict.
 */
final class UserWrites extends AbstractKeycloakTransaction {

    static final int MAX_ATTEMPTS = 8;
    static final String CONFLICT_MESSAGE =
            "The user was changed by another request at the same time; reload the user and try again";

    private static final Logger LOG = Logger.getLogger(UserWrites.class);

    private final KeycloakSession session;
    private final ArangoUserStore store;
    private final boolean writable;
    /** Documents created in this transaction. */
    private final Set<String> created = new LinkedHashSet<>();

    private boolean enlisted;

    UserWrites(KeycloakSession session, ArangoUserStore store, boolean writable) {
        this.session = session;
        this.store = store;
        this.writable = writable;
    }

    boolean writable() {
        return writable;
    }

    /**
     * A new user in the realm's default groups (and, from a login-flow form, with the email typed into it); removed
     * again if the Keycloak transaction does not commit.
     */
    UserDocument create(RealmModel realm, String username) {
        UserDocument document = UserDocument.newUser(
                KeycloakModelUtils.generateId(), username, Time.currentTimeMillis(), store.mapping());
        document.setGroupIds(
                realm.getDefaultGroupsStream().map(GroupModel::getId).toList());
        document.setEmail(formEmail());
        try {
            store.insert(document);
        } catch (ModelDuplicateException e) {
            throw duplicate(e);
        }
        enlist();
        created.add(document.key());
        AttributeLimits.markCreated(session, document.key());
        LOG.debugf("Created user %s in ArangoDB", username);
        return document;
    }

    /**
     * Applies the change to the user and writes it (nothing when the document already is as the change wants it).
     *
     * @throws ReadOnlyException when the federation is READ_ONLY and the change would change something
     * @throws ErrorResponseException HTTP 409 when other requests kept changing the document
     */
    void write(LoadedUser user, UserChange change) {
        if (!writable) {
            // a change that changes nothing is no error (the admin console sends unchanged fields along)
            if (!change.applyTo(user.document.copy()).isEmpty()) {
                throw readOnly(user.document.username());
            }
            return;
        }
        try {
            writeConditionally(user, change);
        } catch (ConcurrentChangeException e) {
            removeIfHalfCreated(user);
            throw conflict();
        } catch (ModelException e) {
            removeIfHalfCreated(user);
            throw e;
        }
    }

    private void removeIfHalfCreated(LoadedUser user) {
        String key = user.document.key();
        if (created.remove(key)) {
            remove(key, "half-created: a write after its creation failed");
        }
    }

    /** The write, re-applied to a newer revision after each conflict, up to {@value #MAX_ATTEMPTS} attempts. */
    void writeConditionally(LoadedUser user, UserChange change) {
        for (int attempt = 1; ; attempt++) {
            UserPatch patch = user.pendingUpgrade.and(change.applyTo(user.document));
            if (patch.isEmpty()) {
                return;
            }
            String key = user.document.key();
            try {
                user.document.setRev(store.update(key, user.document.rev(), patch));
                user.pendingUpgrade = UserPatch.NONE;
                return;
            } catch (RevisionConflictException e) {
                if (attempt == MAX_ATTEMPTS) {
                    LOG.warnf("User document %s: still changed by other requests after %d attempts", key, MAX_ATTEMPTS);
                    throw new ConcurrentChangeException(CONFLICT_MESSAGE, e);
                }
                LOG.debugf(
                        "User document %s changed since it was read; applying the change again (attempt %d)",
                        key, attempt + 1);
                UserDocument fresh = store.findByKey(key);
                if (fresh == null) {
                    throw new UserGoneException(key);
                }
                user.load(fresh);
            }
        }
    }

    /**
     * Writes a patch to a user not loaded in this session, only if the document still has revision {@code rev}.
     *
     * @throws RevisionConflictException when the document changed since
     */
    void writeIfUnchanged(String key, String rev, UserPatch patch) {
        store.update(key, rev, patch);
    }

    /** True when a document was removed. */
    boolean remove(String key) {
        return store.remove(key);
    }

    /** Runs one statement removing a deleted group or role from every holder; the number of documents changed. */
    long removeReferences(UserQuery.Aql removal) {
        return store.removeReferences(removal);
    }

    /**
     * What a change that kept losing the race becomes: Keycloak's REST endpoints (also the admin API's user update,
     * which answers model exceptions with 400) pass it on as HTTP 409 with a JSON error body.
     */
    static ErrorResponseException conflict() {
        return ErrorResponse.error(CONFLICT_MESSAGE, Response.Status.CONFLICT);
    }

    static ReadOnlyException readOnly(String username) {
        return new ReadOnlyException(
                "User " + username + " is read-only: the ArangoDB user federation is in READ_ONLY " + "mode");
    }

    // ---- Keycloak's transaction ----

    private void enlist() {
        if (!enlisted) {
            session.getTransactionManager().enlistAfterCompletion(this);
            enlisted = true;
        }
    }

    @Override
    protected void commitImpl() {
        created.clear();
    }

    @Override
    protected void rollbackImpl() {
        created.forEach(key -> remove(key, "created by a rolled-back transaction"));
        created.clear();
    }

    private void remove(String key, String why) {
        try {
            store.remove(key);
            LOG.debugf("Removed user document %s, %s", key, why);
        } catch (RuntimeException e) {
            LOG.errorf("Could not remove user document %s, %s: %s", key, why, e.getMessage());
        }
    }

    // ---- login-flow forms ----

    /** The email of the login-flow form being submitted, or null outside a login flow or without one. */
    private String formEmail() {
        HttpRequest request = session.getContext().getHttpRequest();
        if (session.getContext().getAuthenticationSession() == null
                || request == null
                || !"POST".equals(request.getHttpMethod())) {
            return null;
        }
        String email = request.getDecodedFormParameters().getFirst(UserModel.EMAIL);
        return email == null || email.isBlank() ? null : email;
    }

    /** A racing duplicate: Keycloak's message inside a login flow, else the duplicate itself. */
    private RuntimeException duplicate(ModelDuplicateException e) {
        if (session.getContext().getAuthenticationSession() == null) {
            return e;
        }
        boolean email = UserModel.EMAIL.equals(e.getDuplicateFieldName());
        AuthenticationFlowException flowError = new AuthenticationFlowException(
                AuthenticationFlowError.GENERIC_AUTHENTICATION_ERROR,
                email ? "email already in use" : "username already in use",
                email ? Messages.EMAIL_EXISTS : Messages.USERNAME_EXISTS);
        flowError.initCause(e);
        return flowError;
    }

    /**
     * One loaded user's document as last read or written, and the upgrade of a document of an earlier version
     * ({@link LegacyRoles}) that its next write stores along.
     */
    static final class LoadedUser {
        private final Function<UserDocument, UserPatch> upgrade;
        private UserDocument document;
        private UserPatch pendingUpgrade;

        /** {@code upgrade} brings a document to the current form in memory and returns the patch storing it. */
        LoadedUser(UserDocument document, Function<UserDocument, UserPatch> upgrade) {
            this.upgrade = upgrade;
            load(document);
        }

        UserDocument document() {
            return document;
        }

        private void load(UserDocument loaded) {
            document = loaded;
            pendingUpgrade = upgrade.apply(loaded);
        }
    }
}
