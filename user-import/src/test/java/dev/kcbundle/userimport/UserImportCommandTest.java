package dev.kcbundle.userimport;

import static org.assertj.core.api.Assertions.assertThat;

import com.arangodb.ArangoCollection;
import com.arangodb.ArangoDB;
import com.arangodb.ArangoDatabase;
import com.arangodb.Protocol;
import com.arangodb.entity.IndexEntity;
import com.arangodb.model.DocumentUpdateOptions;
import dev.kcbundle.arangodb.testserver.ArangoTarget;
import dev.kcbundle.arangodb.testserver.ArangoTestServer;
import dev.kcbundle.userstorage.ArangoStorageConfig;
import dev.kcbundle.userstorage.document.SearchKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command as an operator runs it, against the in-memory ArangoDB stand-in (or a real ArangoDB when
 * {@code ARANGODB_HOSTS} is set): what it prints, its exit code and the documents it leaves, read back through the
 * driver.
 */
class UserImportCommandTest {

    private static final String BCRYPT = "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy";
    /** The stand-in answers HTTP/1.1 JSON only; a real ArangoDB ({@code ARANGODB_HOSTS}) gets the default. */
    private static String protocol;

    private static ArangoTarget target;
    private static ArangoDB arango;

    @TempDir
    Path dir;

    private ArangoDatabase database;
    private String out;
    private String err;

    @BeforeAll
    static void startArangoDb() {
        target = ArangoTarget.fromEnvironment();
        arango = target.driver();
        protocol = target.isStandIn() ? ArangoTestServer.DRIVER_PROTOCOL : ArangoStorageConfig.DEFAULT_PROTOCOL.name();
    }

    @AfterAll
    static void stopArangoDb() {
        arango.shutdown();
        target.close();
    }

    @BeforeEach
    void tenantDatabase() {
        String name = "tenant" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        arango.createDatabase(name);
        database = arango.db(name);
    }

    @AfterEach
    void dropDatabase() {
        database.drop();
    }

    @Test
    void importsJsonLinesAsTheProvidersDocumentsAndASecondRunChangesNothing() throws IOException {
        Path file = write(
                "users.jsonl",
                "{\"id\": \"u1\", \"username\": \"Alice\", \"email\": \"Alice@Example.org\", \"firstName\": \"Alice\","
                        + " \"groups\": [\"/staff/office\"], \"realmRoles\": [\"manager\"],"
                        + " \"clientRoles\": {\"api-server\": [\"reader\"]}, \"attributes\": {\"policies\": [\"self:read\"]},"
                        + " \"password\": \"" + BCRYPT + "\"}",
                "",
                "{\"username\": \"bob\", \"email\": \"bob@example.org\", \"enabled\": false, \"createdTimestamp\": 1700000000000}");

        assertThat(importUsers(file.toString())).isZero();
        assertThat(out).contains("2 read, 2 created, 0 updated, 0 unchanged, 0 rejected");

        Map<String, Object> alice = users().getDocument("u1", Map.class);
        assertThat(alice)
                .containsEntry("username", "Alice")
                .containsEntry("usernameLower", "alice")
                .containsEntry("email", "Alice@Example.org")
                .containsEntry("emailLower", "alice@example.org")
                .containsEntry("enabled", true)
                .containsEntry("emailVerified", false)
                .containsEntry("groups", List.of("/staff/office"))
                .containsEntry("roles", List.of("manager", "api-server/reader"))
                .containsEntry("attributes", Map.of("policies", List.of("self:read")));
        assertThat((List<String>) alice.get("searchGrams")).contains("ali", "exa");
        assertThat((List<String>) alice.get("searchPrefixes")).contains("ali", "alice@example.org");
        assertThat((List<String>) alice.get("lookupKeys"))
                .contains(SearchKeys.group("/staff/office"), SearchKeys.attribute("policies", "self:read"));
        Map<String, Object> credential = (Map<String, Object>) alice.get("credential");
        assertThat(credential)
                .containsEntry("type", "password")
                .containsEntry("legacyHash", BCRYPT)
                .containsKey("createdDate")
                .doesNotContainKeys("credentialData", "secretData");
        Map<String, Object> bob = users().getDocument(UserKeys.of(null, "bob"), Map.class);
        assertThat(bob)
                .containsEntry("enabled", false)
                .containsEntry("createdTimestamp", 1700000000000L)
                .doesNotContainKey("credential");
        assertThat(users().getIndexes())
                .extracting(IndexEntity::getName)
                .contains(
                        "kc_username_unique",
                        "kc_email_unique",
                        "kc_search_grams",
                        "kc_lookup_keys",
                        "kc_search_prefixes");

        List<String> revisions = revisions();
        assertThat(importUsers(file.toString())).isZero();
        assertThat(out).contains("2 read, 0 created, 0 updated, 2 unchanged, 0 rejected");
        assertThat(revisions()).isEqualTo(revisions);
        assertThat(users().count().getCount()).isEqualTo(2);
    }

