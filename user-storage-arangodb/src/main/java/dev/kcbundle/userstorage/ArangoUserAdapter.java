package dev.kcbundle.userstorage;

import dev.kcbundle.userstorage.document.UserDocument;
import dev.kcbundle.userstorage.document.UserPatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.RoleUtils;
import org.keycloak.storage.StorageId;
import org.keycloak.storage.adapter.AbstractUserAdapterFederatedStorage;

/**
 * A Keycloak user backed by one ArangoDB document. Reads come from the loaded document (no request); each change is
 * an operation on the document ({@link UserChange}) that {@link UserWrites} writes as one conditional update. Group memberships and role mappings (realm
 * and client roles) live in the document as Keycloak ids, or as names and paths another application wrote
 * ({@link References}). Required actions, and in READ_ONLY mode Keycloak's own lockout state (enabled
 * flag set by brute-force protection, disabled reason), are kept in Keycloak's federated storage, so those features
 * keep working without writing to ArangoDB.
 */
public class ArangoUserAdapter extends AbstractUserAdapterFederatedStorage {

    /** Attributes Keycloak itself writes during login; in READ_ONLY mode they go to Keycloak's federated storage. */
    private static final Set<String> KEYCLOAK_STATE_ATTRIBUTES = Set.of(UserModel.DISABLED_REASON);

    static final String LOCAL_ENABLED_ATTRIBUTE = "kc.arangodb.enabled";

    private final UserWrites writes;
    private final UserWrites.LoadedUser loaded;
    private final boolean writable;
    private final String id;
    private final References references;
    private Map<String, List<String>> localState;

    public ArangoUserAdapter(
            KeycloakSession session,
            RealmModel realm,
            ComponentModel component,
            UserWrites writes,
            UserDocument document) {
        super(session, realm, component);
        this.writes = writes;
        this.loaded = new UserWrites.LoadedUser(document, stored -> LegacyRoles.upgrade(realm, stored));
        this.writable = writes.writable();
        this.id = StorageId.keycloakId(component, document.id());
        this.references = new References(session, realm, component.getId());
    }

