package dev.kcbundle.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code .github/workflows/ci.yml} (which these machines cannot run, a fork on GitHub runs as is) is well-formed and in
 * step with the build: the ArangoDB it tests against is the one docker-compose.yml runs, the JDK is the pom's release,
 * the tests run through .ci/run, and the compose job starts the profiles it then checks.
 */
class GitHubWorkflowTest {

    private static JsonNode workflow;
    private static JsonNode compose;

    @BeforeAll
    static void read() {
        workflow = ProjectYaml.read(".github/workflows/ci.yml");
        compose = ProjectYaml.read("docker-compose.yml");
    }

    @Test
    void bothJobsExistOnGitHubHostedRunners() {
        assertThat(workflow.path("jobs").has("verify")).isTrue();
        assertThat(workflow.path("jobs").has("compose")).isTrue();
        workflow.path("jobs").forEach(job -> {
            assertThat(job.path("runs-on").asText()).startsWith("ubuntu-");
            assertThat(job.path("timeout-minutes").asInt()).isBetween(1, 60);
            assertThat(job.path("steps").isArray()).isTrue();
        });
    }

    @Test
    void verifyRunsTheReadmeTestCommandAgainstTheArangoDbOfTheComposeFile() throws IOException {
        JsonNode verify = workflow.at("/jobs/verify");
        JsonNode arangodb = verify.at("/services/arangodb");

        assertThat(arangodb.path("image").asText())
                .isEqualTo(compose.at("/services/arangodb/image").asText())
                .startsWith("arangodb:3.12");
        assertThat(verify.at("/env/ARANGODB_HOSTS").asText()).isEqualTo("arangodb:8529");
        assertThat(verify.at("/env/ARANGODB_PASSWORD").asText())
                .isEqualTo(arangodb.at("/env/ARANGO_ROOT_PASSWORD").asText())
                .startsWith("ci-${{ github.run_id }}");
        assertThat(runs(verify)).anyMatch(run -> run.strip().equals("bash .ci/run"));
        assertThat(Files.readString(KeycloakTestServer.projectFile(".ci/run"))).contains("\nmvn -B verify\n");
    }

    @Test
    void theJavaVersionIsThePomsRelease() throws IOException {
        String release = pomProperty("maven.compiler.release");

        assertThat(String.join("\n", runs(workflow.at("/jobs/verify")))).contains("openjdk-" + release + "-jdk");
        List<String> setupJava = new ArrayList<>();
        workflow.at("/jobs/compose/steps").forEach(step -> {
            if (step.path("uses").asText().startsWith("actions/setup-java@")) {
                setupJava.add(step.at("/with/java-version").asText());
            }
        });
        assertThat(setupJava).containsExactly(release);
    }

    @Test
    void composeStartsTheDemoAndClusterProfilesAndChecksTheLoginThroughTheProxy() {
        JsonNode job = workflow.at("/jobs/compose");
        String runs = String.join("\n", runs(job));

        assertThat(runs)
                .contains("mvn -B -q package -DskipTests")
                .contains("docker compose up -d")
                .contains("bash .ci/compose-smoke");
        assertThat(job.at("/env/COMPOSE_PROFILES").asText().split(",")).containsExactlyInAnyOrder("demo", "cluster");
        Path smoke = KeycloakTestServer.projectFile(".ci/compose-smoke");
        assertThat(smoke).isRegularFile().isExecutable();
        String proxyPort = compose.at("/services/proxy/ports/0").asText().split(":")[1];
        assertThat(job.at("/env/KC_HOSTNAME").asText()).isEqualTo("http://localhost:" + proxyPort);
        assertThat(runs).contains("http://localhost:" + proxyPort);
    }

    @Test
    void noSecretIsWrittenIntoTheWorkflow() throws IOException {
        String text = Files.readString(KeycloakTestServer.projectFile(".github/workflows/ci.yml"));
        Matcher password = Pattern.compile("(?im)password:\\s*(.*)$").matcher(text);
        int passwords = 0;
        for (; password.find(); passwords++) {
            assertThat(password.group(1))
                    .as("a password of this run, never a literal")
                    .contains("${{ github.run_id }}");
        }
        assertThat(passwords).isEqualTo(2);
        assertThat(text).doesNotContain("alice-demo");
        assertThat(runs(workflow.at("/jobs/compose"))).anyMatch(run -> run.contains("::add-mask::"));
    }

    private static List<String> runs(JsonNode job) {
        List<String> runs = new ArrayList<>();
        job.path("steps").forEach(step -> {
            if (step.has("run")) {
                runs.add(step.path("run").asText());
            }
        });
        return runs;
    }

    private static String pomProperty(String name) throws IOException {
        String pom = Files.readString(KeycloakTestServer.projectFile("pom.xml"));
        Matcher value =
                Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        assertThat(value.find()).as("property %s in pom.xml", name).isTrue();
        return value.group(1).trim();
    }
}