    @Test
    void aChangedRowUpdatesOnlyWhatItGivesAndKeepsWhatKeycloakAdded() throws IOException {
        importUsers(write(
                        "a.jsonl",
                        "{\"username\": \"carol\", \"email\": \"carol@example.org\", \"password\": \"" + BCRYPT + "\"}")
                .toString());
        String key = UserKeys.of(null, "carol");
        Map<String, Object> upgraded = Map.of(
                "type",
                "password",
                "algorithm",
                "argon2",
                "createdDate",
                1800000000000L,
                "credentialData",
                "{\"algorithm\":\"argon2\"}",
                "secretData",
                "{\"value\":\"x\"}");
        users().updateDocument(
                        key,
                        Map.of("credential", upgraded, "attributes", Map.of("active_group", List.of("g-1"))),
                        new DocumentUpdateOptions().mergeObjects(false));

        int code = importUsers(write(
                        "b.jsonl",
                        "{\"username\": \"carol\", \"email\": \"carol@example.org\","
                                + " \"lastName\": \"Lee\", \"password\": \"" + BCRYPT
                                + "\", \"attributes\": {\"policies\": [\"p\"]}}")
                .toString());

        assertThat(code).isZero();
        assertThat(out).contains("1 read, 0 created, 1 updated, 0 unchanged");
        Map<String, Object> carol = users().getDocument(key, Map.class);
        assertThat(carol)
                .containsEntry("lastName", "Lee")
                .containsEntry("credential", upgraded)
                .containsEntry("attributes", Map.of("active_group", List.of("g-1"), "policies", List.of("p")));
    }

    @Test
    void rejectsBadRowsWithTheirLinesAndImportsTheRest() throws IOException {
        arango.db(database.name()).collection("users").create();
        users().insertDocument(Map.of(
                "_key",
                "held",
                "username",
                "dora",
                "usernameLower",
                "dora",
                "email",
                "Dora@Example.org",
                "emailLower",
                "dora@example.org"));
        Path file = write(
                "users.jsonl",
                "{\"username\": \"ok1\", \"email\": \"Same@Example.org\"}",
                "{\"email\": \"nobody@example.org\"}",
                "{\"username\": \"bad-mail\", \"email\": \"not an address\"}",
                "{\"username\": \"ok2\", \"email\": \"same@EXAMPLE.org\"}",
                "{\"username\": \"OK1\"}",
                "{\"username\": \"thief\", \"email\": \"DORA@example.org\"}",
                "{\"username\": \"half\", \"credentials\": [{\"type\": \"password\", \"secretData\": \"{}\"}]}",
                "{not json",
                "{\"username\": \"ok3\"}",
                "{\"id\": \"x1\", \"username\": \"pat\"}",
                "{\"id\": \"x1\", \"username\": \"quinn\"}");
        Path rejectsFile = dir.resolve("rejects.txt");

        int code = importUsers(file.toString(), "--rejects", rejectsFile.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out).contains("11 read, 3 created, 0 updated, 0 unchanged, 8 rejected");
        List<String> expected = List.of(
                "line 2: the username is missing",
                "line 3: \"not an address\" is not a valid e-mail address",
                "line 4: e-mail \"same@EXAMPLE.org\" is already used on line 1",
                "line 5: username \"OK1\" is already used on line 1",
                "line 6: e-mail \"DORA@example.org\" already belongs to another user in the collection (key held)",
                "line 7: a Keycloak credential needs both credentialData and secretData",
                "line 11: id \"x1\" is already used on line 10");
        assertThat(err).contains(expected).contains("line 8: not valid JSON");
        assertThat(Files.readAllLines(rejectsFile)).hasSize(8).containsAll(expected);
        assertThat(users().count().getCount()).isEqualTo(4);
        assertThat(users().documentExists(UserKeys.of(null, "ok3"))).isTrue();
    }