    /** The document as last read or written. */
    UserDocument document() {
        return loaded.document();
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String getUsername() {
        return document().username();
    }

    @Override
    public void setUsername(String username) {
        write(document ->
                Objects.equals(username, document.username()) ? UserPatch.NONE : document.setUsername(username));
    }

    @Override
    public String getEmail() {
        return document().email();
    }

    @Override
    public void setEmail(String email) {
        String value = email == null || email.isBlank() ? null : email.trim();
        write(document -> Objects.equals(value, document.email()) ? UserPatch.NONE : document.setEmail(value));
    }

    @Override
    public String getFirstName() {
        return document().firstName();
    }

    @Override
    public void setFirstName(String firstName) {
        write(document ->
                Objects.equals(firstName, document.firstName()) ? UserPatch.NONE : document.setFirstName(firstName));
    }

    @Override
    public String getLastName() {
        return document().lastName();
    }

    @Override
    public void setLastName(String lastName) {
        write(document ->
                Objects.equals(lastName, document.lastName()) ? UserPatch.NONE : document.setLastName(lastName));
    }

    @Override
    public boolean isEmailVerified() {
        return document().emailVerified();
    }

    @Override
    public void setEmailVerified(boolean verified) {
        write(document -> verified == document.emailVerified() ? UserPatch.NONE : document.setEmailVerified(verified));
    }

    @Override
    public boolean isEnabled() {
        if (!document().enabled()) {
            return false;
        }
        return writable || !"false".equals(first(localState().get(LOCAL_ENABLED_ATTRIBUTE)));
    }

    /**
     * WRITABLE: stored in ArangoDB. READ_ONLY: Keycloak's brute-force protection must still be able to lock a user,
     * so the change is kept in Keycloak's federated storage (an admin can enable the user again the same way).
     */
    @Override
    public void setEnabled(boolean enabled) {
        if (enabled == isEnabled()) {
            return;
        }
        if (writable) {
            write(document -> enabled == document.enabled() ? UserPatch.NONE : document.setEnabled(enabled));
        } else if (enabled && !document().enabled()) {
            throw UserWrites.readOnly(getUsername());
        } else {
            setLocalState(LOCAL_ENABLED_ATTRIBUTE, enabled ? null : List.of("false"));
        }
    }

    @Override
    public Long getCreatedTimestamp() {
        return document().createdTimestamp();
    }

    @Override
    public void setCreatedTimestamp(Long timestamp) {
        write(document -> Objects.equals(timestamp, document.createdTimestamp())
                ? UserPatch.NONE
                : document.setCreatedTimestamp(timestamp));
    }

    // ---- attributes: the profile fields by their UserModel names, and custom attributes ----

    @Override
    public Map<String, List<String>> getAttributes() {
        Map<String, List<String>> attributes = new LinkedHashMap<>(document().attributes());
        if (!writable) {
            KEYCLOAK_STATE_ATTRIBUTES.forEach(name -> {
                List<String> values = localState().get(name);
                if (values != null && !values.isEmpty()) {
                    attributes.put(name, values);
                }
            });
        }
        attributes.put(UserModel.USERNAME, listOf(getUsername()));
        attributes.put(UserModel.EMAIL, listOf(getEmail()));
        attributes.put(UserModel.FIRST_NAME, listOf(getFirstName()));
        attributes.put(UserModel.LAST_NAME, listOf(getLastName()));
        return attributes;
    }

    @Override
    public Stream<String> getAttributeStream(String name) {
        List<String> values = getAttributes().get(name);
        return values == null ? Stream.empty() : values.stream().filter(Objects::nonNull);
    }

    @Override
    public String getFirstAttribute(String name) {
        return getAttributeStream(name).findFirst().orElse(null);
    }

    @Override
    public void setSingleAttribute(String name, String value) {
        setAttribute(name, value == null ? List.of() : List.of(value));
    }

    @Override
    public void setAttribute(String name, List<String> values) {
        List<String> cleaned = values == null
                ? List.of()
                : values.stream().filter(Objects::nonNull).toList();
        String first = cleaned.isEmpty() ? null : cleaned.get(0);
        switch (name) {
            case UserModel.USERNAME -> setUsername(first);
            case UserModel.EMAIL -> setEmail(first);
            case UserModel.FIRST_NAME -> setFirstName(first);
            case UserModel.LAST_NAME -> setLastName(first);
            default -> setCustomAttribute(name, cleaned);
        }
    }

    @Override
    public void removeAttribute(String name) {
        setAttribute(name, List.of());
    }

    private void setCustomAttribute(String name, List<String> values) {
        if (!writable && KEYCLOAK_STATE_ATTRIBUTES.contains(name)) {
            setLocalState(name, values.isEmpty() ? null : values);
            return;
        }
        write(document -> {
            if (document.attributes().getOrDefault(name, List.of()).equals(values)) {
                return UserPatch.NONE;
            }
            AttributeLimits.check(session, document.key(), document.attributes(), name, values);
            return document.setAttribute(name, values);
        });
    }

    // ---- groups ----

    @Override
    public Stream<GroupModel> getGroupsStream() {
        return references.groups(document().groupIds()).stream();
    }

    @Override
    public long getGroupsCount() {
        return getGroupsStream().count();
    }

    @Override
    public void joinGroup(GroupModel group) {
        String groupId = group.getId();
        write(document -> {
            List<String> groupIds = document.groupIds();
            if (references.groups(groupIds).stream()
                    .anyMatch(joined -> joined.getId().equals(groupId))) {
                return UserPatch.NONE;
            }
            groupIds.add(groupId);
            return document.setGroupIds(groupIds);
        });
    }

    @Override
    public void leaveGroup(GroupModel group) {
        write(document -> {
            List<String> groupIds = document.groupIds();
            return groupIds.removeIf(reference -> References.refersTo(reference, group))
                    ? document.setGroupIds(groupIds)
                    : UserPatch.NONE;
        });
    }

    @Override
    public boolean isMemberOf(GroupModel group) {
        return RoleUtils.isMember(getGroupsStream(), group);
    }

    // ---- role mappings; the realm's default role is always mapped, like for Keycloak's own users ----

    @Override
    public Stream<RoleModel> getRoleMappingsStream() {
        Stream<RoleModel> mapped = references.roles(document().roleIds()).stream();
        Stream<RoleModel> defaultRole = Stream.ofNullable(realm.getDefaultRole());
        return Stream.concat(defaultRole, mapped).filter(Objects::nonNull).distinct();
    }

    @Override
    public Stream<RoleModel> getRealmRoleMappingsStream() {
        return getRoleMappingsStream().filter(RoleUtils::isRealmRole);
    }

    @Override
    public Stream<RoleModel> getClientRoleMappingsStream(ClientModel app) {
        return getRoleMappingsStream().filter(role -> RoleUtils.isClientRole(role, app));
    }

    @Override
    public boolean hasRole(RoleModel role) {
        return RoleUtils.hasRole(getRoleMappingsStream(), role)
                || RoleUtils.hasRoleFromGroup(getGroupsStream(), role, true);
    }

    @Override
    public void grantRole(RoleModel role) {
        if (hasDirectRole(role)) {
            return;
        }
        changeRole(role, true);
    }

    @Override
    public void deleteRoleMapping(RoleModel role) {
        changeRole(role, false);
    }

    private void changeRole(RoleModel role, boolean granted) {
        String roleId = role.getId();
        write(document -> {
            List<String> roleIds = document.roleIds();
            boolean changed = granted
                    ? !roleIds.contains(roleId) && roleIds.add(roleId)
                    : roleIds.removeIf(reference -> References.refersTo(reference, role));
            return changed ? document.setRoleIds(roleIds) : UserPatch.NONE;
        });
    }

    /** Writes one change of this user ({@link UserWrites#write}). */
    void write(UserChange change) {
        writes.write(loaded, change);
    }

    private Map<String, List<String>> localState() {
        if (localState == null) {
            localState = writable
                    ? Map.of()
                    : new LinkedHashMap<>(getFederatedStorage().getAttributes(realm, id));
        }
        return localState;
    }

    private void setLocalState(String name, List<String> values) {
        if (values == null) {
            getFederatedStorage().removeAttribute(realm, id, name);
            localState().remove(name);
        } else {
            getFederatedStorage().setAttribute(realm, id, name, values);
            localState().put(name, values);
        }
    }

    private static List<String> listOf(String value) {
        List<String> list = new ArrayList<>(1);
        if (value != null) {
            list.add(value);
        }
        return list;
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
