package dev.kcbundle.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code realm-export.json} as a template for tenant realms: its {@code ${VAR:default}} placeholders resolved the way
 * Keycloak resolves them at {@code --import-realm} (a placeholder with neither value nor default stays, as Keycloak's
 * message keys in consent texts must), then renamed for one tenant with its own ArangoDB database, its own ArangoDB
 * account ({@code kc_<realm>}, password from {@code ARANGODB_TENANT_PASSWORD}) and its own federation component id.
 */
public final class RealmTemplate {

    /** Keycloak's placeholder syntax in realm files: {@code ${NAME}} or {@code ${NAME:default}}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.]+)(?::([^}]*))?}");

    private static final Pattern REALM_NAME = Pattern.compile("[a-z][a-z0-9-]{1,62}");
    private static final String STORAGE_COMPONENTS = "org.keycloak.storage.UserStorageProvider";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String text;

    private RealmTemplate(String text) {
        this.text = text;
    }

    public static RealmTemplate load(Path realmExport) {
        try {
            return new RealmTemplate(Files.readString(realmExport));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the realm template " + realmExport, e);
        }
    }

    /**
     * The id of a tenant's ArangoDB federation component: fixed per realm name (the template's own {@code acme} id is
     * this too), so re-creating a tenant from the template keeps every ArangoDB user's {@code sub}.
     */
    public static String federationComponentId(String realm) {
        return UUID.nameUUIDFromBytes(("arangodb-federation:" + realm).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /**
     * The realm for one tenant: name, display name, default-roles role, ArangoDB database, ArangoDB account
     * ({@link TenantDatabase#userFor}) and federation component id set for the tenant, every other placeholder (the
     * account's password: {@code ARANGODB_TENANT_PASSWORD}) resolved from {@code variables} or its default.
     *
     * @throws IllegalArgumentException for a realm name that is not lower-case letters, digits and dashes starting
     *                                  with a letter
     */
    public ObjectNode forTenant(String realm, String displayName, Map<String, String> variables) {
        requireValidRealmName(realm);
        ObjectNode tenant = (ObjectNode) parse(resolve(text, variables));
        String templateDefaultRoles = "default-roles-" + tenant.get("realm").asText();
        String defaultRoles = "default-roles-" + realm;
        tenant.put("realm", realm);
        tenant.put("displayName", displayName);
        ((ObjectNode) tenant.get("defaultRole")).put("name", defaultRoles);
        for (JsonNode role : tenant.path("roles").path("realm")) {
            if (role.path("name").asText().equals(templateDefaultRoles)) {
                ((ObjectNode) role).put("name", defaultRoles);
            }
        }
        for (JsonNode component : tenant.path("components").path(STORAGE_COMPONENTS)) {
            ((ObjectNode) component).put("id", federationComponentId(realm));
            ObjectNode config = (ObjectNode) component.get("config");
            config.set("database", JSON.createArrayNode().add(realm));
            config.set("user", JSON.createArrayNode().add(TenantDatabase.userFor(realm)));
        }
        return tenant;
    }

    /**
     * The realm name is also the tenant's ArangoDB database name, which the federation accepts only when it starts
     * with a letter (ArangoDB's traditional database names).
     *
     * @throws IllegalArgumentException for a realm name that is not 2-63 lower-case letters, digits and dashes
     *                                  starting with a letter
     */
    public static void requireValidRealmName(String realm) {
        if (realm == null || !REALM_NAME.matcher(realm).matches()) {
            throw new IllegalArgumentException(
                    "Tenant realm name must be 2-63 lower-case letters, digits or dashes, starting with a letter: '"
                            + realm + "'");
        }
    }

    static String resolve(String template, Map<String, String> variables) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder resolved = new StringBuilder();
        while (placeholder.find()) {
            String name = placeholder.group(1);
            String value = variables.get(name);
            if (value == null) {
                value = placeholder.group(2);
            }
            String replacement = value == null
                    ? placeholder.group() // like Keycloak: e.g. ${rolesScopeConsentText} is a message key, kept
                    : jsonStringContent(value);
            placeholder.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
        }
        placeholder.appendTail(resolved);
        return resolved.toString();
    }

    /** A value as it may stand inside a JSON string (quotes and backslashes escaped). */
    private static String jsonStringContent(String value) {
        String quoted = JSON.getNodeFactory().textNode(value).toString();
        return quoted.substring(1, quoted.length() - 1);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("The realm template is not valid JSON: " + e.getMessage(), e);
        }
    }
}
