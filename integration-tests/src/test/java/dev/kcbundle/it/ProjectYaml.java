package dev.kcbundle.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.yaml.snakeyaml.Yaml;

/**
 * A YAML file of the project (docker-compose.yml, the GitHub workflow) read as Compose and GitHub read it: anchors,
 * aliases and merge keys ({@code <<: *node}) resolved; as a Jackson tree for the checks.
 */
public final class ProjectYaml {

    private ProjectYaml() {}

    public static JsonNode read(String projectFile) {
        try (Reader reader = Files.newBufferedReader(KeycloakTestServer.projectFile(projectFile))) {
            Object document = new Yaml().load(reader);
            return new ObjectMapper().valueToTree(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
