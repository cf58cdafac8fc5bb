package dev.kcbundle.it.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcbundle.arangodb.testserver.RequestCounter;
import dev.kcbundle.it.HttpJson;
import dev.kcbundle.it.KeycloakTestServer;
import dev.kcbundle.it.TestRealm;
import dev.kcbundle.userstorage.document.UserDocument;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.storage.UserStorageProvider.EditMode;

/**
 * Users another application wrote straight into ArangoDB: a bcrypt hash as that application stored it
 * ({@code credential.legacyHash}) and group and role references by name, path and clientId/roleName. They sign in
 * with their old password through Keycloak's password grant; the token carries the referenced groups, roles and
 * policies; the first login replaces the hash with Keycloak's own format (WRITABLE), READ_ONLY only verifies it.
 */
class ArangoLegacyUsersIT {

    private static final Logger LOG = Logger.getLogger(ArangoLegacyUsersIT.class);
    /** Made by pyca bcrypt 5.0 (cost 10, as Go's bcrypt.DefaultCost and Node's bcrypt examples) for "Legacy-pass-1". */
    private static final String BCRYPT = "$2b$10$fD80iRX/SagL0FEfdTXwz.FT4uhs31zxw1FNrOQ62HJkVQv8c9m4O";

    private static final String PASSWORD = "Legacy-pass-1";
    private static final long CREATED = 1_600_000_000_000L;
    private static final String API_SERVER = "api-server";

    @RegisterExtension
    static final TestRealm writable = TestRealm.blank("legacy").withArangoUsers(EditMode.WRITABLE);

    @RegisterExtension
    static final TestRealm readOnly = TestRealm.blank("legacy-ro").withArangoUsers(EditMode.READ_ONLY);

    @BeforeAll
    static void prepareRealms() {
        for (TestRealm realm : List.of(writable, readOnly)) {
            prepare(realm.admin());
            realm.admin().users().count(); // the federation's first use creates its collection and indexes
        }
    }

    @Test
    void aBcryptUserSignsInWithTheOldPasswordAndTheTokenShowsTheGroupsRolesAndPoliciesItsReferencesName() {
        writable.documents().insert(List.of(legacyUser("ada", BCRYPT)));

        HttpJson.Answer wrong = writable.passwordGrant("ada", "Legacy-pass-2");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body().path("error").asText()).isEqualTo("invalid_grant");
        assertThat(credential(writable, "ada").get("legacyHash"))
                .as("a wrong password changes nothing")
                .isEqualTo(BCRYPT);

