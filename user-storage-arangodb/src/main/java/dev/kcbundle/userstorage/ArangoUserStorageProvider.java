package dev.kcbundle.userstorage;

import dev.kcbundle.userstorage.arango.ArangoUserStore;
import dev.kcbundle.userstorage.arango.ReferenceRemoval;
import dev.kcbundle.userstorage.arango.UserQuery;
import dev.kcbundle.userstorage.document.DocumentMapping;
import dev.kcbundle.userstorage.document.SearchKeys;
import dev.kcbundle.userstorage.document.UserDocument;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.keycloak.component.ComponentModel;
import org.keycloak.credential.CredentialInput;
import org.keycloak.credential.CredentialInputUpdater;
import org.keycloak.credential.CredentialInputValidator;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.cache.CachedUserModel;
import org.keycloak.models.cache.OnUserCache;
import org.keycloak.storage.StorageId;
import org.keycloak.storage.UserStorageProvider;
import org.keycloak.storage.user.UserLookupProvider;
import org.keycloak.storage.user.UserQueryProvider;
import org.keycloak.storage.user.UserRegistrationProvider;
import org.keycloak.userprofile.AttributeMetadata;
import org.keycloak.userprofile.UserProfileDecorator;
import org.keycloak.userprofile.UserProfileMetadata;

/**
 * The users of one realm in one ArangoDB collection, for one Keycloak session. This is where a login (and every other
 * lookup, search and count) reads ArangoDB: lookups by id, username or email cost one indexed request
 * ({@link ArangoUserStore}) and are remembered for the session; searches are index-served query shapes
 * ({@link UserQuery}). Passwords are handled by {@link PasswordCredentials}, every write goes through
 * {@link UserWrites}; a deleted group or role is removed from every holder by one indexed statement
 * ({@link ReferenceRemoval}).
 */
