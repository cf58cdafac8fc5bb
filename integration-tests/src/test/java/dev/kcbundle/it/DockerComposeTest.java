package dev.kcbundle.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml is fit for production and for a demo, and consistent with the build: read as YAML (no Docker
 * engine needed, so {@code docker compose config} is not part of the build).
 */
class DockerComposeTest {

    private static final String TENANT_DATABASE_COMMAND = "dev.kcbundle.launcher.TenantDatabase";
    private static final String DEMO_USERS_COMMAND = "dev.kcbundle.launcher.DemoUsers";

    private static JsonNode compose;
    private static Map<String, JsonNode> services;

    @BeforeAll
    static void readCompose() {
        compose = ProjectYaml.read("docker-compose.yml");
        services = new TreeMap<>();
        compose.at("/services").fields().forEachRemaining(entry -> services.put(entry.getKey(), entry.getValue()));
    }

    @Test
    void keycloakImagesFollowThePomVersion() {
        List<String> keycloakImages = new ArrayList<>();
        services.values().forEach(service -> {
            String image = service.path("image").asText();
            if (image.startsWith("quay.io/keycloak/")) {
                keycloakImages.add(image);
            }
        });
        assertThat(keycloakImages)
                .isNotEmpty()
                .containsOnly("quay.io/keycloak/keycloak:" + System.getProperty("keycloak.version"));
    }

    @Test
    void everyMountedProjectFileExistsAfterPackage() {
        List<Path> mounted = new ArrayList<>();
        services.values()
                .forEach(service -> service.path("volumes").forEach(volume -> {
                    String source = volume.asText().split(":")[0];
                    if (source.startsWith("./")) {
                        mounted.add(KeycloakTestServer.projectFile(source.substring(2)));
                    }
                }));

        assertThat(mounted).isNotEmpty().allSatisfy(path -> assertThat(path).isRegularFile());
    }

    @Test
    void onlyKeycloakIsPublishedAndOnlyOnLoopback() {
        services.forEach((name, service) -> service.path("ports").forEach(port -> {
            String hostIp = port.isObject()
                    ? port.path("host_ip").asText()
                    : port.asText().split(":")[0];
            assertThat(hostIp).as("published port %s of %s", port, name).isEqualTo("127.0.0.1");
        }));
        assertThat(service("arangodb").has("ports"))
                .as("ArangoDB only on the compose network")
                .isFalse();
        assertThat(service("postgres").has("ports"))
                .as("PostgreSQL only on the compose network")
                .isFalse();
        assertThat(service("arangodb").has("network_mode")).isFalse();
    }

    @Test
    void noSecretOnAnyCommandLineHealthChecksIncluded() {
        services.forEach((name, service) -> {
            for (String commandLine : List.of(
                    text(service.path("command")),
                    text(service.path("entrypoint")),
                    text(service.path("healthcheck").path("test")))) {
                assertThat(commandLine)
                        .as("command line of %s", name)
                        .doesNotContainIgnoringCase("password")
                        .doesNotContainIgnoringCase("secret");
            }
            service.path("environment").fields().forEachRemaining(variable -> {
                if (variable.getKey().contains("PASSWORD")) {
                    assertThat(variable.getValue().asText())
                            .as("%s of %s", variable.getKey(), name)
                            .startsWith("${")
                            .contains(":?");
                }
            });
        });
        assertThat(text(service("arangodb").path("healthcheck").path("test")))
                .as("ArangoDB's public availability endpoint, no credential")
                .contains("/_admin/server/availability");
    }

