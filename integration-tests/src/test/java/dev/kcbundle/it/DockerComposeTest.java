package dev.kcbundle.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docker-compose.yml stays consistent with the build: same Keycloak version, every mounted file exists. */
class DockerComposeTest {

    private static JsonNode compose;

    @BeforeAll
    static void readCompose() throws IOException {
        compose = new ObjectMapper(new YAMLFactory()).readTree(KeycloakTestServer.projectFile("docker-compose.yml").toFile());
    }

    @Test
    void keycloakImagesFollowThePomVersion() {
        List<String> keycloakImages = new ArrayList<>();
        compose.at("/services").forEach(service -> {
            String image = service.path("image").asText();
            if (image.startsWith("quay.io/keycloak/")) {
                keycloakImages.add(image);
            }
        });
        assertThat(keycloakImages).hasSize(2)
                .containsOnly("quay.io/keycloak/keycloak:" + System.getProperty("keycloak.version"));
    }

    @Test
    void everyMountedProjectFileExistsAfterPackage() {
        List<Path> mounted = new ArrayList<>();
        compose.at("/services").forEach(service -> service.path("volumes").forEach(volume -> {
            String source = volume.asText().split(":")[0];
            if (source.startsWith("./")) {
                mounted.add(KeycloakTestServer.projectFile(source.substring(2)));
            }
        }));

        assertThat(mounted).isNotEmpty().allSatisfy(path -> assertThat(path).isRegularFile());
    }

    @Test
    void keycloakWaitsForAHealthyArangoDb() {
        assertThat(compose.at("/services/keycloak/depends_on/arangodb/condition").asText()).isEqualTo("service_healthy");
        assertThat(compose.at("/services/arangodb/healthcheck").isMissingNode()).isFalse();
        assertThat(compose.at("/services/keycloak/healthcheck").isMissingNode()).isFalse();
    }

    @Test
    void noSecretIsWrittenIntoTheComposeFile() throws IOException {
        String text = Files.readString(KeycloakTestServer.projectFile("docker-compose.yml"));
        assertThat(compose.at("/services/keycloak/environment/ARANGODB_PASSWORD").asText()).startsWith("${");
        assertThat(compose.at("/services/arangodb/environment/ARANGO_ROOT_PASSWORD").asText()).startsWith("${");
        assertThat(text).doesNotContainIgnoringCase("password: admin");
    }
}