public class ArangoUserStorageProvider
        implements UserStorageProvider,
                UserLookupProvider,
                UserQueryProvider,
                UserRegistrationProvider,
                CredentialInputValidator,
                CredentialInputUpdater,
                OnUserCache,
                UserProfileDecorator {

    private static final Logger LOG = Logger.getLogger(ArangoUserStorageProvider.class);

    private final KeycloakSession session;
    private final ComponentModel component;
    private final ArangoStorageConfig config;
    private final String collection;
    private final DocumentMapping mapping;
    private final ArangoUserStore store;
    private final UserWrites writes;
    private final PasswordCredentials passwords;
    /** The users this session loaded, by their id in the federation ({@link UserDocument#id()}). */
    private final Map<String, ArangoUserAdapter> loadedById = new HashMap<>();

    public ArangoUserStorageProvider(
            KeycloakSession session, ComponentModel component, ArangoStorageConfig config, ArangoUserStore store) {
        this.session = session;
        this.component = component;
        this.config = config;
        this.collection = config.connection().usersCollection();
        this.mapping = config.mapping();
        this.store = store;
        this.writes = new UserWrites(session, store, config.writable());
        this.passwords = new PasswordCredentials(session, component, mapping, writes, this);
    }

    // ---- lookup ----

    @Override
    public UserModel getUserById(RealmModel realm, String id) {
        String storageId = StorageId.externalId(id);
        ArangoUserAdapter loaded = loadedById.get(storageId);
        return loaded != null ? loaded : adapt(realm, store.findById(storageId));
    }

    @Override
    public UserModel getUserByUsername(RealmModel realm, String username) {
        String normalized = UserDocument.normalize(username);
        return loadedById.values().stream()
                .filter(user -> normalized != null && normalized.equals(UserDocument.normalize(user.getUsername())))
                .findFirst()
                .map(UserModel.class::cast)
                .orElseGet(() -> adapt(realm, store.findByUsername(username)));
    }

    @Override
    public UserModel getUserByEmail(RealmModel realm, String email) {
        String normalized = UserDocument.normalize(email);
        return loadedById.values().stream()
                .filter(user -> normalized != null && normalized.equals(UserDocument.normalize(user.getEmail())))
                .findFirst()
                .map(UserModel.class::cast)
                .orElseGet(() -> adapt(realm, store.findByEmail(email)));
    }

    // ---- queries and counts ----

    @Override
    public Stream<UserModel> searchForUserStream(
            RealmModel realm, Map<String, String> params, Integer first, Integer max) {
        return page(realm, UserQuery.search(collection, mapping, params), first, max);
    }

    @Override
    public Stream<UserModel> getGroupMembersStream(RealmModel realm, GroupModel group, Integer first, Integer max) {
        return page(
                realm,
                UserQuery.all(collection, mapping).memberOfAnyGroup(References.formsOf(session, realm, group)),
                first,
                max);
    }

    @Override
    public Stream<UserModel> getRoleMembersStream(RealmModel realm, RoleModel role, Integer first, Integer max) {
        String legacyKey;
        String byName;
        if (role.isClientRole()) {
            var client = realm.getClientById(role.getContainerId());
            if (client == null) {
                return Stream.empty();
            }
            legacyKey = SearchKeys.clientRole(client.getClientId(), role.getName());
            byName = References.clientRoleName(client.getClientId(), role.getName());
        } else {
            legacyKey = SearchKeys.realmRole(role.getName());
            byName = role.getName();
        }
        return page(
                realm,
                UserQuery.all(collection, mapping).withRole(role.getId(), legacyKey, SearchKeys.role(byName)),
                first,
                max);
    }

    @Override
    public Stream<UserModel> searchForUserByUserAttributeStream(RealmModel realm, String name, String value) {
        return page(realm, UserQuery.all(collection, mapping).attribute(name, value), null, null);
    }

    @Override
    public int getUsersCount(RealmModel realm) {
        return store.count(UserQuery.all(collection, mapping));
    }

    @Override
    public int getUsersCount(RealmModel realm, boolean includeServiceAccount) {
        return getUsersCount(realm);
    }

    @Override
    public int getUsersCount(RealmModel realm, String search) {
        return store.count(UserQuery.search(collection, mapping, Map.of(UserModel.SEARCH, search)));
    }

    @Override
    public int getUsersCount(RealmModel realm, Map<String, String> params) {
        return store.count(UserQuery.search(collection, mapping, params));
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
        return store.count(UserQuery.search(collection, mapping, params).memberOfAnyGroup(groupIds));
    }

    private Stream<UserModel> page(RealmModel realm, UserQuery query, Integer first, Integer max) {
        List<UserModel> users = new ArrayList<>();
        for (UserDocument document : store.find(query, first, max)) {
            ArangoUserAdapter user = adapt(realm, document);
            if (user != null) {
                users.add(user);
            }
        }
        return users.stream();
    }

    // ---- registration and removal: written by UserWrites ----

    /** WRITABLE: a new document ({@link UserWrites#create}); READ_ONLY: Keycloak creates the user locally. */
    @Override
    public UserModel addUser(RealmModel realm, String username) {
        return writes.writable() ? adapt(realm, writes.create(realm, username)) : null;
    }

    @Override
    public boolean removeUser(RealmModel realm, UserModel user) {
        if (!writes.writable()) {
            LOG.warnf("User %s not deleted: the ArangoDB user federation is READ_ONLY", user.getUsername());
            return false;
        }
        String storageId = StorageId.externalId(user.getId());
        ArangoUserAdapter loaded = loadedById.remove(storageId);
        String key = loaded != null ? loaded.document().key() : store.keyOf(storageId);
        return key != null && writes.remove(key);
    }

    // ---- passwords: PasswordCredentials ----

    @Override
    public boolean supportsCredentialType(String credentialType) {
        return passwords.supports(credentialType);
    }

    @Override
    public boolean isConfiguredFor(RealmModel realm, UserModel user, String credentialType) {
        return passwords.isConfiguredFor(realm, user, credentialType);
    }

    @Override
    public boolean isValid(RealmModel realm, UserModel user, CredentialInput input) {
        return passwords.isValid(realm, user, input);
    }

    @Override
    public boolean updateCredential(RealmModel realm, UserModel user, CredentialInput input) {
        return passwords.updateCredential(realm, user, input);
    }

    @Override
    public Stream<CredentialModel> getCredentials(RealmModel realm, UserModel user) {
        return passwords.getCredentials(realm, user);
    }

    @Override
    public void disableCredentialType(RealmModel realm, UserModel user, String credentialType) {
        passwords.disableCredentialType(realm, user, credentialType);
    }

    @Override
    public Stream<String> getDisableableCredentialTypesStream(RealmModel realm, UserModel user) {
        return passwords.getDisableableCredentialTypes(realm, user);
    }

    /**
     * Keeps the stored password in Keycloak's user cache entry ({@link PasswordCredentials#onCache}). Also fills the
     * entry's lazily loaded parts (attributes, required actions, role mappings, groups) now, from the document this
     * session has read: Keycloak would otherwise load them on their first use, which in a later request (the
     * authorization code flow's token request, after the login form's request cached the user) costs one more read.
     */
    @Override
    public void onCache(RealmModel realm, CachedUserModel user, UserModel delegate) {
        if (delegate instanceof ArangoUserAdapter adapter) {
            passwords.onCache(user, adapter);
            user.getAttributes();
            user.getRequiredActionsStream().close();
            user.getRoleMappingsStream().close();
            user.getGroupsStream().close();
        }
    }

    /**
     * This provider's adapter of a user Keycloak may hand over cached (one read when not loaded in this session), or
     * null when the document is gone.
     */
    ArangoUserAdapter adapterOf(RealmModel realm, UserModel user) {
        UserModel loaded = user instanceof ArangoUserAdapter ? user : getUserById(realm, user.getId());
        return loaded instanceof ArangoUserAdapter adapter ? adapter : null;
    }

    /** The user with this id in the federation if this session loaded it, else null (no request). */
    ArangoUserAdapter loaded(String storageId) {
        return loadedById.get(storageId);
    }

    // ---- a group or role is deleted: no reference to it stays, in any form (id, path, name) ----

    @Override
    public void preRemove(RealmModel realm, GroupModel group) {
        removeReferences(
                ReferenceRemoval.group(
                        collection, mapping, group.getId(), References.removedForms(session, realm, group)),
                "group",
                group.getName());
    }

    /** Also called for every client role when a client is deleted. */
    @Override
    public void preRemove(RealmModel realm, RoleModel role) {
        UserQuery.Aql removal;
        List<String> names = new References(session, realm, component.getId()).removedForms(role);
        if (role.isClientRole()) {
            ClientModel client = role.getContainer() instanceof ClientModel container
                    ? container
                    : realm.getClientById(role.getContainerId());
            if (client == null) {
                return;
            }
            removal = ReferenceRemoval.clientRole(
                    collection, mapping, role.getId(), client.getClientId(), role.getName(), names);
        } else {
            removal = ReferenceRemoval.realmRole(collection, mapping, role.getId(), role.getName(), names);
        }
        removeReferences(removal, "role", role.getName());
    }

    private void removeReferences(UserQuery.Aql removal, String kind, String name) {
        if (!writes.writable()) {
            LOG.debugf(
                    "Deleted %s %s stays in ArangoDB documents: the federation is READ_ONLY (ids are not reused)",
                    kind, name);
            return;
        }
        loadedById.clear();
        long changed = writes.removeReferences(removal);
        LOG.debugf(
                "Removed deleted %s %s from %d ArangoDB users (%s)",
                kind, name, changed, config.connection().database());
    }

    // ---- plumbing ----

    /** The user of a document; null for none, or for a document without the id attribute (it cannot be addressed). */
    private ArangoUserAdapter adapt(RealmModel realm, UserDocument document) {
        if (document == null || document.id() == null) {
            return null;
        }
        ArangoUserAdapter loaded = loadedById.get(document.id());
        if (loaded != null) {
            return loaded;
        }
        ArangoUserAdapter adapter = new ArangoUserAdapter(session, realm, component, writes, document);
        loadedById.put(document.id(), adapter);
        return adapter;
    }

    @Override
    public void close() {
        loadedById.clear();
    }

    /** The admin console shows this federation's users' active group as its path ({@link ActiveGroupDisplay}). */
    @Override
    public List<AttributeMetadata> decorateUserProfile(String providerId, UserProfileMetadata metadata) {
        return ActiveGroupDisplay.decorate(metadata);
    }
}