    @Test
    void keycloakRunsInProductionModeWithHostnameHealthOnTheManagementPortAndPostgres() {
        JsonNode keycloak = service("keycloak");
        JsonNode environment = keycloak.path("environment");

        assertThat(keycloak.path("command").get(0).asText()).isEqualTo("start");
        assertThat(text(keycloak.path("command"))).doesNotContain("start-dev");
        assertThat(environment.path("KC_HOSTNAME").asText())
                .as("required, no default")
                .startsWith("${KC_HOSTNAME:?");
        assertThat(environment.path("KC_HEALTH_ENABLED").asText()).isEqualTo("true");
        assertThat(text(keycloak.path("healthcheck").path("test"))).contains("localhost/9000", "/health/ready");
        assertThat(environment.path("KC_DB").asText()).isEqualTo("postgres");
        assertThat(environment.path("KC_DB_URL").asText()).startsWith("jdbc:postgresql://postgres:");
        assertThat(keycloak.at("/depends_on/postgres/condition").asText()).isEqualTo("service_healthy");
        assertThat(service("postgres").path("healthcheck").isMissingNode()).isFalse();
        String dataVolume = namedVolumeOf(service("postgres"), "/var/lib/postgresql/data");
        assertThat(compose.at("/volumes").has(dataVolume))
                .as("volume %s declared", dataVolume)
                .isTrue();
    }

    @Test
    void keycloakGetsTheTenantAccountAndTheAllowedHostsButNeverTheRootPassword() {
        JsonNode environment = service("keycloak").path("environment");

        assertThat(environment.has("ARANGODB_TENANT_USER")).isTrue();
        assertThat(environment.has("ARANGODB_TENANT_PASSWORD")).isTrue();
        assertThat(environment.has("ARANGODB_PASSWORD")).isFalse();
        assertThat(environment.has("ARANGODB_USER")).isFalse();
        assertThat(environment.has("ARANGO_ROOT_PASSWORD")).isFalse();
        environment
                .fields()
                .forEachRemaining(variable -> assertThat(variable.getValue().asText())
                        .as(variable.getKey())
                        .doesNotContain("${ARANGODB_PASSWORD")
                        .doesNotContain("ARANGO_ROOT_PASSWORD"));
        assertThat(environment.path("KC_SPI_STORAGE__ARANGODB__ALLOWED_HOSTS").asText())
                .isEqualTo("arangodb:8529");
    }

    @Test
    void anInitServiceProvisionsTheTenantAccountBeforeKeycloakStarts() {
        List<String> initServices = services.entrySet().stream()
                .filter(entry -> commandLine(entry.getValue()).contains(TENANT_DATABASE_COMMAND))
                .map(Map.Entry::getKey)
                .toList();
        assertThat(initServices).hasSize(1);
        JsonNode init = service(initServices.get(0));

        assertThat(commandLine(init)).contains("--database", "--user");
        assertThat(init.path("environment").has("ARANGODB_PASSWORD")).isTrue();
        assertThat(init.path("environment").has("ARANGODB_TENANT_PASSWORD")).isTrue();
        assertThat(init.at("/depends_on/arangodb/condition").asText()).isEqualTo("service_healthy");
        assertThat(service("keycloak")
                        .at("/depends_on/" + initServices.get(0) + "/condition")
                        .asText())
                .isEqualTo("service_completed_successfully");
        assertThat(service("arangodb").path("healthcheck").isMissingNode()).isFalse();
        assertThat(service("keycloak").path("healthcheck").isMissingNode()).isFalse();
    }

    @Test
    void demoUsersOnlyInTheExplicitDemoProfile() {
        List<String> demo = services.entrySet().stream()
                .filter(entry -> commandLine(entry.getValue()).contains(DEMO_USERS_COMMAND))
                .map(Map.Entry::getKey)
                .toList();

        assertThat(demo)
                .isNotEmpty()
                .allSatisfy(
                        name -> assertThat(text(service(name).path("profiles"))).isEqualTo("demo"));
        assertThat(services.get("keycloak").has("profiles")).isFalse();
    }

