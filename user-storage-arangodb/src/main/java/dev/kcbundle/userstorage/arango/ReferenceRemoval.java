package dev.kcbundle.userstorage.arango;

import dev.kcbundle.userstorage.document.DocumentMapping;
import dev.kcbundle.userstorage.document.MappedField;
import dev.kcbundle.userstorage.document.SearchKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one AQL statement that removes a deleted group or role from every user document holding it: the holders are
 * found by their lookup keys in the {@code kc_lookup_keys} array index (one index lookup per key, no collection scan),
 * and each is updated in the same statement (ArangoDB reads and writes each document atomically, so a concurrent
 * conditional write of the same document sees a new revision and re-applies its own change). The group and role
 * references live in the attributes the federation's {@link DocumentMapping} names, as an array or (written by another
 * application) a single string, and name the group or role in any of its forms: id, group path or name, realm role
 * name or {@code <clientId>/<roleName>} (the caller says which forms named the deleted one). Every form goes, with its
 * lookup key: a reference by name left behind would make its users members of a later group or role of that name.
 */
public final class ReferenceRemoval {

    /** The attribute holding the user's active group (a group id), see the active-group endpoint. */
    static final String ACTIVE_GROUP = "active_group";

    private static final String GROUP = "FOR u IN @@col FILTER %2$s"
            + " UPDATE u WITH {%1$s: " + withoutReferences("u.%1$s", "u.%1$s") + ","
            + " attributes: @id NOT IN u.attributes.active_group ? u.attributes"
            + " : LENGTH(REMOVE_VALUE(u.attributes.active_group, @id)) == 0 ? UNSET(u.attributes, @activeName)"
            + " : MERGE(u.attributes, {[@activeName]: REMOVE_VALUE(u.attributes.active_group, @id)}),"
            + " lookupKeys: REMOVE_VALUES(u.lookupKeys, @keys)}"
            + " IN @@col OPTIONS {mergeObjects: false}";

    /** Documents of earlier versions hold the role by name (realm) or clientId and name, in an object. */
    private static final String ROLE = "FOR u IN @@col FILTER %3$s"
            + " UPDATE u WITH {%1$s: " + withoutReferences("u.%1$s", "%2$s") + ","
            + " lookupKeys: REMOVE_VALUES(u.lookupKeys, @keys)}"
            + " IN @@col OPTIONS {mergeObjects: false}";

    private static final String LEGACY_REALM_ROLE = "MERGE(u.%1$s, {realm: REMOVE_VALUE(u.%1$s.realm, @name)})";
    private static final String LEGACY_CLIENT_ROLE = "MERGE(u.%1$s, {clients: MERGE(u.%1$s.clients,"
            + " {[@clientId]: REMOVE_VALUE(u.%1$s.clients[@clientId], @name)})})";

    private ReferenceRemoval() {}

    /**
     * The references without {@code @references}: from an array, or an empty array for a single string among them;
     * {@code otherwise} for anything else.
     */
    private static String withoutReferences(String references, String otherwise) {
        return "IS_ARRAY(" + references + ") ? REMOVE_VALUES(" + references + ", @references) : " + references
                + " IN @references ? [] : " + otherwise;
    }

    /**
     * Membership of the group by any of its references (its id, and the path and name that named it), and the group's
     * id among the user's {@code active_group} values (the attribute goes when that was its only value), so the
     * attributes and their lookup keys leave together.
     */
    public static UserQuery.Aql group(
            String collection, DocumentMapping mapping, String groupId, List<String> otherReferences) {
        List<String> references = references(groupId, otherReferences);
        List<String> keys = keys(references, SearchKeys::group);
        keys.add(SearchKeys.attribute(ACTIVE_GROUP, groupId));
        Map<String, Object> vars = vars(collection, references, keys);
        vars.put("id", groupId);
        vars.put("activeName", ACTIVE_GROUP);
        return new UserQuery.Aql(String.format(GROUP, mapping.attribute(MappedField.GROUPS), anyKey(keys, vars)), vars);
    }

    /**
     * A realm role mapping by any of its references (its id, and its name when that named it), and (documents of
     * earlier versions) by name in the legacy object.
     */
    public static UserQuery.Aql realmRole(
            String collection, DocumentMapping mapping, String roleId, String roleName, List<String> otherReferences) {
        List<String> references = references(roleId, otherReferences);
        List<String> keys = keys(references, SearchKeys::role);
        keys.add(SearchKeys.realmRole(roleName));
        Map<String, Object> vars = vars(collection, references, keys);
        vars.put("name", roleName);
        return role(mapping, LEGACY_REALM_ROLE, vars, keys);
    }

    /**
     * A client role mapping by any of its references (its id, and {@code <clientId>/<roleName>} when that named it),
     * and (documents of earlier versions) by clientId and name in the legacy object.
     */
    public static UserQuery.Aql clientRole(
            String collection,
            DocumentMapping mapping,
            String roleId,
            String clientId,
            String roleName,
            List<String> otherReferences) {
        List<String> references = references(roleId, otherReferences);
        List<String> keys = keys(references, SearchKeys::role);
        keys.add(SearchKeys.clientRole(clientId, roleName));
        Map<String, Object> vars = vars(collection, references, keys);
        vars.put("name", roleName);
        vars.put("clientId", clientId);
        return role(mapping, LEGACY_CLIENT_ROLE, vars, keys);
    }

    private static UserQuery.Aql role(
            DocumentMapping mapping, String legacyForm, Map<String, Object> vars, List<String> keys) {
        String roles = mapping.attribute(MappedField.ROLES);
        return new UserQuery.Aql(
                String.format(ROLE, roles, String.format(legacyForm, roles), anyKey(keys, vars)), vars);
    }

    /** The id first, then the other references, each once. */
    private static List<String> references(String id, List<String> otherReferences) {
        LinkedHashSet<String> references = new LinkedHashSet<>();
        references.add(id);
        references.addAll(otherReferences);
        return List.copyOf(references);
    }

    private static List<String> keys(List<String> references, Function<String, String> key) {
        return new ArrayList<>(references.stream().map(key).toList());
    }

    /**
     * A filter the array index serves: one {@code @keyN IN u.lookupKeys[*]} per key, joined by OR (ArangoDB looks
     * each up in the index; a condition on the whole array, such as an intersection, would scan the collection).
     */
    private static String anyKey(List<String> keys, Map<String, Object> vars) {
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            vars.put("key" + i, keys.get(i));
            conditions.add("@key" + i + " IN u.lookupKeys[*]");
        }
        return String.join(" OR ", conditions);
    }

    private static Map<String, Object> vars(String collection, List<String> references, List<String> keys) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put(UserQuery.COLLECTION_PARAM, collection);
        vars.put("references", references);
        vars.put("keys", keys);
        return vars;
    }
}
