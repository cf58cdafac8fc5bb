package dev.kcbundle.userstorage;

import com.arangodb.Protocol;
import dev.kcbundle.userstorage.arango.ArangoConnection;
import dev.kcbundle.userstorage.arango.ArangoConnection.HostAndPort;
import dev.kcbundle.userstorage.arango.ConfigProblem;
import dev.kcbundle.userstorage.document.DocumentMapping;
import dev.kcbundle.userstorage.document.MappedField;
import dev.kcbundle.userstorage.document.UserDocument;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.storage.UserStorageProvider.EditMode;

/**
 * The component configuration of one ArangoDB user federation, parsed and checked with every problem collected: the
 * connection ({@link ArangoConnection}), the edit mode and the document mapping ({@link DocumentMapping}).
 */
public record ArangoStorageConfig(ArangoConnection connection, EditMode editMode, DocumentMapping mapping) {

    public static final String HOSTS = "hosts";
    public static final String USE_TLS = "useTls";
    public static final String PROTOCOL = "protocol";
    public static final String USER = "user";
    public static final String PASSWORD = "password";
    public static final String DATABASE = "database";
    public static final String USERS_COLLECTION = "usersCollection";
    public static final String EDIT_MODE = "editMode";

    public static final String DEFAULT_USERS_COLLECTION = "users";
    /**
     * The driver's protocols ArangoDB 3.12 answers: HTTP/1.1 or HTTP/2, JSON or VelocyPack (VelocyStream is gone
     * since 3.12). HTTP/2 with JSON is the driver's default and recommendation (one multiplexed connection per host).
     */
    public static final List<Protocol> PROTOCOLS =
            List.of(Protocol.HTTP2_JSON, Protocol.HTTP_JSON, Protocol.HTTP2_VPACK, Protocol.HTTP_VPACK);

    public static final Protocol DEFAULT_PROTOCOL = Protocol.HTTP2_JSON;

    /** ArangoDB database and collection names: letters, digits, '_' and '-', starting with a letter. */
    private static final String NAME_PATTERN = "[A-Za-z][A-Za-z0-9_-]{0,63}";
    /** A mapped attribute: safe to write into AQL as {@code u.<name>}. */
    private static final String ATTRIBUTE_PATTERN = "[A-Za-z][A-Za-z0-9_]{0,63}";
    /**
     * Fields the provider derives or keeps itself whatever the mapping, and ArangoDB's system attributes ({@code _key}
     * only the id may name).
     */
    private static final Set<String> PROVIDER_FIELDS = Set.of(
            UserDocument.USERNAME_LOWER,
            UserDocument.EMAIL_LOWER,
            UserDocument.SEARCH_GRAMS,
            UserDocument.SEARCH_PREFIXES,
            UserDocument.LOOKUP_KEYS,
            UserDocument.ATTRIBUTES,
            UserDocument.EMAIL_VERIFIED,
            UserDocument.CREATED_TIMESTAMP,
            UserDocument.PASSWORD_HISTORY,
            UserDocument.KEY,
            "_id",
            UserDocument.REV);

    /**
     * A DNS name (with '_', as in compose service names like {@code arango_db}) or IPv4 address, or an IPv6 address
     * in brackets: nothing that could change the URL's meaning.
     */
    private static final String HOST_PATTERN = "[A-Za-z0-9]([A-Za-z0-9._-]{0,252})|\\[[0-9A-Fa-f:.]{2,45}]";

    /** Reads and validates a component's config; problems are named in an {@link InvalidConfigException}. */
    public static ArangoStorageConfig from(ComponentModel model) {
        return from(
                model.get(HOSTS),
                model.get(USE_TLS),
                model.get(PROTOCOL),
                model.get(USER),
                PasswordReentryRule.plain(model.get(PASSWORD)),
                model.get(DATABASE),
                model.get(USERS_COLLECTION),
                model.get(EDIT_MODE),
                DocumentMapping.from(model::get));
    }

    /** With the default protocol ({@link #DEFAULT_PROTOCOL}). */
    static ArangoStorageConfig from(
            String hosts,
            String useTls,
            String user,
            String password,
            String database,
            String usersCollection,
            String editMode) {
        return from(hosts, useTls, null, user, password, database, usersCollection, editMode);
    }

    /** With the default document mapping ({@link DocumentMapping#DEFAULT}). */
    static ArangoStorageConfig from(
            String hosts,
            String useTls,
            String protocol,
            String user,
            String password,
            String database,
            String usersCollection,
            String editMode) {
        return from(
                hosts, useTls, protocol, user, password, database, usersCollection, editMode, DocumentMapping.DEFAULT);
    }

