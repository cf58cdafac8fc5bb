package dev.kcbundle.userstorage;

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
public record ConnectionPolicy(List<String> allowedHosts, boolean createDatabase, boolean requireTls) {

    public static final String ALLOWED_HOSTS = "allowed-hosts";
    public static final String CREATE_DATABASE = "create-database";
    public static final String REQUIRE_TLS = "require-tls";

    /** Loopback only: a realm admin reaches no other machine until the operator says so. */
    public static final String DEFAULT_ALLOWED_HOSTS = "localhost:*,127.0.0.1:*,[::1]:*";

    public ConnectionPolicy {
        allowedHosts = List.copyOf(allowedHosts);
    }

    /** The built-in defaults: loopback hosts only, no database creation, TLS optional. */
    public static ConnectionPolicy defaults() {
        return of(DEFAULT_ALLOWED_HOSTS, false, false);
    }

    /** Reads the SPI options of provider {@code arangodb}; unset options keep their defaults. */
    public static ConnectionPolicy from(Config.Scope scope) {
        return of(scope.get(ALLOWED_HOSTS, DEFAULT_ALLOWED_HOSTS), scope.getBoolean(CREATE_DATABASE, false),
                scope.getBoolean(REQUIRE_TLS, false));
    }

    static ConnectionPolicy of(String allowedHosts, boolean createDatabase, boolean requireTls) {
        List<String> patterns = Arrays.stream(allowedHosts == null ? new String[0] : allowedHosts.split(","))
                .map(String::trim).filter(pattern -> !pattern.isEmpty())
                .map(pattern -> pattern.toLowerCase(Locale.ROOT)).toList();
        return new ConnectionPolicy(patterns, createDatabase, requireTls);
    }

    /**
     * Null when the configuration keeps to the operator's rules, otherwise what breaks them. Names the offending
     * host, never the operator's pattern list.
     */
    public String problem(ArangoStorageConfig config) {
        for (ArangoStorageConfig.HostAndPort host : config.hosts()) {
            if (!allowed(host)) {
                return "ArangoDB host \"" + host + "\" is not allowed on this Keycloak server; ask its operator "
                        + "to allow it (SPI option " + ALLOWED_HOSTS + ")";
            }
        }
        if (requireTls && !config.useTls()) {
            return "This Keycloak server connects to ArangoDB only with TLS: turn on \"Use TLS\"";
        }
        return null;
    }

    boolean allowed(ArangoStorageConfig.HostAndPort host) {
        String name = host.host().toLowerCase(Locale.ROOT);
        String port = Integer.toString(host.port());
        return allowedHosts.stream().anyMatch(pattern -> {
            int colon = pattern.lastIndexOf(':');
            boolean withPort = colon > 0 && !pattern.endsWith("]");
            return withPort ? glob(pattern.substring(0, colon), name) && glob(pattern.substring(colon + 1), port)
                    : glob(pattern, name);
        });
    }

    /** {@code *} stands for any run of characters, everything else is literal. */
    private static boolean glob(String pattern, String value) {
        String regex = Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote)
                .reduce((left, right) -> left + ".*" + right).orElse("");
        return Pattern.matches(regex, value);
    }
}
