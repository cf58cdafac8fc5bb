package dev.kcbundle.userstorage.document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One ArangoDB user document, read and written as a plain map (the driver's JSON form).
 * Knows the field names and the normalized (lower-case) copies the unique indexes are built on.
 * Every setter changes the document and hands out the {@link UserPatch} to write, so a change is one document update;
 * the patch includes the
 * derived search arrays ({@link SearchKeys}) whenever the change alters them. Group memberships and role mappings are
 * Keycloak ids; role mappings written by earlier versions (by name) are read as {@link #legacyRealmRoles()} /
 * {@link #legacyClientRoles()} until they are rewritten as ids ({@link #setRoleIds}).
 */
public final class UserDocument {

    public static final String KEY = "_key";
    /** ArangoDB's revision of the stored document; every write is conditional on the revision it read. */
    public static final String REV = "_rev";

    public static final String USERNAME = "username";
    public static final String USERNAME_LOWER = "usernameLower";
    public static final String EMAIL = "email";
    public static final String EMAIL_LOWER = "emailLower";
    public static final String EMAIL_VERIFIED = "emailVerified";
    public static final String FIRST_NAME = "firstName";
    public static final String LAST_NAME = "lastName";
    public static final String ENABLED = "enabled";
    public static final String CREATED_TIMESTAMP = "createdTimestamp";
    public static final String ATTRIBUTES = "attributes";
    public static final String GROUPS = "groups";
    /** Keycloak role ids (realm and client roles alike). */
    public static final String ROLES = "roles";
    /** The form earlier versions wrote: {@code roles: {realm: [role name], clients: {clientId: [role name]}}}. */
    public static final String LEGACY_REALM_ROLES = "realm";

    public static final String LEGACY_CLIENT_ROLES = "clients";
    public static final String CREDENTIAL = "credential";
    public static final String PASSWORD_HISTORY = "passwordHistory";
    /** Derived by {@link SearchKeys}, kept up to date by every setter. */
    public static final String SEARCH_GRAMS = "searchGrams";

    public static final String SEARCH_PREFIXES = "searchPrefixes";

    public static final String LOOKUP_KEYS = "lookupKeys";

    /** The fields each derived search array is built from. */
    private static final Set<String> GRAM_SOURCES = Set.of(USERNAME_LOWER, EMAIL_LOWER, FIRST_NAME, LAST_NAME);

    private static final Set<String> LOOKUP_SOURCES = Set.of(GROUPS, ROLES, ATTRIBUTES);

    private final Map<String, Object> fields;

    private UserDocument(Map<String, Object> fields) {
        this.fields = fields;
    }

    /** Wraps a document read from ArangoDB (the map is kept and changed in place by the setters). */
    public static UserDocument of(Map<String, Object> fields) {
        if (fields == null || !(fields.get(KEY) instanceof String)) {
            throw new IllegalArgumentException("not a user document: no _key");
        }
        return new UserDocument(fields);
    }

    /** A new, enabled user with no groups, roles, attributes or credential. */
    public static UserDocument newUser(String key, String username, long createdTimestamp) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(KEY, key);
        fields.put(USERNAME, username);
        fields.put(USERNAME_LOWER, normalize(username));
        fields.put(ENABLED, true);
        fields.put(EMAIL_VERIFIED, false);
        fields.put(CREATED_TIMESTAMP, createdTimestamp);
        fields.put(ATTRIBUTES, new LinkedHashMap<String, Object>());
        fields.put(GROUPS, new ArrayList<String>());
        fields.put(ROLES, new ArrayList<String>());
        UserDocument document = new UserDocument(fields);
        document.searchKeysPatch();
        return document;
    }

    /** A deep copy, to try a change on without touching this document. */
    public UserDocument copy() {
        return new UserDocument(deepCopy(fields));
    }

    @SuppressWarnings("unchecked")
    private static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((name, item) -> copy.put(String.valueOf(name), deepCopy(item)));
            return (T) copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(deepCopy(item)));
            return (T) copy;
        }
        return value;
    }

    /**
     * Lower-case form used for unique, case-insensitive username and email: exactly Keycloak's own fold
     * ({@code KeycloakModelUtils.toLowerCaseSafe}: {@link String#toLowerCase()} in the default locale, no trimming),
     * so a name matches an ArangoDB user exactly when it would match a Keycloak user. Written out rather than called
     * so that tools using this class need no Keycloak on their classpath.
     */
    public static String normalize(String value) {
        return value == null ? null : value.toLowerCase();
    }

    public Map<String, Object> fields() {
        return fields;
    }

    public String key() {
        return (String) fields.get(KEY);
    }

    /** The revision this document was read (or last written) with; null for a document not stored yet. */
    public String rev() {
        return string(REV);
    }

    /** Records the revision ArangoDB gave the document on a write. */
    public void setRev(String rev) {
        fields.put(REV, rev);
    }

    public String username() {
        return string(USERNAME);
    }

    public UserPatch setUsername(String username) {
        return patch(USERNAME, username, USERNAME_LOWER, normalize(username));
    }

    public String email() {
        return string(EMAIL);
    }

    /** Blank emails are stored as absent, so the sparse unique index ignores them. */
    public UserPatch setEmail(String email) {
        String value = email == null || email.isBlank() ? null : email.trim();
        return patch(EMAIL, value, EMAIL_LOWER, normalize(value));
    }

    public String firstName() {
        return string(FIRST_NAME);
    }

    public UserPatch setFirstName(String value) {
        return patch(FIRST_NAME, value);
    }

    public String lastName() {
        return string(LAST_NAME);
    }

    public UserPatch setLastName(String value) {
        return patch(LAST_NAME, value);
    }

    public boolean enabled() {
        Object value = fields.get(ENABLED);
        return value == null || Boolean.TRUE.equals(value) || "true".equals(value);
    }

    public UserPatch setEnabled(boolean enabled) {
        return patch(ENABLED, enabled);
    }

    public boolean emailVerified() {
        Object value = fields.get(EMAIL_VERIFIED);
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }

    public UserPatch setEmailVerified(boolean verified) {
        return patch(EMAIL_VERIFIED, verified);
    }

    public Long createdTimestamp() {
        Object value = fields.get(CREATED_TIMESTAMP);
        return value instanceof Number number ? number.longValue() : null;
    }

    public UserPatch setCreatedTimestamp(Long timestamp) {
        return patch(CREATED_TIMESTAMP, timestamp);
    }

    /** Custom attributes (policies, active_group, ...): name to values, never null. */
    public Map<String, List<String>> attributes() {
        Map<String, List<String>> result = new LinkedHashMap<>();
        Object raw = fields.get(ATTRIBUTES);
        if (raw instanceof Map<?, ?> map) {
            map.forEach((name, values) -> result.put(String.valueOf(name), strings(values)));
        }
        return result;
    }

    /** Sets (or with null/empty values removes) one custom attribute. */
    public UserPatch setAttribute(String name, List<String> values) {
        Map<String, List<String>> attributes = attributes();
        List<String> cleaned = values == null
                ? List.of()
                : values.stream().filter(v -> v != null).toList();
        if (cleaned.isEmpty()) {
            attributes.remove(name);
        } else {
            attributes.put(name, new ArrayList<>(cleaned));
        }
        return patch(ATTRIBUTES, new LinkedHashMap<String, Object>(attributes));
    }

    public List<String> groupIds() {
        return strings(fields.get(GROUPS));
    }

    public UserPatch setGroupIds(List<String> groupIds) {
        return patch(GROUPS, new ArrayList<>(groupIds));
    }

    /** Role mappings by Keycloak role id; empty for a document still in the legacy (by name) form. */
    public List<String> roleIds() {
        return fields.get(ROLES) instanceof List<?> list ? strings(list) : new ArrayList<>();
    }

    /** Stores role mappings as role ids, replacing a legacy (by name) form. */
    public UserPatch setRoleIds(List<String> roleIds) {
        return patch(ROLES, new ArrayList<>(roleIds));
    }

    /** True when the role mappings are still in the form of earlier versions (realm role names, clientId names). */
    public boolean hasLegacyRoles() {
        return fields.get(ROLES) instanceof Map<?, ?>;
    }

    /** Realm role names of the legacy form. */
    public List<String> legacyRealmRoles() {
        return strings(legacyRoles().get(LEGACY_REALM_ROLES));
    }

    /** Client role names by clientId of the legacy form. */
    public Map<String, List<String>> legacyClientRoles() {
        Map<String, List<String>> result = new LinkedHashMap<>();
        Object raw = legacyRoles().get(LEGACY_CLIENT_ROLES);
        if (raw instanceof Map<?, ?> map) {
            map.forEach((clientId, names) -> result.put(String.valueOf(clientId), strings(names)));
        }
        return result;
    }

    /** Keycloak's password credential as stored (type, createdDate, credentialData, secretData), or null. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> credential() {
        Object raw = fields.get(CREDENTIAL);
        return raw instanceof Map<?, ?> ? (Map<String, Object>) raw : null;
    }

    public UserPatch setCredential(Map<String, Object> credential) {
        return patch(CREDENTIAL, credential);
    }

    /** Previous password credentials, newest first (kept only under a password history policy). */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> passwordHistory() {
        List<Map<String, Object>> history = new ArrayList<>();
        if (fields.get(PASSWORD_HISTORY) instanceof List<?> list) {
            list.stream().filter(Map.class::isInstance).forEach(entry -> history.add((Map<String, Object>) entry));
        }
        return history;
    }

    /** An empty history removes the field. */
    public UserPatch setPasswordHistory(List<Map<String, Object>> history) {
        return patch(PASSWORD_HISTORY, history.isEmpty() ? null : new ArrayList<>(history));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> legacyRoles() {
        Object raw = fields.get(ROLES);
        return raw instanceof Map<?, ?> ? (Map<String, Object>) raw : Map.of();
    }

    private String string(String name) {
        Object value = fields.get(name);
        return value == null ? null : String.valueOf(value);
    }

    private static List<String> strings(Object values) {
        List<String> result = new ArrayList<>();
        if (values instanceof List<?> list) {
            list.forEach(value -> {
                if (value != null) {
                    result.add(String.valueOf(value));
                }
            });
        } else if (values != null) {
            result.add(String.valueOf(values));
        }
        return result;
    }

    /** Sets the fields and re-derives the search arrays built from them (only those: the grams cost most). */
    private UserPatch patch(Object... namesAndValues) {
        UserPatch patch = UserPatch.NONE;
        boolean gramSource = false;
        boolean lookupSource = false;
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String name = (String) namesAndValues[i];
            Object value = namesAndValues[i + 1];
            patch = patch.and(UserPatch.set(name, value));
            if (value == null) {
                fields.remove(name);
            } else {
                fields.put(name, value);
            }
            gramSource |= GRAM_SOURCES.contains(name);
            lookupSource |= LOOKUP_SOURCES.contains(name);
        }
        return patch.and(gramSource ? refreshGrams() : UserPatch.NONE)
                .and(lookupSource ? refreshLookupKeys() : UserPatch.NONE);
    }

    /**
     * Brings the derived search arrays up to date and hands out the patch storing them (for documents written before
     * those arrays existed); {@link UserPatch#NONE} when they are current.
     */
    public UserPatch searchKeysPatch() {
        return refreshGrams().and(refreshLookupKeys());
    }

    /** The grams and the prefixes, both built from the lower-case username, email, first and last name. */
    private UserPatch refreshGrams() {
        String[] names = {string(USERNAME_LOWER), string(EMAIL_LOWER), normalize(firstName()), normalize(lastName())};
        return refresh(SEARCH_GRAMS, SearchKeys.grams(names)).and(refresh(SEARCH_PREFIXES, SearchKeys.prefixes(names)));
    }

    private UserPatch refreshLookupKeys() {
        return refresh(
                LOOKUP_KEYS,
                SearchKeys.lookupKeys(groupIds(), roleIds(), legacyRealmRoles(), legacyClientRoles(), attributes()));
    }

    private UserPatch refresh(String name, List<String> value) {
        if (value.equals(fields.get(name))) {
            return UserPatch.NONE;
        }
        fields.put(name, value);
        return UserPatch.set(name, value);
    }
}
