package dev.kcbundle.userstorage;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.keycloak.component.ComponentModel;
import org.keycloak.storage.UserStorageProvider.EditMode;

/**
 * The component configuration of one ArangoDB user federation, parsed and checked.
 * Equal configurations share one driver client.
 */
public record ArangoStorageConfig(List<HostAndPort> hosts, boolean useTls, String user, String password,
                                  String database, String usersCollection, EditMode editMode) {

    public static final String HOSTS = "hosts";
    public static final String USE_TLS = "useTls";
    public static final String USER = "user";
    public static final String PASSWORD = "password";
    public static final String DATABASE = "database";
    public static final String USERS_COLLECTION = "usersCollection";
    public static final String EDIT_MODE = "editMode";

    public static final String DEFAULT_USERS_COLLECTION = "users";

    /** ArangoDB database and collection names: letters, digits, '_' and '-', starting with a letter. */
    private static final String NAME_PATTERN = "[A-Za-z][A-Za-z0-9_-]{0,63}";
    /**
     * A DNS name (with '_', as in compose service names like {@code arango_db}) or IPv4 address, or an IPv6 address
     * in brackets: nothing that could change the URL's meaning.
     */
    private static final String HOST_PATTERN = "[A-Za-z0-9]([A-Za-z0-9._-]{0,252})|\\[[0-9A-Fa-f:.]{2,45}]";

    public record HostAndPort(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /** Reads and validates a component's config; problems are named in an {@link InvalidConfigException}. */
    public static ArangoStorageConfig from(ComponentModel model) {
        return from(model.get(HOSTS), model.get(USE_TLS), model.get(USER),
                PasswordReentryRule.plain(model.get(PASSWORD)), model.get(DATABASE), model.get(USERS_COLLECTION),
                model.get(EDIT_MODE));
    }

    static ArangoStorageConfig from(String hosts, String useTls, String user, String password, String database,
                                    String usersCollection, String editMode) {
        List<String> problems = new ArrayList<>();
        List<HostAndPort> hostList = parseHosts(hosts, problems);
        String account = trimmed(user);
        if (account == null) {
            problems.add("ArangoDB user is required: the tenant's own account, kc_<realm>");
        }
        String db = trimmed(database);
        if (db == null) {
            problems.add("Database is required");
        } else if (!db.matches(NAME_PATTERN)) {
            problems.add("Database name \"" + db + "\" is not a valid ArangoDB name");
        }
        String collection = Objects.requireNonNullElse(trimmed(usersCollection), DEFAULT_USERS_COLLECTION);
        if (!collection.matches(NAME_PATTERN)) {
            problems.add("Users collection name \"" + collection + "\" is not a valid ArangoDB name");
        }
        EditMode mode = EditMode.WRITABLE;
        String modeName = trimmed(editMode);
        if (modeName != null) {
            if (modeName.equals(EditMode.READ_ONLY.name()) || modeName.equals(EditMode.WRITABLE.name())) {
                mode = EditMode.valueOf(modeName);
            } else {
                problems.add("Edit mode must be READ_ONLY or WRITABLE, not \"" + modeName + "\"");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(String.join("; ", problems));
        }
        return new ArangoStorageConfig(List.copyOf(hostList), Boolean.parseBoolean(trimmed(useTls)),
                account, password == null ? "" : password,
                db, collection, mode);
    }

    public boolean writable() {
        return editMode == EditMode.WRITABLE;
    }

    private static List<HostAndPort> parseHosts(String hosts, List<String> problems) {
        List<HostAndPort> result = new ArrayList<>();
        if (trimmed(hosts) == null) {
            problems.add("Hosts are required (host:port, comma-separated)");
            return result;
        }
        for (String entry : hosts.split(",")) {
            String hostPort = entry.trim();
            if (hostPort.isEmpty()) {
                continue;
            }
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0 || colon == hostPort.length() - 1) {
                problems.add("Host \"" + hostPort + "\" must be host:port");
                continue;
            }
            try {
                int port = Integer.parseInt(hostPort.substring(colon + 1));
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                String host = hostPort.substring(0, colon);
                if (!host.matches(HOST_PATTERN)) {
                    problems.add("Host \"" + hostPort + "\" is not a host name or address");
                    continue;
                }
                result.add(new HostAndPort(host, port));
            } catch (NumberFormatException e) {
                problems.add("Host \"" + hostPort + "\" has no valid port (1-65535)");
            }
        }
        if (result.isEmpty() && problems.isEmpty()) {
            problems.add("Hosts are required (host:port, comma-separated)");
        }
        return result;
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "ArangoStorageConfig[hosts=" + hosts + ", useTls=" + useTls + ", user=" + user + ", database=" + database
                + ", usersCollection=" + usersCollection + ", editMode=" + editMode + "]";
    }

    /** A configuration value is missing or malformed; the message names each problem. */
    public static class InvalidConfigException extends RuntimeException {
        public InvalidConfigException(String message) {
            super(message);
        }
    }
}
