package dev.kcbundle.benchmarks;

import dev.kcbundle.arangodb.testserver.ArangoTestServer;
import dev.kcbundle.launcher.KeycloakDistribution;
import dev.kcbundle.launcher.RunningKeycloak;
import dev.kcbundle.launcher.TenantDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.jboss.logging.Logger;

/**
 * The stack the benchmark starts when no {@code --keycloak} is given: the in-memory ArangoDB stand-in in this JVM
 * (so its request counter gives ArangoDB requests per operation) and the launcher's Keycloak distribution in
 * development mode on free ports, with a database of its own under {@code target/} (the run command's data stays
 * untouched).
 */
final class LocalStack implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalStack.class);

    private final ArangoTestServer arango;
    private final RunningKeycloak keycloak;
    final Stack stack;

    private LocalStack(ArangoTestServer arango, RunningKeycloak keycloak, Stack stack) {
        this.arango = arango;
        this.keycloak = keycloak;
        this.stack = stack;
    }

    static LocalStack start(Path keycloakHome, Path workDirectory) {
        KeycloakDistribution distribution =
                new KeycloakDistribution(keycloakHome != null ? keycloakHome : defaultKeycloakHome());
        String arangoPassword = TenantDatabase.newPassword();
        ArangoTestServer arango = ArangoTestServer.start(0, arangoPassword);
        try {
            // The distribution may hold the run command's acme realm in data/import: give it its account, as run.sh
            // does.
            String acmePassword = TenantDatabase.newPassword();
            TenantDatabase.provision(
                    arango.hosts(), "root", arangoPassword, "acme", TenantDatabase.userFor("acme"), acmePassword);
            Path data = workDirectory.toAbsolutePath().resolve("keycloak-data");
            deleteRecursively(data);
            Files.createDirectories(data);
            String adminPassword = TenantDatabase.newPassword();
            Path log = workDirectory.toAbsolutePath().resolve("keycloak.log");
            LOG.infof("Starting Keycloak from %s (log: %s)", distribution.home(), log);
            RunningKeycloak keycloak = distribution.start(
                    freePort(),
                    freePort(),
                    Map.of(
                            "KC_BOOTSTRAP_ADMIN_USERNAME",
                            "admin",
                            "KC_BOOTSTRAP_ADMIN_PASSWORD",
                            adminPassword,
                            "KC_DB_URL",
                            "jdbc:h2:file:" + data.resolve("keycloakdb") + ";NON_KEYWORDS=VALUE",
                            "ARANGODB_HOSTS",
                            arango.hosts(),
                            "ARANGODB_PROTOCOL",
                            ArangoTestServer.DRIVER_PROTOCOL,
                            "ARANGODB_DATABASE",
                            "acme",
                            "ARANGODB_TENANT_USER",
                            TenantDatabase.userFor("acme"),
                            "ARANGODB_TENANT_PASSWORD",
                            acmePassword,
                            "KC_SPI_STORAGE__ARANGODB__ALLOWED_HOSTS",
                            arango.hosts()),
                    log);
            Stack stack = new Stack(
                    keycloak.baseUrl(),
                    "admin",
                    adminPassword,
                    arango.hosts(),
                    ArangoTestServer.DRIVER_PROTOCOL,
                    "root",
                    arangoPassword,
                    Optional.of(arango.requests()),
                    Optional.of(keycloak.process()));
            return new LocalStack(arango, keycloak, stack);
        } catch (IOException | RuntimeException e) {
            arango.close();
            throw new BenchmarkException("cannot start the benchmark's Keycloak: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        keycloak.close();
        arango.close();
    }

    /** {@code launcher/target/keycloak-<version>} of this project ({@code ./run.sh} or the build unpacks it). */
    private static Path defaultKeycloakHome() {
        try (InputStream in = LocalStack.class.getResourceAsStream("/keycloak-launcher.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return projectDirectory().resolve("launcher/target/keycloak-" + properties.getProperty("keycloak.version"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The project's root directory: this jar is {@code benchmarks/target/keycloak-benchmarks.jar} in it. */
    static Path projectDirectory() {
        try {
            return Path.of(LocalStack.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .getParent()
                    .resolve("../..")
                    .normalize();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (Files.exists(path)) {
            try (var paths = Files.walk(path)) {
                for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount())
                        .toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
