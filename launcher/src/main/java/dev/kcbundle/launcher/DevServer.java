package dev.kcbundle.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import dev.kcbundle.arangodb.testserver.ArangoTestServer;
import org.jboss.logging.Logger;

/**
 * The run command: stock Keycloak with the bundle and the {@code acme} realm on http://localhost:8080, ArangoDB
 * from {@code ARANGODB_HOSTS} or, when nothing answers there, the in-memory stand-in.
 */
public final class DevServer {

    private static final Logger LOG = Logger.getLogger(DevServer.class);
    static final String REALM = "acme";

    public static void main(String[] args) throws Exception {
        Path launcherDir = jarDirectory();
        KeycloakDistribution keycloak = new KeycloakDistribution(
                launcherDir.resolve("keycloak-" + keycloakVersion()));
        keycloak.addRealmImport(launcherDir.resolve("../../realm-export.json").normalize(), REALM + "-realm.json");

        Map<String, String> env = new HashMap<>();
        ArangoTestServer inMemoryArango = arangoDb(env);
        String adminUser = env("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        String adminPassword = adminPassword(keycloak);
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", adminUser);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);

        int httpPort = Integer.parseInt(env("KC_HTTP_PORT", "8080"));
        int managementPort = Integer.parseInt(env("KC_HTTP_MANAGEMENT_PORT", "9000"));
        LOG.infof("Starting Keycloak from %s (first start takes a minute)", keycloak.home());
        RunningKeycloak running = keycloak.start(httpPort, managementPort, env, keycloak.home().resolve("keycloak.log"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            if (inMemoryArango != null) {
                inMemoryArango.close();
            }
        }));

        String base = running.baseUrl();
        DemoUsers.create(AdminApi.signIn(base, adminUser, adminPassword), REALM);
        StringBuilder demoUsers = new StringBuilder();
        DemoUsers.USERS.forEach(user -> demoUsers.append(String.format(
                "%n    %-6s password '%s'  (%s, role %s)", user.username(), user.password(), user.group(), user.realmRole())));
        LOG.infof("%n%n  Keycloak is up (log: %s)%n"
                        + "  Admin console:        %s/admin/  (user '%s', password '%s')%n"
                        + "  Tenant realm '%s':     %s/realms/%s/account  (sign in or register there)%n"
                        + "  Demo users of '%s' (stored in ArangoDB):%s%n"
                        + "  OpenID configuration: %s/realms/%s/.well-known/openid-configuration%n"
                        + "  Stop with Ctrl+C.%n",
                keycloak.home().resolve("keycloak.log"), base, adminUser, adminPassword,
                REALM, base, REALM, REALM, demoUsers, base, REALM);
        System.exit(running.waitFor());
    }

    /** Points Keycloak at ARANGODB_HOSTS, starting the in-memory stand-in there when nothing answers. */
    private static ArangoTestServer arangoDb(Map<String, String> env) {
        String hosts = env("ARANGODB_HOSTS", "localhost:8529");
        String password = System.getenv("ARANGODB_PASSWORD");
        ArangoEndpoint endpoint = ArangoEndpoint.firstOf(hosts);
        ArangoTestServer inMemory = null;
        if (!endpoint.answers()) {
            if (!endpoint.isLocal()) {
                throw new IllegalStateException("No ArangoDB answers at " + hosts + " (ARANGODB_HOSTS)");
            }
            password = password == null ? randomSecret() : password;
            inMemory = ArangoTestServer.start(endpoint.port(), password);
            LOG.warnf("No ArangoDB answers at %s: started the IN-MEMORY ArangoDB stand-in there. "
                    + "Its data is lost when this process stops; set ARANGODB_HOSTS for a real server.", hosts);
        }
        env.put("ARANGODB_HOSTS", hosts);
        env.put("ARANGODB_USER", env("ARANGODB_USER", "root"));
        env.put("ARANGODB_PASSWORD", password == null ? "" : password);
        env.put("ARANGODB_DATABASE", env("ARANGODB_DATABASE", REALM));
        return inMemory;
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
        Path remembered = keycloak.home().resolve("data/bootstrap-admin-password");
        if (Files.exists(remembered)) {
            return Files.readString(remembered).trim();
        }
        String generated = randomSecret();
        Files.createDirectories(remembered.getParent());
        Files.writeString(remembered, generated);
        return generated;
    }

    private static String randomSecret() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static Path jarDirectory() throws URISyntaxException {
        return Path.of(DevServer.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
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
