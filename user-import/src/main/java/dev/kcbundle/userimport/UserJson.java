package dev.kcbundle.userimport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kcbundle.userstorage.document.CredentialFields;
import dev.kcbundle.userstorage.document.UserDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a user, read by every source and written by the export: the fields of Keycloak's user
 * representation (a realm export's {@code users[]} entry: {@code id}, {@code username}, {@code email},
 * {@code firstName}, {@code lastName}, {@code enabled}, {@code emailVerified}, {@code createdTimestamp},
 * {@code attributes}, {@code groups}, {@code realmRoles}, {@code clientRoles}, {@code credentials}), plus
 * {@code roles} (the flat reference list the provider stores) and {@code password} (another application's hash string).
 * The fields of the legacy application's {@code User} documents ({@code id}, {@code username}, {@code email},
 * {@code password}, {@code groupid}, {@code roleid}) are read too, so its collection exported as JSON lines
 * ({@code arangoexport --type jsonl}) imports as it is.
 */
public final class UserJson {

    public static final String ID = "id";
    public static final String REALM_ROLES = "realmRoles";
    public static final String CLIENT_ROLES = "clientRoles";
    public static final String CREDENTIALS = "credentials";
    /** Another application's password hash, as it stored it. */
    public static final String PASSWORD = "password";
    /** The legacy application's group and role references: one value or an array. */
    public static final String LEGACY_GROUPS = "groupid";

    public static final String LEGACY_ROLES = "roleid";

    private UserJson() {}

    public static UserRow read(String where, JsonNode node) throws RowException {
        if (!node.isObject()) {
            throw new RowException(where, "not a JSON object");
        }
        List<String> roles = either(strings(where, node, UserDocument.ROLES), strings(where, node, LEGACY_ROLES));
        List<String> realmRoles = strings(where, node, REALM_ROLES);
        Map<String, List<String>> clientRoles = stringLists(where, node, CLIENT_ROLES);
        if (realmRoles != null || clientRoles != null) {
            roles = roles == null ? new ArrayList<>() : new ArrayList<>(roles);
            if (realmRoles != null) {
                roles.addAll(realmRoles);
            }
            if (clientRoles != null) {
                for (Map.Entry<String, List<String>> client : clientRoles.entrySet()) {
                    for (String role : client.getValue()) {
                        roles.add(client.getKey() + "/" + role);
                    }
                }
            }
        }
        return new UserRow(
                where,
                text(where, node, ID),
                text(where, node, UserDocument.USERNAME),
                text(where, node, UserDocument.EMAIL),
                text(where, node, UserDocument.FIRST_NAME),
                text(where, node, UserDocument.LAST_NAME),
                bool(where, node, UserDocument.ENABLED),
                bool(where, node, UserDocument.EMAIL_VERIFIED),
                number(where, node, UserDocument.CREATED_TIMESTAMP),
                either(strings(where, node, UserDocument.GROUPS), strings(where, node, LEGACY_GROUPS)),
                roles,
                stringLists(where, node, UserDocument.ATTRIBUTES),
                password(where, node));
    }

    private static List<String> either(List<String> current, List<String> legacy) {
        if (current == null || legacy == null) {
            return current == null ? legacy : current;
        }
        List<String> both = new ArrayList<>(current);
        both.addAll(legacy);
        return both;
    }

    /** A realm export's password credential, or {@code password} (a hash string); null when neither is there. */
    private static ImportedPassword password(String where, JsonNode node) throws RowException {
        String legacy = text(where, node, PASSWORD);
        JsonNode credentials = node.get(CREDENTIALS);
        if (credentials != null && !credentials.isNull()) {
            if (!credentials.isArray()) {
                throw new RowException(where, CREDENTIALS + " must be an array");
            }
            for (JsonNode credential : credentials) {
                if (!CredentialFields.PASSWORD.equals(
                        credential.path(CredentialFields.TYPE).asText(CredentialFields.PASSWORD))) {
                    continue;
                }
                if (legacy != null) {
                    throw new RowException(where, "both a password hash and a Keycloak credential are given");
                }
                Long created = number(where, credential, CredentialFields.CREATED_DATE);
                String hash = text(where, credential, CredentialFields.LEGACY_HASH);
                return hash != null
                        ? ImportedPassword.legacy(hash, created)
                        : ImportedPassword.keycloak(
                                text(where, credential, CredentialFields.CREDENTIAL_DATA),
                                text(where, credential, CredentialFields.SECRET_DATA),
                                created);
            }
        }
        return legacy == null || legacy.isEmpty() ? null : ImportedPassword.legacy(legacy, null);
    }