    static ArangoStorageConfig from(
            String hosts,
            String useTls,
            String protocol,
            String user,
            String password,
            String database,
            String usersCollection,
            String editMode,
            DocumentMapping mapping) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<HostAndPort> hostList = parseHosts(hosts, problems);
        Protocol driverProtocol = DEFAULT_PROTOCOL;
        String protocolName = trimmed(protocol);
        if (protocolName != null) {
            driverProtocol = PROTOCOLS.stream()
                    .filter(known -> known.name().equals(protocolName))
                    .findFirst()
                    .orElse(null);
            if (driverProtocol == null) {
                problems.add(ConfigProblem.of(
                        "Protocol must be one of {0}, not \"{1}\"",
                        PROTOCOLS.stream().map(Protocol::name).collect(Collectors.joining(", ")), protocolName));
            }
        }
        String account = trimmed(user);
        if (account == null) {
            problems.add(ConfigProblem.of("arangodb-error-user-required"));
        }
        String db = trimmed(database);
        if (db == null) {
            problems.add(ConfigProblem.of("Database is required"));
        } else if (!db.matches(NAME_PATTERN)) {
            problems.add(ConfigProblem.of("Database name \"{0}\" is not a valid ArangoDB name", db));
        }
        String collection = Objects.requireNonNullElse(trimmed(usersCollection), DEFAULT_USERS_COLLECTION);
        if (!collection.matches(NAME_PATTERN)) {
            problems.add(ConfigProblem.of("Users collection name \"{0}\" is not a valid ArangoDB name", collection));
        }
        EditMode mode = EditMode.WRITABLE;
        String modeName = trimmed(editMode);
        if (modeName != null) {
            if (modeName.equals(EditMode.READ_ONLY.name()) || modeName.equals(EditMode.WRITABLE.name())) {
                mode = EditMode.valueOf(modeName);
            } else {
                problems.add(ConfigProblem.of("Edit mode must be READ_ONLY or WRITABLE, not \"{0}\"", modeName));
            }
        }
        checkMapping(mapping, problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return new ArangoStorageConfig(
                new ArangoConnection(
                        hostList,
                        Boolean.parseBoolean(trimmed(useTls)),
                        driverProtocol,
                        account,
                        password == null ? "" : password,
                        db,
                        collection),
                mode,
                mapping);
    }

    public boolean writable() {
        return editMode == EditMode.WRITABLE;
    }

    /**
     * {@code host:port[,host:port]}; a URL ({@code http://...}) or a path is named as such, since that is what admins
     * paste from ArangoDB's web interface.
     */
    private static List<HostAndPort> parseHosts(String hosts, List<ConfigProblem> problems) {
        List<HostAndPort> result = new ArrayList<>();
        for (String entry : trimmed(hosts) == null ? new String[0] : hosts.split(",")) {
            String hostPort = entry.trim();
            if (hostPort.isEmpty()) {
                continue;
            }
            if (hostPort.matches("(?i)[a-z][a-z0-9+.-]*://.*")) {
                problems.add(ConfigProblem.of("arangodb-error-hosts-url", hostPort));
                continue;
            }
            if (hostPort.contains("/")) {
                problems.add(ConfigProblem.of("arangodb-error-hosts-path", hostPort));
                continue;
            }
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0 || colon == hostPort.length() - 1) {
                problems.add(ConfigProblem.of("arangodb-error-hosts-form", hostPort));
                continue;
            }
            try {
                int port = Integer.parseInt(hostPort.substring(colon + 1));
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                String host = hostPort.substring(0, colon);
                if (!host.matches(HOST_PATTERN)) {
                    problems.add(ConfigProblem.of("arangodb-error-hosts-name", hostPort));
                    continue;
                }
                result.add(new HostAndPort(host, port));
            } catch (NumberFormatException e) {
                problems.add(ConfigProblem.of("arangodb-error-hosts-port", hostPort));
            }
        }
        if (result.isEmpty() && problems.isEmpty()) {
            problems.add(ConfigProblem.of("arangodb-error-hosts-required"));
        }
        return result;
    }

    /**
     * Each mapped attribute is a plain name ({@link #ATTRIBUTE_PATTERN}, or {@code _key} for the id), none is one of
     * the provider's own fields ({@link #PROVIDER_FIELDS}), and no two fields share one. A problem names the field by
     * its form label ({@link #label}) and the value.
     */
    private static void checkMapping(DocumentMapping mapping, List<ConfigProblem> problems) {
        Map<String, MappedField> holders = new HashMap<>();
        for (MappedField field : MappedField.values()) {
            String attribute = mapping.attribute(field);
            if (field == MappedField.ID && attribute.equals(UserDocument.KEY)) {
                holders.put(attribute, field);
            } else if (PROVIDER_FIELDS.contains(attribute)) {
                problems.add(ConfigProblem.of("arangodb-error-mapping-reserved", label(field), attribute));
            } else if (!attribute.matches(ATTRIBUTE_PATTERN)) {
                problems.add(ConfigProblem.of("arangodb-error-mapping-name", label(field), attribute));
            } else {
                MappedField holder = holders.putIfAbsent(attribute, field);
                if (holder != null) {
                    problems.add(
                            ConfigProblem.of("arangodb-error-mapping-shared", label(holder), label(field), attribute));
                }
            }
        }
    }

    /** The message key of a mapped field's label and help text (+ {@code Help}) in the federation form. */
    static String labelKey(MappedField field) {
        String key = field.configKey();
        return "arangodb" + Character.toUpperCase(key.charAt(0)) + key.substring(1);
    }

    private static Object label(MappedField field) {
        return ConfigProblem.label(labelKey(field));
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Configuration values are missing or malformed; the message names each problem. */
    public static class InvalidConfigException extends RuntimeException {
        private final List<ConfigProblem> problems;

        public InvalidConfigException(List<ConfigProblem> problems) {
            super(problems.stream().map(ConfigProblem::english).collect(Collectors.joining("; ")));
            this.problems = List.copyOf(problems);
        }

        /** The refusal in the admin's language ({@code locale}): every problem, joined. */
        public ComponentValidationException exception(KeycloakSession session, Locale locale) {
            return ConfigProblem.text(problems.stream()
                            .map(problem -> problem.told(session, locale))
                            .collect(Collectors.joining("; ")))
                    .exception();
        }
    }
}
