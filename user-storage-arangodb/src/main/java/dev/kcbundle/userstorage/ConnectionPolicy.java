package dev.kcbundle.userstorage;

import dev.kcbundle.userstorage.arango.ArangoConnection;
import dev.kcbundle.userstorage.arango.ArangoConnection.HostAndPort;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.keycloak.Config;

/**
 * The operator's rules for every ArangoDB user federation of this Keycloak server, set with SPI options
 * ({@code --spi-storage--arangodb--allowed-hosts=...}, {@code KC_SPI_STORAGE__ARANGODB__ALLOWED_HOSTS}); realm
 * admins cannot change them.
 */
public record ConnectionPolicy(
        List<String> allowedHosts, List<String> allowedUsers, boolean createDatabase, boolean requireTls) {

    public static final String ALLOWED_HOSTS = "allowed-hosts";
    public static final String ALLOWED_USERS = "allowed-users";
    public static final String CREATE_DATABASE = "create-database";
    public static final String REQUIRE_TLS = "require-tls";

    /**
     * ArangoDB's port on loopback only: a realm admin reaches no other machine, and no other local port, until the
     * operator says so.
     */
    public static final String DEFAULT_ALLOWED_HOSTS = "localhost:8529,127.0.0.1:8529,[::1]:8529";
    /** The tenants' own accounts ({@code kc_<realm>}): never root or another operator account. */
    public static final String DEFAULT_ALLOWED_USERS = "kc_*";

    public ConnectionPolicy {
        allowedHosts = List.copyOf(allowedHosts);
        allowedUsers = List.copyOf(allowedUsers);
    }

    /** The built-in defaults: ArangoDB's port on loopback, tenant accounts, no database creation, TLS optional. */
    public static ConnectionPolicy defaults() {
        return of(DEFAULT_ALLOWED_HOSTS, DEFAULT_ALLOWED_USERS, false, false);
    }

    /** Reads the SPI options of provider {@code arangodb}; unset options keep their defaults. */
    public static ConnectionPolicy from(Config.Scope scope) {
        return of(
                scope.get(ALLOWED_HOSTS, DEFAULT_ALLOWED_HOSTS),
                scope.get(ALLOWED_USERS, DEFAULT_ALLOWED_USERS),
                scope.getBoolean(CREATE_DATABASE, false),
                scope.getBoolean(REQUIRE_TLS, false));
    }

    static ConnectionPolicy of(String allowedHosts, boolean createDatabase, boolean requireTls) {
        return of(allowedHosts, DEFAULT_ALLOWED_USERS, createDatabase, requireTls);
    }

    static ConnectionPolicy of(String allowedHosts, String allowedUsers, boolean createDatabase, boolean requireTls) {
        List<String> users = Arrays.stream(allowedUsers == null ? new String[0] : allowedUsers.split(","))
                .map(String::trim)
                .filter(pattern -> !pattern.isEmpty())
                .toList();
        return new ConnectionPolicy(patterns(allowedHosts), users, createDatabase, requireTls);
    }

    private static List<String> patterns(String list) {
        return Arrays.stream(list == null ? new String[0] : list.split(","))
                .map(String::trim)
                .filter(pattern -> !pattern.isEmpty())
                .map(pattern -> pattern.toLowerCase(Locale.ROOT))
                .toList();
    }

    /**
     * Null when the configuration keeps to the operator's rules, otherwise what breaks them. Names the offending
     * host or user, never the operator's pattern lists. Needs no connection: checked before any password is sent.
     */
    public String problem(ArangoConnection connection) {
        if (!allowedUser(connection.user())) {
            return "ArangoDB user \"" + connection.user()
                    + "\" is not allowed on this Keycloak server; use your tenant's "
                    + "own ArangoDB account or ask the operator to allow it (SPI option " + ALLOWED_USERS + ")";
        }
        for (HostAndPort host : connection.hosts()) {
            if (!allowed(host)) {
                return "ArangoDB host \"" + host + "\" is not allowed on this Keycloak server; ask its operator "
                        + "to allow it (SPI option " + ALLOWED_HOSTS + ")";
            }
        }
        if (requireTls && !connection.useTls()) {
            return "This Keycloak server connects to ArangoDB only with TLS: turn on \"Use TLS\"";
        }
        return null;
    }

    boolean allowed(HostAndPort host) {
        String name = host.host().toLowerCase(Locale.ROOT);
        String port = Integer.toString(host.port());
        return allowedHosts.stream().anyMatch(pattern -> {
            int colon = pattern.lastIndexOf(':');
            boolean withPort = colon > 0 && !pattern.endsWith("]");
            return withPort
                    ? glob(pattern.substring(0, colon), name) && glob(pattern.substring(colon + 1), port)
                    : glob(pattern, name);
        });
    }

    /** ArangoDB user names are case-sensitive: so is the match. */
    boolean allowedUser(String user) {
        return allowedUsers.stream().anyMatch(pattern -> glob(pattern, user));
    }

    /** {@code *} stands for any run of characters, everything else is literal. */
    private static boolean glob(String pattern, String value) {
        String regex = Arrays.stream(pattern.split("\\*", -1))
                .map(Pattern::quote)
                .reduce((left, right) -> left + ".*" + right)
                .orElse("");
        return Pattern.matches(regex, value);
    }
}
