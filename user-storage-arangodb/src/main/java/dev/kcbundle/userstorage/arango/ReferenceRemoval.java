package dev.kcbundle.userstorage.arango;

import dev.kcbundle.userstorage.document.DocumentMapping;
import dev.kcbundle.userstorage.document.MappedField;
import dev.kcbundle.userstorage.document.SearchKeys;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one AQL statement that removes a deleted group or role from every user document holding it: the holders are
 * found by their lookup key in the {@code kc_lookup_keys} array index (no collection scan), and each is updated in the
 * same statement (ArangoDB reads and writes each document atomically, so a concurrent conditional write of the same
 * document sees a new revision and re-applies its own change). The group and role references live in the attributes the
 * federation's {@link DocumentMapping} names, as an array or (written by another application) a single string.
 */
public final class ReferenceRemoval {

    /** The attribute holding the user's active group (a group id), see the active-group endpoint. */
    static final String ACTIVE_GROUP = "active_group";

    private static final String GROUP = "FOR u IN @@col FILTER @group IN u.lookupKeys[*] OR @active IN u.lookupKeys[*]"
            + " UPDATE u WITH {%1$s: " + withoutId("u.%1$s", "u.%1$s") + ","
            + " attributes: @id NOT IN u.attributes.active_group ? u.attributes"
            + " : LENGTH(REMOVE_VALUE(u.attributes.active_group, @id)) == 0 ? UNSET(u.attributes, @activeName)"
            + " : MERGE(u.attributes, {[@activeName]: REMOVE_VALUE(u.attributes.active_group, @id)}),"
            + " lookupKeys: REMOVE_VALUE(REMOVE_VALUE(u.lookupKeys, @group), @active)}"
            + " IN @@col OPTIONS {mergeObjects: false}";

    /** Role mappings are role ids; documents of earlier versions hold the role by name (realm) or clientId and name. */
    private static final String ROLE = "FOR u IN @@col FILTER @role IN u.lookupKeys[*] OR @legacy IN u.lookupKeys[*]"
            + " UPDATE u WITH {%1$s: " + withoutId("u.%1$s", "%2$s") + ","
            + " lookupKeys: REMOVE_VALUE(REMOVE_VALUE(u.lookupKeys, @role), @legacy)}"
            + " IN @@col OPTIONS {mergeObjects: false}";

    private static final String LEGACY_REALM_ROLE = "MERGE(u.%1$s, {realm: REMOVE_VALUE(u.%1$s.realm, @name)})";
    private static final String LEGACY_CLIENT_ROLE = "MERGE(u.%1$s, {clients: MERGE(u.%1$s.clients,"
            + " {[@clientId]: REMOVE_VALUE(u.%1$s.clients[@clientId], @name)})})";

    private ReferenceRemoval() {}

    /**
     * The references without {@code @id}: from an array, or an empty array for the single string {@code @id};
     * {@code otherwise} for anything else.
     */
    private static String withoutId(String references, String otherwise) {
        return "IS_ARRAY(" + references + ") ? REMOVE_VALUE(" + references + ", @id) : " + references
                + " == @id ? [] : " + otherwise;
    }

    /**
     * Membership of the group, and the group's id among the user's {@code active_group} values (the attribute goes
     * when that was its only value), so the attribute and its lookup key leave together.
     */
    public static UserQuery.Aql group(String collection, DocumentMapping mapping, String groupId) {
        Map<String, Object> vars = vars(collection);
        vars.put("id", groupId);
        vars.put("group", SearchKeys.group(groupId));
        vars.put("active", SearchKeys.attribute(ACTIVE_GROUP, groupId));
        vars.put("activeName", ACTIVE_GROUP);
        return new UserQuery.Aql(String.format(GROUP, mapping.attribute(MappedField.GROUPS)), vars);
    }

    /** A realm role mapping, by id and (documents of earlier versions) by name. */
    public static UserQuery.Aql realmRole(String collection, DocumentMapping mapping, String roleId, String roleName) {
        Map<String, Object> vars = roleVars(collection, roleId, roleName, SearchKeys.realmRole(roleName));
        return role(mapping, LEGACY_REALM_ROLE, vars);
    }

    /** A client role mapping, by id and (documents of earlier versions) by clientId and name. */
    public static UserQuery.Aql clientRole(
            String collection, DocumentMapping mapping, String roleId, String clientId, String roleName) {
        Map<String, Object> vars = roleVars(collection, roleId, roleName, SearchKeys.clientRole(clientId, roleName));
        vars.put("clientId", clientId);
        return role(mapping, LEGACY_CLIENT_ROLE, vars);
    }

    private static UserQuery.Aql role(DocumentMapping mapping, String legacyForm, Map<String, Object> vars) {
        String roles = mapping.attribute(MappedField.ROLES);
        return new UserQuery.Aql(String.format(ROLE, roles, String.format(legacyForm, roles)), vars);
    }

    private static Map<String, Object> roleVars(String collection, String roleId, String roleName, String legacyKey) {
        Map<String, Object> vars = vars(collection);
        vars.put("id", roleId);
        vars.put("name", roleName);
        vars.put("role", SearchKeys.role(roleId));
        vars.put("legacy", legacyKey);
        return vars;
    }

    private static Map<String, Object> vars(String collection) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put(UserQuery.COLLECTION_PARAM, collection);
        return vars;
    }
}
