package dev.kcbundle.it;

import dasniko.testcontainers.keycloak.KeycloakContainer;
import dev.kcbundle.arangodb.testserver.ArangoTarget;
import java.nio.file.Path;
import java.util.List;
import org.testcontainers.Testcontainers;

/** The container variant: the stock quay.io/keycloak/keycloak image with the bundle, via testcontainers-keycloak. */
final class ContainerKeycloak {

    private ContainerKeycloak() {}

    static KeycloakTestServer boot(String adminPassword, KeycloakTestServer.ArangoConnection arango) {
        String arangoHostsInContainer = exposeToContainer(arango.hosts());
        KeycloakTestServer.TenantAccount acme = arango.tenantAccount(KeycloakTestServer.REALM_TEMPLATE);
        KeycloakContainer keycloak = new KeycloakContainer(
                        "quay.io/keycloak/keycloak:" + System.getProperty("keycloak.version"))
                .withAdminUsername(KeycloakTestServer.ADMIN_USER)
                .withAdminPassword(adminPassword)
                .withProviderLibsFrom(
                        List.of(Path.of(System.getProperty("bundle.jar")).toFile()))
                .withRealmImportFile("realm-export.json")
                .withEnv("ARANGODB_HOSTS", arangoHostsInContainer)
                .withEnv("ARANGODB_DATABASE", KeycloakTestServer.REALM_TEMPLATE)
                .withEnv("ARANGODB_TENANT_USER", acme.user())
                .withEnv("ARANGODB_TENANT_PASSWORD", acme.password())
                .withEnv(
                        "KC_SPI_STORAGE__ARANGODB__ALLOWED_HOSTS",
                        KeycloakTestServer.allowedArangoHosts(arangoHostsInContainer))
                .withEnv(
                        "KC_SPI_STORAGE__ARANGODB__CREATE_DATABASE",
                        Boolean.toString(KeycloakTestServer.CREATE_DATABASE))
                .withEnabledMetrics();
        keycloak.start();
        Runtime.getRuntime().addShutdownHook(new Thread(keycloak::stop));
        return KeycloakTestServer.create(
                keycloak.getAuthServerUrl(), keycloak.getMgmtServerUrl(), adminPassword, arango, acme);
    }

    /** Makes a loopback ArangoDB reachable from inside the container. */
    private static String exposeToContainer(String hosts) {
        ArangoTarget.Endpoint first = ArangoTarget.Endpoint.firstOf(hosts);
        if (!first.isLoopback()) {
            return hosts;
        }
        Testcontainers.exposeHostPorts(first.port());
        return "host.testcontainers.internal:" + first.port();
    }
}
