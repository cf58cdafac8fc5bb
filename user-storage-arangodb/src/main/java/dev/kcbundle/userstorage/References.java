package dev.kcbundle.userstorage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The group and role references of one user's document, resolved in the realm as it is now. {@code groups} may hold
 * a group id (what this provider writes), a path ({@code /parent/child}) or a name (unique anywhere in the realm);
 * {@code roles} a role id, a realm role name or {@code <clientId>/<roleName>}. A reference that matches nothing, or a
 * name that several groups have, is ignored with one warning per federation and value. Lookups go through Keycloak's
 * providers: ids, role and client names are answered by its realm cache; a group path or name costs Keycloak
 * database queries, once per loaded user (the result is kept until the references change).
 */
final class References {

    private static final Logger LOG = Logger.getLogger(References.class);
    private static final LoggedOnce UNMATCHED = new LoggedOnce();

    private final KeycloakSession session;
    private final RealmModel realm;
    private final String componentId;
    private List<String> groupReferences;
    private List<GroupModel> groups;
    private List<String> roleReferences;
    private List<RoleModel> roles;

    References(KeycloakSession session, RealmModel realm, String componentId) {
        this.session = session;
        this.realm = realm;
        this.componentId = componentId;
    }

    /** The groups the references name, each once, in the order of the references. */
    List<GroupModel> groups(List<String> references) {
        if (!references.equals(groupReferences)) {
            Map<String, GroupModel> resolved = new LinkedHashMap<>();
            references.stream()
                    .map(this::group)
                    .filter(Objects::nonNull)
                    .forEach(group -> resolved.putIfAbsent(group.getId(), group));
            groups = List.copyOf(resolved.values());
            groupReferences = List.copyOf(references);
        }
        return groups;
    }

    /** The roles the references name, each once. */
    List<RoleModel> roles(List<String> references) {
        if (!references.equals(roleReferences)) {
            roles = references.stream()
                    .map(this::role)
                    .filter(Objects::nonNull)
                    .distinct()
                    .toList();
            roleReferences = List.copyOf(references);
        }
        return roles;
    }

    /** Whether a stored group reference, in any of its forms, names this group (leaving it removes the reference). */
    static boolean refersTo(String reference, GroupModel group) {
        return reference.equals(group.getId())
                || reference.equals(group.getName())
                || reference.startsWith("/") && reference.equals(KeycloakModelUtils.buildGroupPath(group));
    }

    /** Whether a stored role reference, in any of its forms, names this role. */
    static boolean refersTo(String reference, RoleModel role) {
        return reference.equals(role.getId()) || reference.equals(nameOf(role));
    }

    /** A role's reference by name: the realm role's name, or {@code <clientId>/<roleName>}; null when unknown. */
    static String nameOf(RoleModel role) {
        if (!role.isClientRole()) {
            return role.getName();
        }
        return role.getContainer() instanceof ClientModel client
                ? clientRoleName(client.getClientId(), role.getName())
                : null;
    }

    static String clientRoleName(String clientId, String roleName) {
        return clientId + "/" + roleName;
    }

    /**
     * The references naming a group, for the member list: its id, its path, and its name while no other group of
     * the realm has it (one query, as at resolution).
     */
    static List<String> formsOf(KeycloakSession session, RealmModel realm, GroupModel group) {
        List<String> forms = new ArrayList<>(List.of(group.getId(), KeycloakModelUtils.buildGroupPath(group)));
        if (session.groups()
                        .searchForGroupByNameStream(realm, group.getName(), true, 0, 2)
                        .count()
                == 1) {
            forms.add(group.getName());
        }
        return forms;
    }

    /**
     * The references besides its id that name a group about to be deleted: its path, and its name unless that is
     * another group's id (then the name references that group). A name several groups have goes too: it was ignored
     * while ambiguous, but after the delete it would name the remaining group.
     */
    static List<String> removedForms(KeycloakSession session, RealmModel realm, GroupModel group) {
        GroupModel byId = session.groups().getGroupById(realm, group.getName());
        return byId == null || byId.getId().equals(group.getId())
                ? List.of(KeycloakModelUtils.buildGroupPath(group), group.getName())
                : List.of(KeycloakModelUtils.buildGroupPath(group));
    }

    /**
     * The reference by name of a role about to be deleted (its realm role name or {@code <clientId>/<roleName>}), when
     * that names this role: not when another role has it as id, or (a {@code /} in a name) it names another role.
     */
    List<String> removedForms(RoleModel role) {
        String name = nameOf(role);
        RoleModel named = name == null ? null : role(name);
        return named != null && named.getId().equals(role.getId()) ? List.of(name) : List.of();
    }

    private GroupModel group(String reference) {
        if (reference.startsWith("/")) {
            GroupModel group = KeycloakModelUtils.findGroupByPath(session, realm, reference);
            return group != null ? group : unmatched("Group", reference, "no group has this path");
        }
        GroupModel group = session.groups().getGroupById(realm, reference);
        if (group != null) {
            return group;
        }
        List<GroupModel> named = session.groups()
                .searchForGroupByNameStream(realm, reference, true, 0, 2)
                .toList();
        if (named.size() == 1) {
            return named.get(0);
        }
        return unmatched(
                "Group",
                reference,
                named.isEmpty()
                        ? "no group has this id, path or name"
                        : "several groups have this name; use the group's path or id");
    }

    private RoleModel role(String reference) {
        RoleModel role = realm.getRoleById(reference);
        if (role == null) {
            role = realm.getRole(reference);
        }
        for (int slash = reference.lastIndexOf('/');
                role == null && slash > 0;
                slash = reference.lastIndexOf('/', slash - 1)) {
            ClientModel client = realm.getClientByClientId(reference.substring(0, slash));
            role = client == null ? null : client.getRole(reference.substring(slash + 1));
        }
        return role != null
                ? role
                : unmatched(
                        "Role",
                        reference,
                        "no role has this id, no realm role this name, no client role this <clientId>/<roleName>");
    }

    private <T> T unmatched(String kind, String reference, String reason) {
        if (UNMATCHED.first(componentId, kind, reference)) {
            LOG.warnf(
                    "%s reference \"%s\" in ArangoDB users of realm %s is ignored: %s (logged once)",
                    kind, printable(reference), realm.getName(), reason);
        }
        return null;
    }

    /** The reference as a log line may show it: control characters escaped, at most 100 characters. */
    private static String printable(String reference) {
        StringBuilder shown = new StringBuilder();
        reference
                .codePoints()
                .limit(100)
                .forEach(c ->
                        shown.append(Character.isISOControl(c) ? String.format("\\u%04x", c) : Character.toString(c)));
        return reference.codePointCount(0, reference.length()) > 100 ? shown + "..." : shown.toString();
    }
}
