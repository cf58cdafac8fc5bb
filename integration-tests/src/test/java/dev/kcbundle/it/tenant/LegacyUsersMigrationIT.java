package dev.kcbundle.it.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcbundle.it.HttpJson;
import dev.kcbundle.it.KeycloakTestServer;
import dev.kcbundle.it.TestRealm;
import dev.kcbundle.it.storage.ArangoHttp;
import dev.kcbundle.it.storage.LoginPages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 end to end: the users of the application this bundle replaces, in its own {@code User} shape (bcrypt hashes
 * made by a real bcrypt implementation, at.favre.lib:bcrypt, in its $2a$, $2b$ and $2y$ variants; group and role
 * references by name), imported into a tenant realm's ArangoDB with the import command's jar, as an operator runs it
 * with the tenant's own ArangoDB account; they sign in through Keycloak's login form (code + PKCE) with their old
 * passwords (a user without the names the realm's user profile requires is asked for them once), their tokens carry
 * groups, roles and policies, the stored hash is Keycloak's after one login, and importing the same file again
 * changes nothing (no document written).
 */
class LegacyUsersMigrationIT {

    private static final Path IMPORT_JAR = KeycloakTestServer.projectFile("user-import/target/user-import.jar");
    private static final String WEBAPP_A_URL = "http://webapp-a.example";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROFILE_FORM = "#kc-update-profile-form";

    /** A user of the old application: its document, and the password only the user knows. */
    private record LegacyUser(Map<String, Object> document, String password) {
        String username() {
            return (String) document.get("username");
        }

        String key() {
            return String.valueOf(document.get("id"));
        }
    }

    private static final List<LegacyUser> USERS = List.of(
            legacy(
                    1001,
                    "ada",
                    "Ada@Example.org",
                    "Ada Lovelace",
                    "ada-old-pass-1",
                    BCrypt.Version.VERSION_2A,
                    "exam-board",
                    "manager"),
            legacy(
                    1002,
                    "ben",
                    "ben@example.org",
                    "Ben Okri",
                    "ben-old-pass-2",
                    BCrypt.Version.VERSION_2B,
                    List.of("office"),
                    List.of("employee", "api-server/reader")),
            legacy(
                    1003,
                    "cleo",
                    "cleo@example.org",
                    null,
                    "cleo-old-pass-3",
                    BCrypt.Version.VERSION_2Y,
                    List.of("/staff/teachers", "no-such-group"),
                    "employee"));

    @RegisterExtension
    static final TestRealm tenant = TestRealm.fromTemplate(
            "migration",
            Map.of(
                    "WEBAPP_A_URL",
                    WEBAPP_A_URL,
                    "WEBAPP_B_URL",
                    "http://webapp-b.example",
                    "PARTNER_PORTAL_URL",
                    "http://partner.example"));

    @TempDir
    static Path dir;

    @Test
    void legacyUsersSignInThroughTheLoginFormWithTheirOldPasswordsAndASecondImportChangesNothing() throws Exception {
        Path fixture = legacyUserFile();

        Run first = importUsers(fixture);

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("3 read, 3 created, 0 updated, 0 unchanged, 0 rejected");
        for (LegacyUser user : USERS) {
            assertThat(credential(user))
                    .as(user.username())
                    .containsEntry("legacyHash", user.document().get("password"))
                    .doesNotContainKeys("credentialData", "secretData");
        }

        AuthorizationCodeLogin webApp = new AuthorizationCodeLogin(tenant.issuer(), "webapp-a", WEBAPP_A_URL);
        LoginPages.Page refused = webApp.signIn("openid", null, "ada", "not-adas-password");
        assertThat(LoginPages.reachedCallback(refused)).isFalse();
        assertThat(refused.messages()).contains("Invalid username or password");
        assertThat(credential(USERS.get(0)))
                .as("a wrong password upgrades nothing")
                .containsKey("legacyHash");

        JsonNode ada = claims(webApp, "ada", "ada-old-pass-1");
        assertThat(ada.get("groups").toString()).contains("/staff/teachers/exam-board");
        assertThat(ada.get("roles").toString()).contains("manager");
        assertThat(ada.get("policies").toString()).contains("academic:write", "team:manage");
        JsonNode ben = claims(
                new AuthorizationCodeLogin(tenant.issuer(), "webapp-a", WEBAPP_A_URL),
                "BEN@example.org",
                "ben-old-pass-2");
        assertThat(ben.path("preferred_username").asText()).isEqualTo("ben");
        assertThat(ben.path("name").asText()).isEqualTo("Ben Okri");
        assertThat(ben.get("groups").toString()).contains("/staff/office");
        assertThat(ben.get("roles").toString()).contains("employee", "api-server:reader");
        assertThat(ben.get("policies").toString()).contains("contact:write", "profile:read", "api:read");
        AuthorizationCodeLogin cleosApp = new AuthorizationCodeLogin(tenant.issuer(), "webapp-a", WEBAPP_A_URL);
        LoginPages.Page profile = cleosApp.signIn("openid", null, "cleo", "cleo-old-pass-3");
        assertThat(profile.document().selectFirst(PROFILE_FORM))
                .as(
                        "the realm's user profile asks for the names the" + " old application did not keep: %s",
                        profile.uri())
                .isNotNull();
        JsonNode cleo = HttpJson.jwtPayload(cleosApp.exchange(
                        cleosApp.submit(profile, PROFILE_FORM, Map.of("firstName", "Cleo", "lastName", "Laine")))
                .get("access_token")
                .asText());
        assertThat(cleo.path("name").asText()).isEqualTo("Cleo Laine");
        assertThat(cleo.get("groups").toString())
                .as("the unknown group is ignored")
                .contains("/staff/teachers")
                .doesNotContain("no-such-group");
        assertThat(cleo.get("policies").toString()).contains("academic:read", "profile:read");

        for (LegacyUser user : USERS) {
            assertThat(credential(user))
                    .as("%s after one login", user.username())
                    .containsKeys("credentialData", "secretData", "algorithm")
                    .doesNotContainKey("legacyHash");
        }

        Map<String, Object> revisions = revisions();
        Run second = importUsers(fixture);

        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).contains("3 read, 0 created, 0 updated, 3 unchanged, 0 rejected");
        assertThat(revisions()).as("no document written").isEqualTo(revisions);
        assertThat(claims(
                                new AuthorizationCodeLogin(tenant.issuer(), "webapp-a", WEBAPP_A_URL),
                                "ada",
                                "ada-old-pass-1")
                        .get("groups")
                        .toString())
                .contains("/staff/teachers/exam-board");
    }

    /** A user of the old application; {@code name} "first last", or null when it kept none. */
    private static LegacyUser legacy(
            int id,
            String username,
            String email,
            String name,
            String password,
            BCrypt.Version version,
            Object groupid,
            Object roleid) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", id);
        document.put("username", username);
        document.put("email", email);
        if (name != null) {
            document.put("firstName", name.split(" ")[0]);
            document.put("lastName", name.split(" ")[1]);
        }
        document.put("password", BCrypt.with(version).hashToString(10, password.toCharArray()));
        document.put("groupid", groupid);
        document.put("roleid", roleid);
        return new LegacyUser(document, password);
    }

    /** The old application's User collection as JSON lines, as {@code arangoexport --type jsonl} writes it. */
    private static Path legacyUserFile() throws IOException {
        List<String> lines = new ArrayList<>();
        for (LegacyUser user : USERS) {
            lines.add(JSON.writeValueAsString(user.document()));
        }
        return Files.write(dir.resolve("User.jsonl"), lines);
    }

    private record Run(int exitCode, String out, String err) {}

    /** The import command's jar, run with the tenant's own ArangoDB account (password in the environment). */
    private static Run importUsers(Path file) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder command = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        IMPORT_JAR.toString(),
                        "import",
                        "--hosts",
                        tenant.server().arango().hosts(),
                        "--user",
                        tenant.arangoAccount().user(),
                        "--protocol",
                        tenant.server().arango().protocol(),
                        "--database",
                        tenant.name(),
                        file.toString())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        command.environment().put("ARANGODB_PASSWORD", tenant.arangoAccount().password());
        Process process = command.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("the import did not finish within 2 minutes");
        }
        return new Run(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static JsonNode claims(AuthorizationCodeLogin webApp, String username, String password) {
        JsonNode tokens = webApp.exchange(webApp.signIn("openid", null, username, password));
        return HttpJson.jwtPayload(tokens.get("access_token").asText());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> credential(LegacyUser user) {
        ArangoHttp.Answer answer = tenant.documents().call("GET", "/_api/document/users/" + user.key(), null);
        assertThat(answer.status()).as("document of %s", user.username()).isEqualTo(200);
        return JSON.convertValue(answer.body().get("credential"), Map.class);
    }

    private static Map<String, Object> revisions() {
        Map<String, Object> revisions = new LinkedHashMap<>();
        tenant.documents()
                .query("FOR u IN users RETURN [u._key, u._rev]", Map.of())
                .forEach(pair -> revisions.put(String.valueOf(((List<?>) pair).get(0)), ((List<?>) pair).get(1)));
        return revisions;
    }
}
