package dev.kcbundle.userstorage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import dev.kcbundle.userstorage.arango.ArangoUserStore;
import dev.kcbundle.userstorage.arango.ReferenceRemoval;
import dev.kcbundle.userstorage.arango.RevisionConflictException;
import dev.kcbundle.userstorage.arango.UserQuery;
import dev.kcbundle.userstorage.document.SearchKeys;
import dev.kcbundle.userstorage.document.UserDocument;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.component.ComponentModel;
import org.keycloak.credential.CredentialInput;
import org.keycloak.credential.CredentialInputUpdater;
import org.keycloak.credential.CredentialInputValidator;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.ModelException;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.cache.CachedUserModel;
import org.keycloak.models.cache.OnUserCache;
import org.keycloak.models.cache.UserCache;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.policy.PasswordPolicyManagerProvider;
import org.keycloak.policy.PolicyError;
import org.keycloak.services.ErrorResponse;
import org.keycloak.services.ErrorResponseException;
import org.keycloak.storage.ReadOnlyException;
import org.keycloak.storage.StorageId;
import org.keycloak.storage.UserStorageProvider;
import org.keycloak.storage.UserStorageUtil;
import org.keycloak.storage.user.UserLookupProvider;
import org.keycloak.storage.user.UserQueryProvider;
import org.keycloak.storage.user.UserRegistrationProvider;
import org.keycloak.userprofile.AttributeMetadata;
import org.keycloak.userprofile.UserProfileDecorator;
import org.keycloak.userprofile.UserProfileMetadata;

/**
 * The users of one realm in one ArangoDB collection, for one Keycloak session.
 * Lookups cost one indexed request and are remembered for the session; passwords are hashed and verified with
 * Keycloak's own {@link PasswordHashProvider}; when Keycloak caches a user, its stored password travels in the cache
 * entry, so a cached login costs no ArangoDB request. Every write is conditional on the revision read
 * ({@link UserDocumentWriter}); a deleted group or role is removed from every user holding it by one indexed
 * statement ({@link ReferenceRemoval}).
 */
