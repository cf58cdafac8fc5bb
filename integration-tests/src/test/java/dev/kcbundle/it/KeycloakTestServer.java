package dev.kcbundle.it;

import dev.kcbundle.arangodb.testserver.ArangoTarget;
import dev.kcbundle.arangodb.testserver.ArangoTestServer;
import dev.kcbundle.launcher.KeycloakDistribution;
import dev.kcbundle.launcher.RunningKeycloak;
import dev.kcbundle.launcher.TenantDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Assumptions;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.opentest4j.TestAbortedException;
import org.testcontainers.DockerClientFactory;

/**
 * The one real Keycloak server of a test run, shared by every integration test class.
 * Booted on first use, stopped when the test JVM exits.
 *
 * <p>System property {@code keycloak.server} chooses how: {@code distribution} (default) starts the unpacked
 * {@code keycloak-quarkus-dist} with {@code kc.sh start-dev}; {@code container} starts the stock image through
 * testcontainers-keycloak and aborts (JUnit "skipped") when no Docker engine answers.
 * ArangoDB: a real server when {@code ARANGODB_HOSTS} is set, otherwise the in-memory stand-in. The admin credential
 * stays in the test JVM: Keycloak gets only acme's own account ({@code kc_acme}, provisioned by {@link TenantDatabase}),
 * and every test realm with an ArangoDB federation gets its own account through {@link ArangoConnection#tenantAccount}.
 */
public final class KeycloakTestServer {

    private static final Logger LOG = Logger.getLogger(KeycloakTestServer.class);
    public static final String REALM_TEMPLATE = "acme";
    static final String ADMIN_USER = "admin";
    /**
     * Operator option {@code create-database} of the {@code arangodb} provider in this test run: off, as in production;
     * the fixtures provision each database and its tenant account first (TenantDatabase), as an operator does.
     */
    public static final boolean CREATE_DATABASE = false;

    private static KeycloakTestServer shared;
    private static RuntimeException bootFailure;

    private final String baseUrl;
    private final String managementUrl;
    private final String adminPassword;
    private final ArangoConnection arango;
    private final TenantAccount acmeAccount;
    private final Keycloak admin;

    private KeycloakTestServer(
            String baseUrl,
            String managementUrl,
            String adminPassword,
            ArangoConnection arango,
            TenantAccount acmeAccount) {
        this.baseUrl = baseUrl;
        this.managementUrl = managementUrl;
        this.adminPassword = adminPassword;
        this.arango = arango;
        this.acmeAccount = acmeAccount;
        this.admin = adminClient("master", "admin-cli", ADMIN_USER, adminPassword);
    }

