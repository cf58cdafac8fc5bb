package dev.kcbundle.userstorage;

import dev.kcbundle.userstorage.arango.RevisionConflictException;
import dev.kcbundle.userstorage.document.DocumentMapping;
import dev.kcbundle.userstorage.document.MappedField;
import dev.kcbundle.userstorage.document.UserDocument;
import dev.kcbundle.userstorage.document.UserPatch;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.component.ComponentModel;
import org.keycloak.credential.CredentialInput;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.cache.CachedUserModel;
import org.keycloak.models.cache.UserCache;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.policy.PasswordPolicyManagerProvider;
import org.keycloak.policy.PolicyError;
import org.keycloak.services.ErrorResponse;
import org.keycloak.services.ErrorResponseException;
import org.keycloak.storage.ReadOnlyException;
import org.keycloak.storage.StorageId;
import org.keycloak.storage.UserStorageUtil;

/**
 * The password of an ArangoDB user: checked at login, set, listed, removed, and kept in the document's password
 * attribute ({@code credential} unless the federation's mapping names another) with the history the realm's reuse
 * policies need ({@link PasswordHistory}). Passwords are hashed and verified with Keycloak's own
 * {@link PasswordHashProvider}s ({@link StoredPassword}); a successful login re-hashes a password whose algorithm or
 * strength the realm's policy no longer wants. When Keycloak caches a user, the stored password travels in the cache entry
 * ({@link #onCache}), so a cached login costs no ArangoDB request. Every write goes through {@link UserWrites}.
 */
final class PasswordCredentials {

    private static final Logger LOG = Logger.getLogger(PasswordCredentials.class);
    static final String CACHED_PASSWORD = ArangoUserStorageProviderFactory.PROVIDER_ID + ".password";
    /** The document revision the cached password was read with: a re-hash of a cached user is conditional on it. */
    static final String CACHED_REVISION = ArangoUserStorageProviderFactory.PROVIDER_ID + ".revision";
    /** The key of the document the cached password was read from (the user id may be another attribute's value). */
    static final String CACHED_KEY = ArangoUserStorageProviderFactory.PROVIDER_ID + ".key";

    private static final Map<String, Object> NO_PASSWORD = Map.of();

    private final KeycloakSession session;
    private final ComponentModel component;
    private final DocumentMapping mapping;
    private final UserWrites writes;
    private final ArangoUserStorageProvider users;

    /** {@code users}: finds the loaded ArangoDB user behind a Keycloak user. */
    PasswordCredentials(
            KeycloakSession session,
            ComponentModel component,
            DocumentMapping mapping,
            UserWrites writes,
            ArangoUserStorageProvider users) {
        this.session = session;
        this.component = component;
        this.mapping = mapping;
        this.writes = writes;
        this.users = users;
    }

    boolean supports(String credentialType) {
        return PasswordCredentialModel.TYPE.equals(credentialType);
    }

    boolean isConfiguredFor(RealmModel realm, UserModel user, String credentialType) {
        return supports(credentialType) && hasPassword(stored(realm, user));
    }

    /** A login: whether the password typed is the stored one (then re-hashed if the realm's policy changed). */
    boolean isValid(RealmModel realm, UserModel user, CredentialInput input) {
        if (!supports(input.getType())
                || !(input instanceof UserCredentialModel)
                || input.getChallengeResponse() == null) {
            return false;
        }
        Map<String, Object> stored = stored(realm, user);
        if (stored == null || !verify(realm, user, stored, input.getChallengeResponse())) {
            return false;
        }
        rehashIfPolicyChanged(realm, user, input.getChallengeResponse(), stored);
        return true;
    }

    /**
     * The one place that turns a stored credential into "verify this password": Keycloak's credential form, verified
     * by the hash provider of its algorithm, or the hash of the application before Keycloak ({@link LegacyPassword};
     * an unreadable one costs the realm's own hashing, like a wrong password).
     */
    private boolean verify(RealmModel realm, UserModel user, Map<String, Object> stored, String password) {
        String legacyHash = LegacyPassword.hashOf(stored);
        if (legacyHash != null) {
            return LegacyPassword.verify(
                    legacyHash,
                    password,
                    component.getId(),
                    user.getUsername(),
                    () -> hashLikeADummy(realm.getPasswordPolicy()));
        }
        PasswordCredentialModel credential = keycloakForm(stored);
        if (credential == null) {
            return false;
        }
        String algorithm = credential.getPasswordCredentialData().getAlgorithm();
        PasswordHashProvider hash = session.getProvider(PasswordHashProvider.class, algorithm);
        if (hash == null) {
            LOG.warnf("No PasswordHashProvider %s for the password of user %s", algorithm, user.getUsername());
            return false;
        }
        return hash.verify(password, credential);
    }