public class ArangoUserStorageProvider implements UserStorageProvider, UserLookupProvider, UserQueryProvider,
        UserRegistrationProvider, CredentialInputValidator, CredentialInputUpdater, OnUserCache, UserProfileDecorator {

    private static final Logger LOG = Logger.getLogger(ArangoUserStorageProvider.class);
    static final String CACHED_PASSWORD = ArangoUserStorageProviderFactory.PROVIDER_ID + ".password";
    /** The document revision the cached password was read with: a re-hash of a cached user is conditional on it. */
    static final String CACHED_REVISION = ArangoUserStorageProviderFactory.PROVIDER_ID + ".revision";
    private static final Map<String, Object> NO_PASSWORD = Map.of();

    private final KeycloakSession session;
    private final ComponentModel component;
    private final ArangoStorageConfig config;
    private final ArangoUserStore store;
    private final Map<String, ArangoUserAdapter> loadedByKey = new HashMap<>();
    private CreatedUsers createdUsers;

    public ArangoUserStorageProvider(KeycloakSession session, ComponentModel component, ArangoStorageConfig config,
                                     ArangoUserStore store) {
        this.session = session;
        this.component = component;
        this.config = config;
        this.store = store;
    }

    // ---- lookup ----

    @Override
    public UserModel getUserById(RealmModel realm, String id) {
        String key = StorageId.externalId(id);
        ArangoUserAdapter loaded = loadedByKey.get(key);
        return loaded != null ? loaded : adapt(realm, store.findByKey(key));
    }

    @Override
    public UserModel getUserByUsername(RealmModel realm, String username) {
        String normalized = UserDocument.normalize(username);
        return loadedByKey.values().stream()
                .filter(user -> normalized != null && normalized.equals(UserDocument.normalize(user.getUsername())))
                .findFirst().map(UserModel.class::cast)
                .orElseGet(() -> adapt(realm, store.findByUsername(username)));
    }

    @Override
    public UserModel getUserByEmail(RealmModel realm, String email) {
        String normalized = UserDocument.normalize(email);
        return loadedByKey.values().stream()
                .filter(user -> normalized != null && normalized.equals(UserDocument.normalize(user.getEmail())))
                .findFirst().map(UserModel.class::cast)
                .orElseGet(() -> adapt(realm, store.findByEmail(email)));
    }

    // ---- queries and counts ----

    @Override
    public Stream<UserModel> searchForUserStream(RealmModel realm, Map<String, String> params, Integer first, Integer max) {
        return page(realm, UserQuery.search(config.usersCollection(), params), first, max);
    }

    @Override
    public Stream<UserModel> getGroupMembersStream(RealmModel realm, GroupModel group, Integer first, Integer max) {
        return page(realm, UserQuery.all(config.usersCollection()).memberOfGroup(group.getId()), first, max);
    }

    @Override
    public Stream<UserModel> getRoleMembersStream(RealmModel realm, RoleModel role, Integer first, Integer max) {
        String legacyKey;
        if (role.isClientRole()) {
            var client = realm.getClientById(role.getContainerId());
            if (client == null) {
                return Stream.empty();
            }
            legacyKey = SearchKeys.clientRole(client.getClientId(), role.getName());
        } else {
            legacyKey = SearchKeys.realmRole(role.getName());
        }
        return page(realm, UserQuery.all(config.usersCollection()).withRole(role.getId(), legacyKey), first, max);
    }

    @Override
    public Stream<UserModel> searchForUserByUserAttributeStream(RealmModel realm, String name, String value) {
        return page(realm, UserQuery.all(config.usersCollection()).attribute(name, value), null, null);
    }

    @Override
    public int getUsersCount(RealmModel realm) {
        return store.count(UserQuery.all(config.usersCollection()));
    }

    @Override
    public int getUsersCount(RealmModel realm, boolean includeServiceAccount) {
        return getUsersCount(realm);
    }

    @Override
    public int getUsersCount(RealmModel realm, String search) {
        return store.count(UserQuery.search(config.usersCollection(), Map.of(UserModel.SEARCH, search)));
    }

    @Override
    public int getUsersCount(RealmModel realm, Map<String, String> params) {
        return store.count(UserQuery.search(config.usersCollection(), params));
    }

    @Override
    public int getUsersCount(RealmModel realm, Set<String> groupIds) {
        return getUsersCount(realm, Map.of(), groupIds);
    }

    @Override
    public int getUsersCount(RealmModel realm, String search, Set<String> groupIds) {
        return getUsersCount(realm, Map.of(UserModel.SEARCH, search), groupIds);
    }

    @Override
    public int getUsersCount(RealmModel realm, Map<String, String> params, Set<String> groupIds) {
        if (groupIds == null || groupIds.isEmpty()) {
            return 0;
        }
        return store.count(UserQuery.search(config.usersCollection(), params).memberOfAnyGroup(groupIds));
    }

    private Stream<UserModel> page(RealmModel realm, UserQuery query, Integer first, Integer max) {
        List<UserModel> users = new ArrayList<>();
        for (UserDocument document : store.find(query, first, max)) {
            users.add(adapt(realm, document));
        }
        return users.stream();
    }

    // ---- registration and removal ----

    /** WRITABLE: a new document; if the Keycloak transaction rolls back, the document is removed again. */
    @Override
    public UserModel addUser(RealmModel realm, String username) {
        if (!config.writable()) {
            return null;
        }
        UserDocument document = UserDocument.newUser(KeycloakModelUtils.generateId(), username, Time.currentTimeMillis());
        document.setGroupIds(realm.getDefaultGroupsStream().map(GroupModel::getId).toList());
        document.setEmail(LoginFlowRegistration.formEmail(session));
        try {
            store.insert(document);
        } catch (ModelDuplicateException e) {
            throw LoginFlowRegistration.duplicate(session, e);
        }
        createdUsers().add(document.key());
        AttributeLimits.markCreated(session, document.key());
        LOG.debugf("Created user %s in ArangoDB (%s)", username, config.database());
        return adapt(realm, document);
    }

    @Override
    public boolean removeUser(RealmModel realm, UserModel user) {
        if (!config.writable()) {
            LOG.warnf("User %s not deleted: the ArangoDB user federation is READ_ONLY", user.getUsername());
            return false;
        }
        String key = StorageId.externalId(user.getId());
        loadedByKey.remove(key);
        return store.remove(key);
    }

    /**
     * A change to a user this session created failed (a duplicate email from a racing registration, ArangoDB gone):
     * Keycloak's registration flow answers with an error page without rolling its transaction back, so the new
     * document is removed right away rather than left half-written.
     */
    private void removeIfCreatedHere(String key) {
        if (createdUsers != null && createdUsers.forget(key)) {
            loadedByKey.remove(key);
            try {
                store.remove(key);
                LOG.debugf("Removed the half-created user document %s after a failed write", key);
            } catch (RuntimeException e) {
                LOG.errorf("Could not remove the half-created user document %s: %s", key, e.getMessage());
            }
        }
    }

    private CreatedUsers createdUsers() {
        if (createdUsers == null) {
            createdUsers = new CreatedUsers(store);
            session.getTransactionManager().enlist(createdUsers);
        }
        return createdUsers;
    }

    // ---- passwords ----

    @Override
    public boolean supportsCredentialType(String credentialType) {
        return PasswordCredentialModel.TYPE.equals(credentialType);
    }

    @Override
    public boolean isConfiguredFor(RealmModel realm, UserModel user, String credentialType) {
        return supportsCredentialType(credentialType) && storedPassword(realm, user) != null;
    }

    @Override
    public boolean isValid(RealmModel realm, UserModel user, CredentialInput input) {
        if (!supportsCredentialType(input.getType()) || !(input instanceof UserCredentialModel)
                || input.getChallengeResponse() == null) {
            return false;
        }
        PasswordCredentialModel password = storedPassword(realm, user);
        if (password == null) {
            return false;
        }
        String algorithm = password.getPasswordCredentialData().getAlgorithm();
        PasswordHashProvider hash = session.getProvider(PasswordHashProvider.class, algorithm);
        if (hash == null) {
            LOG.warnf("No PasswordHashProvider %s for the password of user %s", algorithm, user.getUsername());
            return false;
        }
        if (!hash.verify(input.getChallengeResponse(), password)) {
            return false;
        }
        rehashIfPolicyChanged(realm, user, input.getChallengeResponse(), password);
        return true;
    }

    @Override
    public boolean updateCredential(RealmModel realm, UserModel user, CredentialInput input) {
        if (!supportsCredentialType(input.getType())) {
            return false;
        }
        if (!config.writable()) {
            throw new ReadOnlyException("Password of " + user.getUsername()
                    + " cannot be changed: the ArangoDB user federation is in READ_ONLY mode");
        }
        String newPassword = input.getChallengeResponse();
        PasswordPolicy policy = realm.getPasswordPolicy();
        PolicyError error = session.getProvider(PasswordPolicyManagerProvider.class).validate(realm, user, newPassword);
        if (error != null) {
            throw new ModelException(error.getMessage(), error.getParameters());
        }
        ArangoUserAdapter adapter = adapterOf(realm, user);
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
    @Override
    public Stream<CredentialModel> getCredentials(RealmModel realm, UserModel user) {
        PasswordCredentialModel password = storedPassword(realm, user);
        if (password == null) {
            return Stream.empty();
        }
        CredentialModel listed = new CredentialModel();
        listed.setType(PasswordCredentialModel.TYPE);
        listed.setCreatedDate(password.getCreatedDate());
        listed.setFederationLink(component.getId());
        return Stream.of(listed);
    }

    /**
     * Removes the password from the document ({@code PUT users/{id}/disable-credential-types ["password"]}, the admin
     * API's way to remove a federated credential): the user can no longer sign in with it. Under a password history
     * policy it joins the history, so it cannot simply be set again. READ_ONLY refuses with 400 and a message.
     */
    @Override
    public void disableCredentialType(RealmModel realm, UserModel user, String credentialType) {
        if (!supportsCredentialType(credentialType)) {
            return;
        }
        if (!config.writable()) {
            throw ErrorResponse.error("The password of " + user.getUsername() + " was not removed: the ArangoDB "
                    + "user federation is READ_ONLY", Response.Status.BAD_REQUEST);
        }
        ArangoUserAdapter adapter = adapterOf(realm, user);
        if (adapter == null) {
            return;
        }
        PasswordHistory history = PasswordHistory.of(session, realm.getPasswordPolicy());
        adapter.write(document -> document.credential() == null ? Map.of()
                : replacePassword(document, history, null));
        evict(realm, user);
        LOG.debugf("Removed the password of %s from ArangoDB", user.getUsername());
    }

    /** "password" while the user has one and the federation is WRITABLE (listed in the user's representation). */
    @Override
    public Stream<String> getDisableableCredentialTypesStream(RealmModel realm, UserModel user) {
        return config.writable() && storedPassword(realm, user) != null
                ? Stream.of(PasswordCredentialModel.TYPE) : Stream.empty();
    }

    /** The patch replacing the password (null removes it), keeping what the history policies remember. */
    private static Map<String, Object> replacePassword(UserDocument document, PasswordHistory history,
                                                       Map<String, Object> replacement) {
        Map<String, Object> patch = new LinkedHashMap<>();
        if (history.enabled() || !document.passwordHistory().isEmpty()) {
            patch.putAll(document.setPasswordHistory(history.after(document.credential(),
                    document.passwordHistory())));
        }
        patch.putAll(document.setCredential(replacement));
        return patch;
    }

    /**
     * Keeps the stored password in Keycloak's user cache entry: a cached login reads nothing from ArangoDB. Also fills
     * the entry's lazily loaded parts (attributes, required actions, role mappings, groups) now, from the document
     * this session has read: Keycloak would otherwise load them on their first use, which in a later request (the
     * authorization code flow's token request, after the login form's request cached the user) costs one more read.
     */
    @Override
    public void onCache(RealmModel realm, CachedUserModel user, UserModel delegate) {
        if (delegate instanceof ArangoUserAdapter adapter) {
            Map<String, Object> stored = adapter.document().credential();
            user.getCachedWith().put(CACHED_PASSWORD, stored == null ? NO_PASSWORD : Map.copyOf(stored));
            user.getCachedWith().put(CACHED_REVISION, adapter.document().rev());
            user.getAttributes();
            user.getRequiredActionsStream().close();
            user.getRoleMappingsStream().close();
            user.getGroupsStream().close();
        }
    }

    @SuppressWarnings("unchecked")
    private PasswordCredentialModel storedPassword(RealmModel realm, UserModel user) {
        if (user instanceof CachedUserModel cached && cached.getCachedWith().get(CACHED_PASSWORD) instanceof Map<?, ?> stored) {
            return StoredPassword.fromDocument((Map<String, Object>) stored);
        }
        ArangoUserAdapter adapter = adapterOf(realm, user);
        return adapter == null ? null : StoredPassword.fromDocument(adapter.document().credential());
    }

    /** Like Keycloak's own users: a successful login re-hashes when the realm's algorithm or strength changed. */
    private void rehashIfPolicyChanged(RealmModel realm, UserModel user, String plain, PasswordCredentialModel password) {
        PasswordPolicy policy = realm.getPasswordPolicy();
        PasswordHashProvider wanted = hashProvider(policy);
        if (wanted == null || wanted.policyCheck(policy, password) || !config.writable()) {
            return;
        }
        try {
            Map<String, Object> stored = encode(wanted, policy, plain);
            String key = StorageId.externalId(user.getId());
            ArangoUserAdapter loaded = loadedByKey.get(key);
            if (loaded != null) {
                // only the password that was verified is replaced: a password changed meanwhile stays
                String verified = password.getSecretData();
                loaded.write(document -> {
                    PasswordCredentialModel current = StoredPassword.fromDocument(document.credential());
                    return current != null && verified.equals(current.getSecretData())
                            ? document.setCredential(stored) : Map.of();
                });
            } else if (user instanceof CachedUserModel cached
                    && cached.getCachedWith().get(CACHED_REVISION) instanceof String revision) {
                store.update(key, revision, Map.of(UserDocument.CREDENTIAL, stored));
            } else {
                return;
            }
            evict(realm, user);
            LOG.debugf("Re-hashed the password of %s with the realm's current policy", user.getUsername());
        } catch (RevisionConflictException e) {
            LOG.debugf("Not re-hashing the password of %s: the user was changed since it was cached",
                    user.getUsername());
        } catch (ModelException | ConcurrentChangeException | ErrorResponseException e) {
            LOG.warnf("Re-hashing the password of %s failed: %s", user.getUsername(), e.getMessage());
        }
    }

    private static Map<String, Object> encode(PasswordHashProvider hash, PasswordPolicy policy, String plain) {
        PasswordCredentialModel credential = hash.encodedCredential(plain, policy == null ? -1 : policy.getHashIterations());
        credential.setCreatedDate(Time.currentTimeMillis());
        return StoredPassword.toDocument(credential);
    }

    /** Drops the user's cache entry after a password change. */
    private void evict(RealmModel realm, UserModel user) {
        UserCache cache = UserStorageUtil.userCache(session);
        if (cache != null) {
            cache.evict(realm, user);
        }
    }

    /**
     * This provider's adapter of a user Keycloak may hand over cached (one read when not loaded in this session), or
     * null when the document is gone.
     */
    private ArangoUserAdapter adapterOf(RealmModel realm, UserModel user) {
        UserModel loaded = user instanceof ArangoUserAdapter ? user : getUserById(realm, user.getId());
        return loaded instanceof ArangoUserAdapter adapter ? adapter : null;
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

    // ---- a group or role is deleted: nobody keeps it (a new one of the same name is another id) ----

    @Override
    public void preRemove(RealmModel realm, GroupModel group) {
        removeReferences(ReferenceRemoval.group(config.usersCollection(), group.getId()), "group", group.getName());
    }

    /** Also called for every client role when a client is deleted. */
    @Override
    public void preRemove(RealmModel realm, RoleModel role) {
        UserQuery.Aql removal;
        if (role.isClientRole()) {
            ClientModel client = role.getContainer() instanceof ClientModel container ? container
                    : realm.getClientById(role.getContainerId());
            if (client == null) {
                return;
            }
            removal = ReferenceRemoval.clientRole(config.usersCollection(), role.getId(), client.getClientId(),
                    role.getName());
        } else {
            removal = ReferenceRemoval.realmRole(config.usersCollection(), role.getId(), role.getName());
        }
        removeReferences(removal, "role", role.getName());
    }

    private void removeReferences(UserQuery.Aql removal, String kind, String name) {
        if (!config.writable()) {
            LOG.debugf("Deleted %s %s stays in ArangoDB documents: the federation is READ_ONLY (ids are not reused)",
                    kind, name);
            return;
        }
        loadedByKey.clear();
        long changed = store.removeReferences(removal);
        LOG.debugf("Removed deleted %s %s from %d ArangoDB users (%s)", kind, name, changed, config.database());
    }

    // ---- plumbing ----

    private ArangoUserAdapter adapt(RealmModel realm, UserDocument document) {
        if (document == null) {
            return null;
        }
        ArangoUserAdapter loaded = loadedByKey.get(document.key());
        if (loaded != null) {
            return loaded;
        }
        ArangoUserAdapter adapter = new ArangoUserAdapter(session, realm, component, store, document, config.writable(),
                this::removeIfCreatedHere);
        loadedByKey.put(document.key(), adapter);
        return adapter;
    }

    @Override
    public void close() {
        loadedByKey.clear();
    }

    /** The admin console shows this federation's users' active group as its path ({@link ActiveGroupDisplay}). */
    @Override
    public List<AttributeMetadata> decorateUserProfile(String providerId, UserProfileMetadata metadata) {
        return ActiveGroupDisplay.decorate(metadata);
    }
}
