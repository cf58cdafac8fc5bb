package dev.kcbundle.launcher;

import dev.kcbundle.arangodb.testserver.ArangoTarget;
import dev.kcbundle.arangodb.testserver.ArangoTestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.jboss.logging.Logger;

/**
 * The run command: stock Keycloak with the bundle and the {@code acme} realm on http://localhost:8080, ArangoDB
 * from {@code ARANGODB_HOSTS} (which must answer) or, when that is unset, the in-memory stand-in. With the operator's
 * admin credential it provisions acme's own ArangoDB account ({@link TenantDatabase}); Keycloak gets only that
 * account (ARANGODB_TENANT_USER / ARANGODB_TENANT_PASSWORD), never the admin credential. With {@value #CLUSTER_OPTION}
 * it starts two production-mode nodes (ports KC_HTTP_PORT and the next one) on a throw-away local PostgreSQL instead
 * ({@link KeycloakCluster}).
 */
public final class DevServer {

    private static final Logger LOG = Logger.getLogger(DevServer.class);
    static final String REALM = "acme";
    /** {@code run.sh --cluster}: two production-mode nodes on a local PostgreSQL instead of one start-dev node. */
    static final String CLUSTER_OPTION = "--cluster";

    public static void main(String[] args) throws Exception {
        Path launcherDir = jarDirectory();
        KeycloakDistribution keycloak = new KeycloakDistribution(launcherDir.resolve("keycloak-" + keycloakVersion()));
        keycloak.addRealmImport(launcherDir.resolve("../../realm-export.json").normalize(), REALM + "-realm.json");

        Map<String, String> env = new HashMap<>();
        ArangoTarget arango;
        try {
            arango = DevArangoDb.open(System.getenv());
        } catch (IllegalStateException unreachable) {
            LOG.error(unreachable.getMessage());
            System.exit(1);
            return;
        }
        try {
            provisionTenantAccount(arango, keycloak, env);
        } catch (IOException refused) {
            LOG.errorf("Cannot set up acme's ArangoDB account with ARANGODB_USER: %s", refused.getMessage());
            arango.close();
            System.exit(1);
            return;
        }
        String adminUser = env("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        String adminPassword = adminPassword(keycloak);
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", adminUser);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);

        int httpPort = Integer.parseInt(env("KC_HTTP_PORT", "8080"));
        int managementPort = Integer.parseInt(env("KC_HTTP_MANAGEMENT_PORT", "9000"));
        RunningKeycloak running;
        Path log = keycloak.home().resolve("keycloak.log");
        String clusterNote = "";
        if (Arrays.asList(args).contains(CLUSTER_OPTION)) {
            LOG.infof(
                    "Starting a two-node Keycloak cluster on PostgreSQL from %s (takes a few minutes)",
                    keycloak.home());
            LocalPostgres postgres = LocalPostgres.start("keycloak", DevArangoDb.randomSecret(), "keycloak");
            KeycloakCluster cluster;
            try {
                cluster = KeycloakCluster.start(
                        keycloak, List.of(httpPort, httpPort + 1), postgres, List.of(), env, keycloak.home());
            } catch (RuntimeException e) {
                postgres.close();
                arango.close();
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                cluster.close();
                postgres.close();
                arango.close();
            }));
            running = cluster.node(1);
            log = running.log();
            clusterNote = String.format(
                    "  Cluster: node 1 %s, node 2 %s (both issue tokens for %s; logs kc-node-*.log"
                            + " in %s; PostgreSQL and Keycloak's data are gone when you stop)%n",
                    cluster.node(1).baseUrl(), cluster.node(2).baseUrl(), cluster.publicUrl(), keycloak.home());
        } else {
            LOG.infof("Starting Keycloak from %s (first start takes a minute)", keycloak.home());
            RunningKeycloak single = keycloak.start(httpPort, managementPort, env, log);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                single.close();
                arango.close();
            }));
            running = single;
        }

        String base = running.baseUrl();
        DemoUsers.create(AdminApi.signIn(base, adminUser, adminPassword), REALM);
        StringBuilder demoUsers = new StringBuilder();
        DemoUsers.USERS.forEach(user -> demoUsers.append(String.format(
                "%n    %-6s password '%s'  (%s, role %s)",
                user.username(), user.password(), user.group(), user.realmRole())));
        LOG.infof(
                "%n%n  Keycloak is up (log: %s)%n%s"
                        + "  Admin console:        %s/admin/  (user '%s', password '%s')%n"
                        + "  Tenant realm '%s':     %s/realms/%s/account  (sign in or register there)%n"
                        + "  Demo users of '%s' (stored in ArangoDB):%s%n"
                        + "  OpenID configuration: %s/realms/%s/.well-known/openid-configuration%n"
                        + "  Stop with Ctrl+C.%n",
                log, clusterNote, base, adminUser, adminPassword, REALM, base, REALM, REALM, demoUsers, base, REALM);
        System.exit(running.waitFor());
    }

    /**
     * Creates acme's database and account (or sets the account's password) and puts only that account into
     * Keycloak's environment. The password: ARANGODB_TENANT_PASSWORD, or one generated on the first start and kept
     * beside Keycloak's data (the imported realm keeps it in its federation config).
     */
    private static void provisionTenantAccount(
            ArangoTarget arango, KeycloakDistribution keycloak, Map<String, String> env) throws IOException {
        String database = env("ARANGODB_DATABASE", REALM);
        String user = env("ARANGODB_TENANT_USER", TenantDatabase.userFor(REALM));
        String configured = System.getenv("ARANGODB_TENANT_PASSWORD");
        String password = configured != null && !configured.isBlank()
                ? configured
                : remembered(keycloak.home().resolve("data/arangodb-tenant-password"));
        TenantDatabase.provision(arango.hosts(), arango.user(), arango.password(), database, user, password);
        env.put("ARANGODB_HOSTS", arango.hosts());
        env.put(DevArangoDb.ALLOWED_HOSTS_ENV, DevArangoDb.allowedHosts(arango, System.getenv()));
        env.put("ARANGODB_DATABASE", database);
        env.put("ARANGODB_TENANT_USER", user);
        env.put("ARANGODB_TENANT_PASSWORD", password);
        if (arango.isStandIn()) {
            env.put("ARANGODB_PROTOCOL", ArangoTestServer.DRIVER_PROTOCOL);
        }
    }

    /**
     * The bootstrap admin password: KC_BOOTSTRAP_ADMIN_PASSWORD, or one generated on the first start and kept beside
     * the development database (Keycloak creates the bootstrap admin only once).
     */
    private static String adminPassword(KeycloakDistribution keycloak) throws IOException {
        String configured = System.getenv("KC_BOOTSTRAP_ADMIN_PASSWORD");
        if (configured != null) {
            return configured;
        }
        return remembered(keycloak.home().resolve("data/bootstrap-admin-password"));
    }

    /** A secret read from {@code file}, or generated and written there (readable by the owner only) on first use. */
    private static String remembered(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        String generated = DevArangoDb.randomSecret();
        Files.createDirectories(file.getParent());
        Files.writeString(file, generated);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            LOG.debugf("Cannot restrict the permissions of %s on this file system", file);
        }
        return generated;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static Path jarDirectory() throws URISyntaxException {
        return Path.of(DevServer.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .getParent();
    }

    private static String keycloakVersion() {
        try (InputStream in = DevServer.class.getResourceAsStream("/keycloak-launcher.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("keycloak.version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