    /** Sets a new password (admin, account console, reset-password), checked against the policy and the history. */
    boolean updateCredential(RealmModel realm, UserModel user, CredentialInput input) {
        if (!supports(input.getType())) {
            return false;
        }
        if (!writes.writable()) {
            throw new ReadOnlyException("Password of " + user.getUsername()
                    + " cannot be changed: the ArangoDB user federation is in READ_ONLY mode");
        }
        String newPassword = input.getChallengeResponse();
        PasswordPolicy policy = realm.getPasswordPolicy();
        PolicyError error =
                session.getProvider(PasswordPolicyManagerProvider.class).validate(realm, user, newPassword);
        if (error != null) {
            throw new ModelException(error.getMessage(), error.getParameters());
        }
        ArangoUserAdapter adapter = users.adapterOf(realm, user);
        if (adapter == null) {
            throw new ModelException("User " + user.getUsername() + " is no longer stored in ArangoDB");
        }
        PasswordHistory history = PasswordHistory.of(session, policy);
        Map<String, Object> stored = encode(hashProvider(policy), policy, newPassword);
        adapter.write(document -> {
            // checked against the document being written, also when it is read again after a concurrent change
            history.rejectReuse(newPassword, document.credential(), document.passwordHistory());
            return replacePassword(document, history, stored);
        });
        evict(realm, user);
        return true;
    }

    /**
     * Lists the password as a federated credential, the way the admin API ({@code GET users/{id}/credentials}) and
     * the console's Credentials tab show an LDAP user's: type, date set and this federation; no id (it is no
     * credential in Keycloak's database), no hash, salt or hash parameters.
     */
    Stream<CredentialModel> getCredentials(RealmModel realm, UserModel user) {
        Map<String, Object> stored = stored(realm, user);
        if (!hasPassword(stored)) {
            return Stream.empty();
        }
        CredentialModel listed = new CredentialModel();
        listed.setType(PasswordCredentialModel.TYPE);
        listed.setCreatedDate(StoredPassword.createdDate(stored));
        listed.setFederationLink(component.getId());
        return Stream.of(listed);
    }

    /**
     * Removes the password from the document ({@code PUT users/{id}/disable-credential-types ["password"]}, the admin
     * API's way to remove a federated credential): the user can no longer sign in with it. Under a password history
     * policy it joins the history, so it cannot simply be set again. READ_ONLY refuses with 400 and a message.
     */
    void disableCredentialType(RealmModel realm, UserModel user, String credentialType) {
        if (!supports(credentialType)) {
            return;
        }
        if (!writes.writable()) {
            throw ErrorResponse.error(
                    "The password of " + user.getUsername() + " was not removed: the ArangoDB "
                            + "user federation is READ_ONLY",
                    Response.Status.BAD_REQUEST);
        }
        ArangoUserAdapter adapter = users.adapterOf(realm, user);
        if (adapter == null) {
            return;
        }
        PasswordHistory history = PasswordHistory.of(session, realm.getPasswordPolicy());
        adapter.write(
                document -> document.credential() == null ? UserPatch.NONE : replacePassword(document, history, null));
        evict(realm, user);
        LOG.debugf("Removed the password of %s from ArangoDB", user.getUsername());
    }

    /** "password" while the user has one and the federation is WRITABLE (listed in the user's representation). */
    Stream<String> getDisableableCredentialTypes(RealmModel realm, UserModel user) {
        return writes.writable() && hasPassword(stored(realm, user))
                ? Stream.of(PasswordCredentialModel.TYPE)
                : Stream.empty();
    }

    /** Keeps the stored password in Keycloak's user cache entry: a cached login reads nothing from ArangoDB. */
    void onCache(CachedUserModel user, ArangoUserAdapter adapter) {
        Map<String, Object> stored = adapter.document().credential();
        user.getCachedWith().put(CACHED_PASSWORD, stored == null ? NO_PASSWORD : Map.copyOf(stored));
        user.getCachedWith().put(CACHED_REVISION, adapter.document().rev());
        user.getCachedWith().put(CACHED_KEY, adapter.document().key());
    }