    @Test
    void importsCsvWithQuotedCellsListsAttributesAndAKeycloakCredential() throws IOException {
        Path file = write(
                "users.csv",
                "id,username,email,firstName,groups,roles,attributes.policies,credentialData,secretData,credentialCreatedDate",
                "7,erin,erin@example.org,\"Erin, \"\"E\"\"\",/staff/office|teachers,manager|api-server/reader,a:read|b:write,"
                        + "\"{\"\"algorithm\"\":\"\"pbkdf2-sha512\"\",\"\"hashIterations\"\":210000}\",\"{\"\"value\"\":\"\"h\"\"}\",1700000000001",
                ",,missing@example.org,,,,,,,");

        int code = importUsers(file.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err).contains("line 3: the username is missing");
        Map<String, Object> erin = users().getDocument("7", Map.class);
        assertThat(erin)
                .containsEntry("firstName", "Erin, \"E\"")
                .containsEntry("groups", List.of("/staff/office", "teachers"))
                .containsEntry("roles", List.of("manager", "api-server/reader"))
                .containsEntry("attributes", Map.of("policies", List.of("a:read", "b:write")))
                .containsEntry(
                        "credential",
                        Map.of(
                                "type",
                                "password",
                                "algorithm",
                                "pbkdf2-sha512",
                                "createdDate",
                                1700000000001L,
                                "credentialData",
                                "{\"algorithm\":\"pbkdf2-sha512\",\"hashIterations\":210000}",
                                "secretData",
                                "{\"value\":\"h\"}"));
    }

    @Test
    void importsALegacyUserCollectionWithSingleAndListReferences() {
        ArangoCollection legacy = database.collection("User");
        legacy.create();
        legacy.insertDocument(Map.of(
                "id",
                101,
                "username",
                "frank",
                "email",
                "frank@example.org",
                "password",
                BCRYPT,
                "groupid",
                "office",
                "roleid",
                List.of("manager", "employee")));
        legacy.insertDocument(Map.of(
                "_key",
                "k2",
                "username",
                "gina",
                "email",
                "gina@example.org",
                "groupid",
                List.of("/staff/teachers"),
                "roleid",
                3));

        assertThat(importUsers("--from-collection", "User")).isZero();
        assertThat(out).contains("Imported ArangoDB " + database.name() + "/User", "2 created");

        assertThat(users().getDocument("101", Map.class))
                .containsEntry("groups", List.of("office"))
                .containsEntry("roles", List.of("manager", "employee"))
                .containsEntry(
                        "credential",
                        Map.of(
                                "type",
                                "password",
                                "legacyHash",
                                BCRYPT,
                                "createdDate",
                                users().getDocument("101", Map.class).get("credential") instanceof Map<?, ?> c
                                        ? c.get("createdDate")
                                        : null));
        assertThat(users().getDocument("k2", Map.class))
                .containsEntry("groups", List.of("/staff/teachers"))
                .containsEntry("roles", List.of("3"));
        assertThat(importUsers("--from-collection", "User")).isZero();
        assertThat(out).contains("2 unchanged");
    }

    @Test
    void readsTheLegacyCollectionExportedAsJsonLines() throws IOException {
        Path file = write(
                "User.jsonl",
                "{\"_key\": \"9\", \"_id\": \"User/9\", \"_rev\": \"_x\", \"id\": 9,"
                        + " \"username\": \"jo\", \"email\": \"jo@example.org\", \"password\": \"" + BCRYPT + "\","
                        + " \"groupid\": 4, \"roleid\": [\"manager\", \"api-server/reader\"]}");

        assertThat(importUsers(file.toString())).isZero();

        Map<String, Object> jo = users().getDocument("9", Map.class);
        assertThat(jo)
                .containsEntry("groups", List.of("4"))
                .containsEntry("roles", List.of("manager", "api-server/reader"));
        assertThat((Map<String, Object>) jo.get("credential")).containsEntry("legacyHash", BCRYPT);
    }

    @Test
    void exportWritesWhatImportReadsAndHashesOnlyWhenAskedFor() throws IOException {
        importUsers(write(
                        "in.jsonl",
                        "{\"id\": \"h1\", \"username\": \"hank\", \"email\": \"hank@example.org\", \"groups\": [\"g\"],"
                                + " \"roles\": [\"r\"], \"attributes\": {\"policies\": [\"x\"]}, \"password\": \""
                                + BCRYPT + "\"}")
                .toString());
        Path jsonl = dir.resolve("out.jsonl");
        Path csv = dir.resolve("out.csv");
        Path withHashes = dir.resolve("secret.jsonl");

        assertThat(run("export", "--quiet", jsonl.toString())).isZero();
        assertThat(run("export", "--quiet", csv.toString())).isZero();
        assertThat(run("export", "--quiet", "--with-credentials", withHashes.toString()))
                .isZero();

        assertThat(Files.readString(jsonl))
                .contains("\"username\":\"hank\"", "\"policies\":[\"x\"]")
                .doesNotContain(BCRYPT, "credentials");
        assertThat(Files.readAllLines(csv))
                .first()
                .asString()
                .contains("attributes.policies")
                .doesNotContain("password");
        assertThat(Files.readString(withHashes)).contains(BCRYPT);
        for (Path export : List.of(jsonl, csv, withHashes)) {
            assertThat(importUsers(export.toString())).as(export.toString()).isZero();
            assertThat(out).as(export.toString()).contains("1 read, 0 created, 0 updated, 1 unchanged");
        }
    }