        HttpJson.Answer right = writable.passwordGrant("ada", PASSWORD);
        assertThat(right.status()).isEqualTo(200);
        JsonNode claims = HttpJson.jwtPayload(right.body().path("access_token").asText());
        LOG.infof(
                "token of a legacy user: groups %s, roles %s, policies %s",
                claims.path("groups"), claims.path("roles"), claims.path("policies"));
        assertThat(texts(claims.path("groups"))).containsExactly("/org/sales", "/staff");
        assertThat(texts(claims.path("roles")))
                .contains("editor", API_SERVER + ":reader")
                .doesNotContain("ghost");
        assertThat(texts(claims.path("policies"))).contains("self:read", "staff:read", "sales:read", "docs:edit");
    }

    @Test
    void theFirstLoginReplacesTheLegacyHashWithKeycloaksFormatAndItStillSignsIn() {
        writable.documents().insert(List.of(legacyUser("ben", BCRYPT)));
        UserResource ben = user(writable, "ben");
        List<CredentialRepresentation> listed = ben.credentials();
        assertThat(listed).extracting(CredentialRepresentation::getType).containsExactly("password");
        assertThat(listed.get(0).getCreatedDate())
                .as("the legacy password's date")
                .isEqualTo(CREATED);

        assertThat(writable.passwordGrant("ben", PASSWORD).status()).isEqualTo(200);

        Map<String, Object> stored = credential(writable, "ben");
        assertThat(stored).doesNotContainKey("legacyHash").containsKeys("credentialData", "secretData");
        assertThat(stored.get("algorithm")).as("the realm's default").isEqualTo("argon2");
        writable.admin().clearUserCache();
        assertThat(writable.passwordGrant("ben", PASSWORD).status()).isEqualTo(200);
        assertThat(writable.passwordGrant("ben", "Legacy-pass-2").status()).isEqualTo(400);
        assertThat(user(writable, "ben").credentials())
                .extracting(CredentialRepresentation::getType)
                .containsExactly("password");
    }

    @Test
    void readOnlyVerifiesTheLegacyHashAndKeepsIt() {
        readOnly.documents().insert(List.of(legacyUser("cleo", BCRYPT)));

        assertThat(readOnly.passwordGrant("cleo", "Legacy-pass-2").status()).isEqualTo(400);
        HttpJson.Answer right = readOnly.passwordGrant("cleo", PASSWORD);
        assertThat(right.status()).isEqualTo(200);
        assertThat(texts(HttpJson.jwtPayload(right.body().path("access_token").asText())
                        .path("groups")))
                .containsExactly("/org/sales", "/staff");
        readOnly.admin().clearUserCache();
        assertThat(readOnly.passwordGrant("cleo", PASSWORD).status()).isEqualTo(200);

        assertThat(credential(readOnly, "cleo"))
                .containsEntry("legacyHash", BCRYPT)
                .doesNotContainKey("secretData");
    }

    @Test
    void anUnknownOrGarbledHashFailsClosed() {
        writable.documents()
                .insert(List.of(
                        legacyUser("dora", "{SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g="),
                        legacyUser("emil", BCRYPT.substring(0, BCRYPT.length() - 5))));

        for (String username : List.of("dora", "emil")) {
            HttpJson.Answer answer = writable.passwordGrant(username, PASSWORD);
            assertThat(answer.status()).as(username).isEqualTo(400);
            assertThat(answer.body().path("error").asText()).isEqualTo("invalid_grant");
        }
        assertThat(credential(writable, "emil")).containsKey("legacyHash");
    }

    @Test
    void leavingAGroupOrLosingARoleRemovesTheReferenceWhateverItsForm() {
        writable.documents().insert(List.of(legacyUser("finn", BCRYPT)));
        UserResource finn = user(writable, "finn");
        RealmResource admin = writable.admin();
        assertThat(finn.groups())
                .extracting(GroupRepresentation::getPath)
                .containsExactlyInAnyOrder("/staff", "/org/sales");
        assertThat(admin.groups().group(admin.getGroupByPath("/staff").getId()).members())
                .extracting(UserRepresentation::getUsername)
                .as("a member by name")
                .contains("finn");
        assertThat(admin.groups()
                        .group(admin.getGroupByPath("/org/sales").getId())
                        .members())
                .extracting(UserRepresentation::getUsername)
                .as("a member by path")
                .contains("finn");
        assertThat(admin.groups()
                        .group(admin.getGroupByPath("/org/team").getId())
                        .members())
                .extracting(UserRepresentation::getUsername)
                .as("an ambiguous name")
                .doesNotContain("finn");
        assertThat(admin.roles().get("editor").getUserMembers())
                .extracting(UserRepresentation::getUsername)
                .as("a realm role by name")
                .contains("finn");
        String apiId = admin.clients().findByClientId(API_SERVER).get(0).getId();
        assertThat(admin.clients().get(apiId).roles().get("reader").getUserMembers())
                .extracting(UserRepresentation::getUsername)
                .as("a client role by clientId/name")
                .contains("finn");

        finn.leaveGroup(admin.getGroupByPath("/staff").getId());
        finn.leaveGroup(admin.getGroupByPath("/org/sales").getId());
        finn.roles().realmLevel().remove(List.of(admin.roles().get("editor").toRepresentation()));

        Map<String, Object> document = writable.document("finn");
        assertThat(document.get("groups")).isEqualTo(List.of("team", "nobody"));
        assertThat(document.get("roles")).isEqualTo(List.of(API_SERVER + "/reader", "ghost"));
        assertThat(finn.groups()).isEmpty();
        finn.joinGroup(admin.getGroupByPath("/staff").getId());
        assertThat(finn.groups()).extracting(GroupRepresentation::getPath).containsExactly("/staff");
    }

    /** The stand-in counts requests: references cost none; the re-hash is one write, once. */
    @Test
    void aLegacyLoginCostsTheReadOfAnyLoginAndOneWriteOnce() {
        RequestCounter requests =
                KeycloakTestServer.shared().arango().inMemoryOrSkip().requests();
        writable.documents().insert(List.of(legacyUser("gus", BCRYPT)));
        writable.createUser("hal", "hal@example.org", PASSWORD);

        long legacyFirst = coldLogin(requests, "gus");
        long legacySecond = coldLogin(requests, "gus");
        long keycloakUser = coldLogin(requests, "hal");
        LOG.infof(
                "ArangoDB requests of a login, user cache cleared: legacy user first %d, again %d; "
                        + "user with a Keycloak password %d",
                legacyFirst, legacySecond, keycloakUser);
        assertThat(legacyFirst).isEqualTo(keycloakUser + 1);
        assertThat(legacySecond).isEqualTo(keycloakUser);
    }

    private static long coldLogin(RequestCounter requests, String username) {
        writable.admin().clearUserCache();
        requests.reset();
        assertThat(writable.passwordGrant(username, PASSWORD).status()).isEqualTo(200);
        return requests.total();
    }

    /** Groups staff, /org/sales and two named team; role editor; client api-server with reader; the policy mapper. */
    private static void prepare(RealmResource admin) {
        String staff = createdId(admin.groups().add(group("staff", "staff:read")));
        String org = createdId(admin.groups().add(group("org", null)));
        createdId(admin.groups().group(org).subGroup(group("sales", "sales:read")));
        createdId(admin.groups().group(org).subGroup(group("team", null)));
        createdId(admin.groups().group(staff).subGroup(group("team", null)));

        RoleRepresentation editor = new RoleRepresentation("editor", null, false);
        editor.setAttributes(Map.of("policies", List.of("docs:edit")));
        admin.roles().create(editor);
        ClientRepresentation api = new ClientRepresentation();
        api.setClientId(API_SERVER);
        api.setBearerOnly(true);
        String apiId = createdId(admin.clients().create(api));
        admin.clients().get(apiId).roles().create(new RoleRepresentation("reader", null, false));

        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName("groups, roles, policies");
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper("oidc-policy-mapper");
        mapper.setConfig(Map.of("access.token.claim", "true", "roles.clients", API_SERVER));
        String clientId =
                admin.clients().findByClientId(TestRealm.CLIENT_ID).get(0).getId();
        createdId(admin.clients().get(clientId).getProtocolMappers().createMapper(mapper));
    }

    /**
     * A document as the previous application (or the import) writes it: the hash as it stored it; groups by name
     * ({@code staff}), by path ({@code /org/sales}), an ambiguous name ({@code team}) and one of nothing; roles by
     * realm role name, by clientId/roleName and one of nothing.
     */
    private static Map<String, Object> legacyUser(String username, String hash) {
        UserDocument document = UserDocument.newUser(UUID.randomUUID().toString(), username, CREATED);
        document.setEmail(username + "@example.org");
        document.setFirstName(username); // the user profile asks for both names before a token is issued
        document.setLastName("Legacy");
        document.setGroupIds(List.of("staff", "/org/sales", "team", "nobody"));
        document.setRoleIds(List.of("editor", API_SERVER + "/reader", "ghost"));
        document.setAttribute("policies", List.of("self:read"));
        Map<String, Object> credential = new LinkedHashMap<>();
        credential.put("type", "password");
        credential.put("legacyHash", hash);
        credential.put("createdDate", CREATED);
        document.setCredential(credential);
        return document.fields();
    }

    private static GroupRepresentation group(String name, String policy) {
        GroupRepresentation group = new GroupRepresentation();
        group.setName(name);
        if (policy != null) {
            group.setAttributes(Map.of("policies", List.of(policy)));
        }
        return group;
    }

    private static String createdId(Response response) {
        try (response) {
            assertThat(response.getStatus()).isEqualTo(201);
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> credential(TestRealm realm, String username) {
        return (Map<String, Object>) realm.document(username).get("credential");
    }

    private static UserResource user(TestRealm realm, String username) {
        return realm.user(
                realm.admin().users().searchByUsername(username, true).get(0).getId());
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }
}
