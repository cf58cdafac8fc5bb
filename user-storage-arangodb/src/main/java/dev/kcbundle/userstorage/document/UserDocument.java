package dev.kcbundle.userstorage.document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One ArangoDB user document, read and written as a plain map (the driver's JSON form), through the federation's
 * {@link DocumentMapping}: the id, username, email, names, enabled flag, password and group and role references live in
 * the attributes it names; the provider's own fields (the normalized copies the unique indexes are built on, the
 * search arrays, custom attributes, emailVerified, createdTimestamp, passwordHistory) keep their fixed names and are
 * derived from the mapped values.
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

    private final Map<String, Object> fields;
    private final DocumentMapping mapping;

    private UserDocument(Map<String, Object> fields, DocumentMapping mapping) {
        this.fields = fields;
        this.mapping = mapping;
    }

    /** Wraps a document of the provider's own shape ({@link DocumentMapping#DEFAULT}), e.g. for the bulk import. */
    public static UserDocument of(Map<String, Object> fields) {
        return of(fields, DocumentMapping.DEFAULT);
    }

    /** Wraps a document read from ArangoDB (the map is kept and changed in place by the setters). */
    public static UserDocument of(Map<String, Object> fields, DocumentMapping mapping) {
        if (fields == null || !(fields.get(KEY) instanceof String)) {
            throw new IllegalArgumentException("not a user document: no _key");
        }
        return new UserDocument(fields, mapping);
    }

    /** A new user of the provider's own shape ({@link DocumentMapping#DEFAULT}). */
    public static UserDocument newUser(String key, String username, long createdTimestamp) {
        return newUser(key, username, createdTimestamp, DocumentMapping.DEFAULT);
    }

    /**
     * A new, enabled user with no groups, roles, attributes or credential; {@code key} is its {@code _key} and, when
     * the mapping keeps the id in another attribute, that attribute's value too.
     */
    public static UserDocument newUser(String key, String username, long createdTimestamp, DocumentMapping mapping) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(KEY, key);
        fields.put(mapping.attribute(MappedField.ID), key);
        fields.put(mapping.attribute(MappedField.USERNAME), username);
        fields.put(USERNAME_LOWER, normalize(username));
        fields.put(mapping.attribute(MappedField.ENABLED), true);
        fields.put(EMAIL_VERIFIED, false);
        fields.put(CREATED_TIMESTAMP, createdTimestamp);
        fields.put(ATTRIBUTES, new LinkedHashMap<String, Object>());
        fields.put(mapping.attribute(MappedField.GROUPS), new ArrayList<String>());
        fields.put(mapping.attribute(MappedField.ROLES), new ArrayList<String>());
        UserDocument document = new UserDocument(fields, mapping);
        document.searchKeysPatch();
        return document;
    }

    /** A deep copy, to try a change on without touching this document. */
    public UserDocument copy() {
        return new UserDocument(deepCopy(fields), mapping);
    }

    /** Which attribute holds which part of the user. */
    public DocumentMapping mapping() {
        return mapping;
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

    /**
     * The user's id within the federation (the storage part of the Keycloak user id): the ID attribute's value as a
     * string ({@code _key} by default); null when the document lacks it.
     */
    public String id() {
        return string(attribute(MappedField.ID));
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
        return string(attribute(MappedField.USERNAME));
    }

    public UserPatch setUsername(String username) {
        return patch(attribute(MappedField.USERNAME), username, USERNAME_LOWER, normalize(username));
    }

    public String email() {
        return string(attribute(MappedField.EMAIL));
    }

    /** Blank emails are stored as absent, so the sparse unique index ignores them. */
    public UserPatch setEmail(String email) {
        String value = email == null || email.isBlank() ? null : email.trim();
        return patch(attribute(MappedField.EMAIL), value, EMAIL_LOWER, normalize(value));
    }

    public String firstName() {
        return string(attribute(MappedField.FIRST_NAME));
    }

    public UserPatch setFirstName(String value) {
        return patch(attribute(MappedField.FIRST_NAME), value);
    }

    public String lastName() {
        return string(attribute(MappedField.LAST_NAME));
    }

    public UserPatch setLastName(String value) {
        return patch(attribute(MappedField.LAST_NAME), value);
    }

    public boolean enabled() {
        Object value = fields.get(attribute(MappedField.ENABLED));
        return value == null || Boolean.TRUE.equals(value) || "true".equals(value);
    }

    public UserPatch setEnabled(boolean enabled) {
        return patch(attribute(MappedField.ENABLED), enabled);
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
        return strings(fields.get(attribute(MappedField.GROUPS)));
    }

    public UserPatch setGroupIds(List<String> groupIds) {
        return patch(attribute(MappedField.GROUPS), new ArrayList<>(groupIds));
    }

    /**
     * Role references: Keycloak role ids (what this provider writes), or names another application wrote (one string
     * or an array); empty for a document still in the legacy (by name) form.
     */
    public List<String> roleIds() {
        return hasLegacyRoles() ? new ArrayList<>() : strings(fields.get(attribute(MappedField.ROLES)));
    }

    /** Stores role mappings as role ids, replacing a legacy (by name) form. */
    public UserPatch setRoleIds(List<String> roleIds) {
        return patch(attribute(MappedField.ROLES), new ArrayList<>(roleIds));
    }

    /** True when the role mappings are still in the form of earlier versions (realm role names, clientId names). */
    public boolean hasLegacyRoles() {
        return fields.get(attribute(MappedField.ROLES)) instanceof Map<?, ?>;
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

    /**
     * Keycloak's password credential as stored (type, createdDate, credentialData, secretData), a legacy credential
     * ({@code legacyHash}), or null. A bare hash string (another application's password attribute) reads as the
     * legacy credential holding it.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> credential() {
        Object raw = fields.get(attribute(MappedField.PASSWORD));
        if (raw instanceof String hash && !hash.isBlank()) {
            return Map.of(CredentialFields.TYPE, CredentialFields.PASSWORD, CredentialFields.LEGACY_HASH, hash);
        }
        return raw instanceof Map<?, ?> ? (Map<String, Object>) raw : null;
    }

    /** Whether the password attribute holds anything (also a value that is no password this provider can read). */
    public boolean hasPasswordValue() {
        return fields.get(attribute(MappedField.PASSWORD)) != null;
    }

    public UserPatch setCredential(Map<String, Object> credential) {
        return patch(attribute(MappedField.PASSWORD), credential);
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
        Object raw = fields.get(attribute(MappedField.ROLES));
        return raw instanceof Map<?, ?> ? (Map<String, Object>) raw : Map.of();
    }

    private String attribute(MappedField field) {
        return mapping.attribute(field);
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
            gramSource |= isGramSource(name);
            lookupSource |= isLookupSource(name);
        }
        return patch.and(gramSource ? refreshGrams() : UserPatch.NONE)
                .and(lookupSource ? refreshLookupKeys() : UserPatch.NONE);
    }

    /** Whether {@code searchGrams} is built from the field. */
    private boolean isGramSource(String name) {
        return name.equals(USERNAME_LOWER)
                || name.equals(EMAIL_LOWER)
                || name.equals(attribute(MappedField.FIRST_NAME))
                || name.equals(attribute(MappedField.LAST_NAME));
    }

    /** Whether {@code lookupKeys} is built from the field. */
    private boolean isLookupSource(String name) {
        return name.equals(ATTRIBUTES)
                || name.equals(attribute(MappedField.GROUPS))
                || name.equals(attribute(MappedField.ROLES));
    }

    /**
     * Brings the derived fields up to date and hands out the patch storing them: the search arrays, and the normalized
     * username and email each only when {@code withUsernameLower} / {@code withEmailLower} (otherwise they stay as
     * they are: a value another document's differs from only in case cannot be given, see {@code DerivedFields});
     * {@link UserPatch#NONE} when they are current. For documents another application wrote, or written under another
     * mapping.
     */
    public UserPatch derivedFieldsPatch(boolean withUsernameLower, boolean withEmailLower) {
        UserPatch patch = withUsernameLower ? refresh(USERNAME_LOWER, normalize(username())) : UserPatch.NONE;
        String email = email();
        if (withEmailLower) {
            patch = patch.and(refresh(EMAIL_LOWER, email == null || email.isBlank() ? null : normalize(email)));
        }
        return patch.and(searchKeysPatch());
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

    /** Sets a derived field (null removes it); the patch storing the change, or none when it was current. */
    private UserPatch refresh(String name, Object value) {
        if (Objects.equals(value, fields.get(name))) {
            return UserPatch.NONE;
        }
        if (value == null) {
            fields.remove(name);
        } else {
            fields.put(name, value);
        }
        return UserPatch.set(name, value);
    }
}