    @Test
    void theClusterProfileAddsASecondNodeAndOneProxyInFrontOfBoth() {
        assertThat(text(service("keycloak-2").path("profiles"))).isEqualTo("cluster");
        assertThat(text(service("proxy").path("profiles"))).isEqualTo("cluster");
        assertThat(service("keycloak-2").has("ports"))
                .as("reached through the proxy only")
                .isFalse();
        assertThat(text(service("keycloak-2").path("command")))
                .startsWith("start")
                .doesNotContain("start-dev");
        assertThat(service("keycloak-2").at("/depends_on/keycloak/condition").asText())
                .as("starts after node 1 imported the realm")
                .isEqualTo("service_healthy");
        assertThat(service("proxy").at("/depends_on/keycloak-2/condition").asText())
                .isEqualTo("service_healthy");
        assertThat(service("proxy").path("ports")).hasSize(1);
    }

    @Test
    void bothNodesShareTheDatabaseCacheAndEverySetting() {
        JsonNode node1 = service("keycloak");
        JsonNode node2 = service("keycloak-2");

        assertThat(node2.path("environment")).isEqualTo(node1.path("environment"));
        assertThat(node2.path("image")).isEqualTo(node1.path("image"));
        assertThat(node2.path("volumes")).isEqualTo(node1.path("volumes"));
        JsonNode environment = node1.path("environment");
        assertThat(environment.path("KC_DB_URL").asText()).startsWith("jdbc:postgresql://postgres:");
        assertThat(environment.path("KC_CACHE").asText()).isEqualTo("ispn");
        assertThat(environment.path("KC_CACHE_STACK").asText())
                .as("discovery through the shared database")
                .isEqualTo("jdbc-ping");
        assertThat(environment.path("KC_METRICS_ENABLED").asText()).isEqualTo("true");
    }

    @Test
    void theProxyConfigurationSendsRequestsToBothNodes() throws IOException {
        JsonNode proxy = service("proxy");
        String mount = proxy.path("volumes").get(0).asText();
        assertThat(mount).endsWith(":/etc/nginx/nginx.conf:ro");
        String config = Files.readString(KeycloakTestServer.projectFile(mount.split(":")[0].substring(2)));

        List<String> upstreams = new ArrayList<>();
        Matcher server = Pattern.compile("(?m)^\\s*server\\s+([\\w.-]+:\\d+)").matcher(config);
        while (server.find()) {
            upstreams.add(server.group(1));
        }
        assertThat(upstreams).containsExactlyInAnyOrder("keycloak:8080", "keycloak-2:8080");
        String published = proxy.path("ports").get(0).asText();
        assertThat(config).containsPattern("listen\\s+" + published.substring(published.lastIndexOf(':') + 1) + ";");
        assertThat(config).contains("X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host");
    }

    @Test
    void noSecretIsWrittenIntoTheComposeFile() throws IOException {
        String text = Files.readString(KeycloakTestServer.projectFile("docker-compose.yml"));
        assertThat(service("arangodb").at("/environment/ARANGO_ROOT_PASSWORD").asText())
                .startsWith("${");
        assertThat(text)
                .doesNotContainIgnoringCase("password: admin")
                .doesNotContain("alice-demo")
                .doesNotContain("bob-demo");
    }

    private static JsonNode service(String name) {
        assertThat(services).containsKey(name);
        return services.get(name);
    }

    private static String commandLine(JsonNode service) {
        return text(service.path("entrypoint")) + " " + text(service.path("command"));
    }

    /** A command given as a list or as one string, joined with spaces. */
    private static String text(JsonNode node) {
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            node.forEach(part -> parts.add(part.asText()));
            return String.join(" ", parts);
        }
        return node.isMissingNode() ? "" : node.asText();
    }

    private static String namedVolumeOf(JsonNode service, String containerPath) {
        for (JsonNode volume : service.path("volumes")) {
            String[] parts = volume.asText().split(":");
            if (parts.length >= 2
                    && parts[1].equals(containerPath)
                    && !parts[0].startsWith(".")
                    && !parts[0].startsWith("/")) {
                return parts[0];
            }
        }
        throw new AssertionError("No named volume at " + containerPath + " in " + service);
    }
}