    /** The JSON form of a stored user document; the password only when asked for. */
    public static ObjectNode write(UserDocument document, boolean withPassword, ObjectNode target) {
        target.put(ID, document.key());
        target.put(UserDocument.USERNAME, document.username());
        putIfSet(target, UserDocument.EMAIL, document.email());
        putIfSet(target, UserDocument.FIRST_NAME, document.firstName());
        putIfSet(target, UserDocument.LAST_NAME, document.lastName());
        target.put(UserDocument.ENABLED, document.enabled());
        target.put(UserDocument.EMAIL_VERIFIED, document.emailVerified());
        if (document.createdTimestamp() != null) {
            target.put(UserDocument.CREATED_TIMESTAMP, document.createdTimestamp());
        }
        ObjectNode attributes = target.putObject(UserDocument.ATTRIBUTES);
        document.attributes().forEach((name, values) -> values.forEach(attributes.withArray(name)::add));
        document.groupIds().forEach(target.putArray(UserDocument.GROUPS)::add);
        roleReferences(document).forEach(target.putArray(UserDocument.ROLES)::add);
        Map<String, Object> credential = document.credential();
        if (withPassword && credential != null) {
            ObjectNode entry =
                    target.putArray(CREDENTIALS).addObject().put(CredentialFields.TYPE, CredentialFields.PASSWORD);
            for (String field : List.of(
                    CredentialFields.CREATED_DATE,
                    CredentialFields.LEGACY_HASH,
                    CredentialFields.CREDENTIAL_DATA,
                    CredentialFields.SECRET_DATA)) {
                Object value = credential.get(field);
                if (value instanceof Number number) {
                    entry.put(field, number.longValue());
                } else if (value != null) {
                    entry.put(field, String.valueOf(value));
                }
            }
        }
        return target;
    }

    /** Role references as the provider reads them; the by-name form of earlier versions as names. */
    static List<String> roleReferences(UserDocument document) {
        List<String> roles = new ArrayList<>(document.roleIds());
        roles.addAll(document.legacyRealmRoles());
        document.legacyClientRoles()
                .forEach((clientId, names) -> names.forEach(name -> roles.add(clientId + "/" + name)));
        return roles;
    }

    private static void putIfSet(ObjectNode target, String field, String value) {
        if (value != null) {
            target.put(field, value);
        }
    }

    private static String text(String where, JsonNode node, String field) throws RowException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw new RowException(where, field + " must be a string");
        }
        return value.asText();
    }

    private static Boolean bool(String where, JsonNode node, String field) throws RowException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isEmpty()) {
            return null;
        }
        if (value.isBoolean() || value.asText().equals("true") || value.asText().equals("false")) {
            return value.asBoolean();
        }
        throw new RowException(where, field + " must be true or false");
    }

    private static Long number(String where, JsonNode node, String field) throws RowException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isEmpty()) {
            return null;
        }
        if (value.canConvertToLong() || value.asText().matches("-?\\d{1,18}")) {
            return value.isNumber() ? value.longValue() : Long.parseLong(value.asText());
        }
        throw new RowException(where, field + " must be a number (milliseconds since 1970)");
    }

    /** A list of strings; a single value counts as a list of one (legacy {@code groupid: 7}). */
    private static List<String> strings(String where, JsonNode node, String field) throws RowException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        List<String> result = new ArrayList<>();
        for (JsonNode item : value.isArray() ? value : List.of(value)) {
            if (!item.isValueNode() || item.isNull()) {
                throw new RowException(where, field + " must hold strings");
            }
            result.add(item.asText());
        }
        return result;
    }

    private static Map<String, List<String>> stringLists(String where, JsonNode node, String field)
            throws RowException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new RowException(where, field + " must be an object of string lists");
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            result.put(entry.getKey(), strings(where + " " + field, value, entry.getKey()));
        }
        return result;
    }
}