    /** The patch replacing the password (null removes it), keeping what the history policies remember. */
    private static UserPatch replacePassword(
            UserDocument document, PasswordHistory history, Map<String, Object> replacement) {
        UserPatch patch = UserPatch.NONE;
        if (history.enabled() || !document.passwordHistory().isEmpty()) {
            patch = document.setPasswordHistory(history.after(document.credential(), document.passwordHistory()));
        }
        return patch.and(document.setCredential(replacement));
    }

    /** The stored credential as the document holds it (from Keycloak's cache entry when cached), or null. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> stored(RealmModel realm, UserModel user) {
        if (user instanceof CachedUserModel cached
                && cached.getCachedWith().get(CACHED_PASSWORD) instanceof Map<?, ?> stored) {
            return stored.isEmpty() ? null : (Map<String, Object>) stored;
        }
        ArangoUserAdapter adapter = users.adapterOf(realm, user);
        return adapter == null ? null : adapter.document().credential();
    }

    private static PasswordCredentialModel keycloakForm(Map<String, Object> stored) {
        return StoredPassword.fromDocument(stored);
    }

    /** A password in Keycloak's form or a legacy hash (listed and counted alike). */
    private static boolean hasPassword(Map<String, Object> stored) {
        return keycloakForm(stored) != null || LegacyPassword.hashOf(stored) != null;
    }

    /** What Keycloak does for an unknown username ({@code AuthenticatorUtils.dummyHash}): the realm's hashing. */
    private void hashLikeADummy(PasswordPolicy policy) {
        PasswordHashProvider hash = hashProvider(policy);
        if (hash != null) {
            encode(hash, policy, "SlightlyLongerDummyPassword");
        }
    }

    /**
     * Like Keycloak's own users: a successful login re-hashes when the realm's algorithm or strength changed, and
     * always a legacy hash (so none outlives its first login). Only the password that was verified is replaced: a
     * password changed meanwhile stays.
     */
    private void rehashIfPolicyChanged(RealmModel realm, UserModel user, String plain, Map<String, Object> verified) {
        PasswordPolicy policy = realm.getPasswordPolicy();
        PasswordHashProvider wanted = hashProvider(policy);
        PasswordCredentialModel current = keycloakForm(verified);
        if (wanted == null || !writes.writable() || current != null && wanted.policyCheck(policy, current)) {
            return;
        }
        try {
            Map<String, Object> rehashed = encode(wanted, policy, plain);
            ArangoUserAdapter loaded = users.loaded(StorageId.externalId(user.getId()));
            if (loaded != null) {
                loaded.write(document ->
                        verified.equals(document.credential()) ? document.setCredential(rehashed) : UserPatch.NONE);
            } else if (user instanceof CachedUserModel cached
                    && cached.getCachedWith().get(CACHED_REVISION) instanceof String revision
                    && cached.getCachedWith().get(CACHED_KEY) instanceof String key) {
                writes.writeIfUnchanged(
                        key, revision, UserPatch.set(mapping.attribute(MappedField.PASSWORD), rehashed));
            } else {
                return;
            }
            evict(realm, user);
            LOG.debugf("Re-hashed the password of %s with the realm's current policy", user.getUsername());
        } catch (RevisionConflictException e) {
            LOG.debugf(
                    "Not re-hashing the password of %s: the user was changed since it was cached", user.getUsername());
        } catch (ModelException | ErrorResponseException e) {
            LOG.warnf("Re-hashing the password of %s failed: %s", user.getUsername(), e.getMessage());
        }
    }

    private static Map<String, Object> encode(PasswordHashProvider hash, PasswordPolicy policy, String plain) {
        PasswordCredentialModel credential =
                hash.encodedCredential(plain, policy == null ? -1 : policy.getHashIterations());
        credential.setCreatedDate(Time.currentTimeMillis());
        return StoredPassword.toDocument(credential);
    }

    private PasswordHashProvider hashProvider(PasswordPolicy policy) {
        if (policy != null && policy.getHashAlgorithm() != null) {
            PasswordHashProvider provider = session.getProvider(PasswordHashProvider.class, policy.getHashAlgorithm());
            if (provider != null) {
                return provider;
            }
            LOG.warnf("Password hash algorithm %s of the realm policy is not available", policy.getHashAlgorithm());
        }
        return session.getProvider(PasswordHashProvider.class);
    }

    /** Drops the user's cache entry after a password change. */
    private void evict(RealmModel realm, UserModel user) {
        UserCache cache = UserStorageUtil.userCache(session);
        if (cache != null) {
            cache.evict(realm, user);
        }
    }
}