    @Test
    void badOptionsAndAMissingDatabaseFailWithExitCode2AndNoPasswordPrinted() throws IOException {
        Path file = write("u.jsonl", "{\"username\": \"ivy\"}");
        assertThat(run(
                        "import",
                        "--quiet",
                        "--hosts",
                        target.hosts(),
                        "--password",
                        target.password(),
                        "--protocol",
                        protocol,
                        "--database",
                        "nothere",
                        file.toString()))
                .isEqualTo(2);
        assertThat(err).contains("ArangoDB database nothere does not exist").doesNotContain(target.password());
        assertThat(run("import", "--hosts", target.hosts(), "--database", database.name()))
                .isEqualTo(2);
        assertThat(err).contains("Give either a FILE or --from-collection");
        assertThat(run("import", "--help")).isZero();
        assertThat(out).contains("--hosts", "ARANGODB_PASSWORD").doesNotContain(target.password());
    }

    @Test
    void protocolIsTheFederationsDefaultUnlessNamed() {
        assertThat(parsedProtocol()).isEqualTo(defaultProtocol());
        assertThat(parsedProtocol("--protocol", "HTTP_VPACK")).isEqualTo(Protocol.HTTP_VPACK);
        assertThat(parsedProtocol("--protocol", "http_json")).isEqualTo(Protocol.HTTP_JSON);
        assertThat(parsedProtocol("--protocol", "HTTP2_VPACK")).isEqualTo(Protocol.HTTP2_VPACK);
    }

    @Test
    void anUnknownProtocolFailsWithExitCode2AndNamesTheFourProtocols() throws IOException {
        Path file = write("u.jsonl", "{\"username\": \"ivy\"}");
        assertThat(run("import", "--quiet", "--hosts", target.hosts(), "--protocol", "VST", file.toString()))
                .isEqualTo(2);
        assertThat(err).contains("\"VST\" is not one of HTTP2_JSON, HTTP_JSON, HTTP2_VPACK, HTTP_VPACK");
        assertThat(database.collection("users").exists()).as("nothing written").isFalse();

        assertThat(run("export", "--help")).isZero();
        assertThat(out.replaceAll("\\s+", " "))
                .contains("--protocol=<protocol> how to talk to ArangoDB, as the federation's protocol setting:"
                        + " HTTP2_JSON, HTTP_JSON, HTTP2_VPACK, HTTP_VPACK; env ARANGODB_PROTOCOL (default: "
                        + defaultProtocol()
                        + ")");
    }

    /** {@code ARANGODB_PROTOCOL} when set, else the federation's default. */
    private static Protocol defaultProtocol() {
        return Optional.ofNullable(System.getenv("ARANGODB_PROTOCOL"))
                .map(Protocol::valueOf)
                .orElse(ArangoStorageConfig.DEFAULT_PROTOCOL);
    }

    /** The protocol the import command would connect with, given these options. */
    private static Protocol parsedProtocol(String... options) {
        UserImportCommand.Import command = new UserImportCommand.Import();
        List<String> args = new ArrayList<>(List.of("--from-collection", "User"));
        args.addAll(List.of(options));
        new CommandLine(command).parseArgs(args.toArray(String[]::new));
        return command.target.protocol;
    }

    private int importUsers(String... args) {
        List<String> all = new ArrayList<>(List.of("import", "--quiet"));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--hosts")) {
            all.addAll(
                    1,
                    List.of(
                            "--hosts",
                            target.hosts(),
                            "--user",
                            target.user(),
                            "--password",
                            target.password(),
                            "--database",
                            database.name(),
                            "--protocol",
                            protocol));
        }
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code = UserImportCommand.run(
                all.toArray(String[]::new),
                new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        out = stdout.toString(StandardCharsets.UTF_8);
        err = stderr.toString(StandardCharsets.UTF_8);
        return code;
    }

    private ArangoCollection users() {
        return database.collection("users");
    }

    private List<String> revisions() {
        List<String> revisions = new ArrayList<>();
        database.query("FOR u IN users SORT u._key RETURN u._rev", String.class).forEach(revisions::add);
        return revisions;
    }

    private Path write(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }
}