    /** The server of this test run; the first call boots it (or marks the caller skipped, see class comment). */
    public static synchronized KeycloakTestServer shared() {
        if (bootFailure != null) {
            throw new IllegalStateException("Keycloak failed to start earlier in this test run", bootFailure);
        }
        if (shared == null) {
            try {
                shared = boot();
            } catch (RuntimeException e) {
                if (!(e instanceof TestAbortedException)) {
                    bootFailure = e;
                }
                throw e;
            }
        }
        return shared;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Keycloak's management interface (health, {@code /metrics}: metrics are enabled in every test run). */
    public String managementUrl() {
        return managementUrl;
    }

    public String realmUrl(String realm) {
        return baseUrl + "/realms/" + realm;
    }

    /** An admin client of the master realm, signed in as the bootstrap admin. */
    public Keycloak admin() {
        return admin;
    }

    /** A client for any realm and user, for tests that act as a user or a service. */
    public Keycloak adminClient(String realm, String clientId, String username, String password) {
        return KeycloakBuilder.builder()
                .serverUrl(baseUrl)
                .realm(realm)
                .clientId(clientId)
                .username(username)
                .password(password)
                .build();
    }

    public String adminPassword() {
        return adminPassword;
    }

    /** The ArangoDB this Keycloak talks to, as seen from the test JVM (with the operator's admin credential). */
    public ArangoConnection arango() {
        return arango;
    }

    /** The {@code acme} realm's own ArangoDB account, the one Keycloak was started with. */
    public TenantAccount acmeAccount() {
        return acmeAccount;
    }

    /** A tenant's own ArangoDB account: read/write on its database only. */
    public record TenantAccount(String user, String password) {}

    /**
     * The test run's ArangoDB ({@link ArangoTarget#fromEnvironment()}): host list and admin credential, and the
     * in-memory stand-in itself when that is what runs (its request counter and outage switch); empty against a real
     * ArangoDB, where tests needing it are skipped.
     */
    public record ArangoConnection(ArangoTarget target) {

        public String hosts() {
            return target.hosts();
        }

        public String user() {
            return target.user();
        }

        public String password() {
            return target.password();
        }

        public Optional<ArangoTestServer> inMemory() {
            return target.standIn();
        }

        /** The in-memory stand-in, or the calling test is marked skipped (running against a real ArangoDB). */
        public ArangoTestServer inMemoryOrSkip() {
            Assumptions.assumeTrue(
                    target.isStandIn(),
                    "Needs the in-memory ArangoDB stand-in (request counter, outage switch); ARANGODB_HOSTS is set");
            return target.standIn().orElseThrow();
        }

        /**
         * The {@code arangodb} federation's {@code protocol} for this ArangoDB: HTTP/1.1 JSON for the stand-in (all it
         * answers), else {@code ARANGODB_PROTOCOL} or the federation's default.
         */
        public String protocol() {
            return target.isStandIn()
                    ? ArangoTestServer.DRIVER_PROTOCOL
                    : Optional.ofNullable(System.getenv("ARANGODB_PROTOCOL")).orElse("HTTP2_JSON");
        }

        /**
         * Creates {@code database} when missing and its own account {@code kc_<database>} with a new password and
         * read/write on that database only (a new password when it exists), as the NewTenant command does.
         */
        public TenantAccount tenantAccount(String database) {
            TenantAccount account = new TenantAccount(TenantDatabase.userFor(database), TenantDatabase.newPassword());
            provision(database, account);
            return account;
        }

        /** Creates {@code database} when missing and grants {@code account} read/write there (keeping its password). */
        public void provision(String database, TenantAccount account) {
            try {
                TenantDatabase.provision(hosts(), user(), password(), database, account.user(), account.password());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static KeycloakTestServer boot() {
        String mode = System.getProperty("keycloak.server", "distribution");
        if (mode.equals("container")) {
            assumeDocker();
        }
        String adminPassword = UUID.randomUUID().toString();
        ArangoConnection arango = startArangoDb();
        KeycloakTestServer server = switch (mode) {
            case "distribution" -> bootDistribution(adminPassword, arango);
            case "container" -> ContainerKeycloak.boot(adminPassword, arango);
            default -> throw new IllegalArgumentException("keycloak.server must be distribution or container: " + mode);
        };
        LOG.infof("Keycloak for the integration tests: %s (%s)", server.baseUrl, mode);
        return server;
    }

    static KeycloakTestServer create(
            String baseUrl,
            String managementUrl,
            String adminPassword,
            ArangoConnection arango,
            TenantAccount acmeAccount) {
        return new KeycloakTestServer(baseUrl, managementUrl, adminPassword, arango, acmeAccount);
    }

    private static KeycloakTestServer bootDistribution(String adminPassword, ArangoConnection arango) {
        KeycloakDistribution distribution = new KeycloakDistribution(Path.of(System.getProperty("keycloak.home")));
        distribution.resetData();
        distribution.addRealmImport(projectFile("realm-export.json"), REALM_TEMPLATE + "-realm.json");
        Path log = distribution.home().resolve("keycloak-it.log");
        TenantAccount acme = arango.tenantAccount(REALM_TEMPLATE);
        RunningKeycloak keycloak =
                distribution.start(freePort(), freePort(), keycloakEnvironment(adminPassword, arango, acme), log);
        Runtime.getRuntime().addShutdownHook(new Thread(keycloak::close));
        LOG.infof("Keycloak log: %s", log);
        return new KeycloakTestServer(keycloak.baseUrl(), keycloak.managementUrl(), adminPassword, arango, acme);
    }

    /** Keycloak's environment in the tests: bootstrap admin, acme's own ArangoDB account, the operator options. */
    static Map<String, String> keycloakEnvironment(String adminPassword, ArangoConnection arango, TenantAccount acme) {
        return Map.of(
                "KC_BOOTSTRAP_ADMIN_USERNAME",
                ADMIN_USER,
                "KC_BOOTSTRAP_ADMIN_PASSWORD",
                adminPassword,
                "ARANGODB_HOSTS",
                arango.hosts(),
                "ARANGODB_PROTOCOL",
                arango.protocol(),
                "ARANGODB_DATABASE",
                REALM_TEMPLATE,
                "ARANGODB_TENANT_USER",
                acme.user(),
                "ARANGODB_TENANT_PASSWORD",
                acme.password(),
                "KC_SPI_STORAGE__ARANGODB__ALLOWED_HOSTS",
                allowedArangoHosts(arango.hosts()),
                "KC_SPI_STORAGE__ARANGODB__CREATE_DATABASE",
                Boolean.toString(CREATE_DATABASE),
                "KC_METRICS_ENABLED",
                "true");
    }

    /** An allowed ArangoDB address where nothing listens, for the "cannot connect" answer. */
    public static final String UNREACHABLE_ARANGO_HOST = "127.0.0.1:1";
    /** An allowed ArangoDB host whose name never resolves (RFC 6761 {@code .invalid}). */
    public static final String UNKNOWN_ARANGO_HOST = "arangodb.invalid:8529";
    /** A loopback address of its own (Linux answers all of 127/8), every port allowed, for tests' broken servers. */
    public static final String FAULTY_ARANGO_ADDRESS = "127.0.0.2";

    /**
     * Operator option {@code allowed-hosts}: exactly the test run's ArangoDB hosts, a loopback one under both its
     * names (localhost and 127.0.0.1, same port), {@link #UNREACHABLE_ARANGO_HOST}, {@link #UNKNOWN_ARANGO_HOST} and
     * every port of {@link #FAULTY_ARANGO_ADDRESS}; no other port.
     */
    public static String allowedArangoHosts(String hosts) {
        LinkedHashSet<String> allowed = new LinkedHashSet<>();
        for (ArangoTarget.Endpoint host : ArangoTarget.Endpoint.listOf(hosts)) {
            if (host.host().equals("localhost") || host.host().equals("127.0.0.1")) {
                allowed.add("localhost:" + host.port());
                allowed.add("127.0.0.1:" + host.port());
            } else {
                allowed.add(host.toString());
            }
        }
        allowed.add(UNREACHABLE_ARANGO_HOST);
        allowed.add(UNKNOWN_ARANGO_HOST);
        allowed.add(FAULTY_ARANGO_ADDRESS);
        return String.join(",", allowed);
    }

    /** The test run's ArangoDB: {@link ArangoTarget#fromEnvironment()}, a stand-in stopped when the JVM exits. */
    static ArangoConnection startArangoDb() {
        ArangoTarget target = ArangoTarget.fromEnvironment();
        Runtime.getRuntime().addShutdownHook(new Thread(target::close));
        return new ArangoConnection(target);
    }

    /** A file of the project root (realm-export.json, docker-compose.yml, ...). */
    public static Path projectFile(String name) {
        return Path.of(System.getProperty("project.root", "..")).resolve(name).normalize();
    }

    private static void assumeDocker() {
        Assumptions.assumeTrue(
                DockerClientFactory.instance().isDockerAvailable(),
                "No Docker engine answers: the container variant of the integration tests is skipped");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
