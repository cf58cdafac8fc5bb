package dev.kcbundle.it.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcbundle.it.AdminUsers;
import dev.kcbundle.it.HttpJson;
import dev.kcbundle.it.TestRealm;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.storage.UserStorageProvider.EditMode;

/** WRITABLE mode, driven through the admin REST API and the token endpoint; checked in ArangoDB itself. */
class ArangoUserStorageIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.blank("storage").withArangoUsers(EditMode.WRITABLE);

    @Test
    void adminCreatedUserLivesInArangoDbWithAHashedPassword() {
        String id = realm.createUser("Alice", "Alice@Example.org", "Alice-pass-1");

        Map<String, Object> document = realm.document("alice");
        assertThat(document).isNotNull();
        assertThat(id).isEqualTo("f:" + realm.federationId() + ":" + document.get("_key"));
        assertThat(document)
                .containsEntry("username", "alice")
                .containsEntry("usernameLower", "alice")
                .containsEntry("email", "alice@example.org")
                .containsEntry("emailLower", "alice@example.org")
                .containsEntry("firstName", "First Alice")
                .containsEntry("emailVerified", true)
                .containsEntry("enabled", true);
        @SuppressWarnings("unchecked")
        Map<String, Object> credential = (Map<String, Object>) document.get("credential");
        assertThat(credential).containsEntry("type", "password").containsEntry("algorithm", "argon2");
        assertThat(credential.get("secretData").toString()).doesNotContain("Alice-pass-1");
        assertThat(document.toString()).doesNotContain("Alice-pass-1");
        assertThat(realm.user(id).toRepresentation().getFederationLink()).isEqualTo(realm.federationId());
    }

    @Test
    void logsInByUsernameAndByEmailInAnyCase() {
        realm.createUser("bob", "Bob@Example.org", "Bob-pass-1");

        assertThat(realm.passwordGrant("bob", "Bob-pass-1").status()).isEqualTo(200);
        assertThat(realm.passwordGrant("BOB", "Bob-pass-1").status()).isEqualTo(200);
        HttpJson.Answer byEmail = realm.passwordGrant("bob@example.ORG", "Bob-pass-1");
        assertThat(byEmail.status()).isEqualTo(200);
        assertThat(HttpJson.jwtPayload(byEmail.body().get("access_token").asText())
                        .get("preferred_username")
                        .asText())
                .isEqualTo("bob");
        HttpJson.Answer wrong = realm.passwordGrant("bob", "wrong");
        assertThat(wrong.status()).isIn(400, 401);
        assertThat(wrong.body().get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void adminPasswordResetLandsInArangoDbAndThePolicyIsEnforced() {
        String id = realm.createUser("carol", "carol@example.org", "Carol-pass-1");
        Object before = realm.document("carol").get("credential");

        realm.user(id).resetPassword(AdminUsers.password("Carol-pass-2"));

        assertThat(realm.document("carol").get("credential")).isNotEqualTo(before);
        assertThat(realm.passwordGrant("carol", "Carol-pass-1").status()).isIn(400, 401);
        assertThat(realm.passwordGrant("carol", "Carol-pass-2").status()).isEqualTo(200);

        realm.withPasswordPolicy("length(12)", () -> {
            Object current = realm.document("carol").get("credential");
            assertThatThrownBy(() -> realm.user(id).resetPassword(AdminUsers.password("short")))
                    .isInstanceOf(BadRequestException.class)
                    .satisfies(e -> assertThat(
                                    ((BadRequestException) e).getResponse().readEntity(String.class))
                            .contains("invalidPasswordMinLength"));
            assertThat(realm.document("carol").get("credential")).isEqualTo(current);
        });
    }

    @Test
    void passwordHistoryPolicyRefusesTheLastPasswordsAndKeepsTheirHashesInArangoDb() {
        String id = realm.createUser("hank", "hank@example.org", "Hank-pass-1");
        realm.withPasswordPolicy("passwordHistory(3)", () -> {
            realm.user(id).resetPassword(AdminUsers.password("Hank-pass-2"));
            realm.user(id).resetPassword(AdminUsers.password("Hank-pass-3"));
            Object current = realm.document("hank").get("credential");

            for (String reused : List.of("Hank-pass-3", "Hank-pass-2", "Hank-pass-1")) {
                assertThatThrownBy(() -> realm.user(id).resetPassword(AdminUsers.password(reused)))
                        .as("reusing %s", reused)
                        .isInstanceOf(BadRequestException.class)
                        .satisfies(e -> assertThat(
                                        ((BadRequestException) e).getResponse().readEntity(String.class))
                                .contains("invalidPasswordHistoryMessage"));
            }
            assertThat(realm.document("hank").get("credential"))
                    .as("refusals change nothing")
                    .isEqualTo(current);
            assertThat((List<?>) realm.document("hank").get("passwordHistory"))
                    .hasSize(2)
                    .allSatisfy(entry -> assertThat(entry.toString()).doesNotContain("Hank-pass"));

            realm.user(id).resetPassword(AdminUsers.password("Hank-pass-4"));
            realm.user(id).resetPassword(AdminUsers.password("Hank-pass-1"));
            assertThat(realm.passwordGrant("hank", "Hank-pass-1").status())
                    .as("a password older than the last three is allowed again")
                    .isEqualTo(200);
        });
    }

    @Test
    void notRecentlyUsedPolicyRefusesAPasswordOfTheLastDays() {
        String id = realm.createUser("ivy", "ivy@example.org", "Ivy-pass-1");
        realm.withPasswordPolicy("passwordAge(30)", () -> {
            realm.user(id).resetPassword(AdminUsers.password("Ivy-pass-2"));

            assertThatThrownBy(() -> realm.user(id).resetPassword(AdminUsers.password("Ivy-pass-1")))
                    .isInstanceOf(BadRequestException.class)
                    .satisfies(e -> assertThat(
                                    ((BadRequestException) e).getResponse().readEntity(String.class))
                            .contains("invalidPasswordGenericMessage"));
            assertThat(realm.passwordGrant("ivy", "Ivy-pass-2").status()).isEqualTo(200);
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void successfulLoginReHashesWhenTheRealmAlgorithmChanged() {
        realm.createUser("dave", "dave@example.org", "Dave-pass-1");
        realm.withPasswordPolicy("hashAlgorithm(pbkdf2-sha512)", () -> {
            assertThat(realm.passwordGrant("dave", "Dave-pass-1").status()).isEqualTo(200);
            Map<String, Object> credential =
                    (Map<String, Object>) realm.document("dave").get("credential");
            assertThat(credential).containsEntry("algorithm", "pbkdf2-sha512");
            assertThat(realm.passwordGrant("dave", "Dave-pass-1").status()).isEqualTo(200);
        });
    }

    @Test
    void duplicateEmailInAnotherCaseIsAConflictAndNothingIsWritten() {
        realm.createUser("erin", "erin@example.org", "Erin-pass-1");

        UserRepresentation copy = new UserRepresentation();
        copy.setUsername("erin2");
        copy.setEmail("ERIN@Example.org");
        copy.setEnabled(true);
        try (Response response = realm.admin().users().create(copy)) {
            assertThat(response.getStatus()).isEqualTo(409);
        }
        assertThat(realm.document("erin2")).isNull();
        assertThat(realm.documents().usersWithEmail("erin@example.org")).isEqualTo(1);

        UserRepresentation sameName = new UserRepresentation();
        sameName.setUsername("ERIN");
        sameName.setEnabled(true);
        try (Response response = realm.admin().users().create(sameName)) {
            assertThat(response.getStatus()).isEqualTo(409);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void profileRoundTripsBetweenAdminApiAndArangoDb() {
        String id = realm.createUser("frank", "frank@example.org", "Frank-pass-1");

        UserRepresentation update = realm.user(id).toRepresentation();
        update.setFirstName("Franz");
        update.setLastName("Kafka");
        update.setEmail("Franz@Example.org");
        update.setEmailVerified(false);
        update.setEnabled(false);
        update.setAttributes(Map.of("policies", List.of("doc:read", "doc:write"), "active_group", List.of("g-1")));
        realm.user(id).update(update);

        Map<String, Object> document = realm.document("frank");
        assertThat(document)
                .containsEntry("firstName", "Franz")
                .containsEntry("lastName", "Kafka")
                .containsEntry("email", "franz@example.org")
                .containsEntry("emailLower", "franz@example.org")
                .containsEntry("emailVerified", false)
                .containsEntry("enabled", false);
        assertThat((Map<String, Object>) document.get("attributes"))
                .containsEntry("policies", List.of("doc:read", "doc:write"))
                .containsEntry("active_group", List.of("g-1"));
        assertThat(document.get("createdTimestamp")).isInstanceOf(Number.class);

        // and the other way: a change made in ArangoDB shows in the admin API
        realm.documents().update((String) document.get("_key"), Map.of("lastName", "Kafka-Changed"));
        realm.admin().clearUserCache();
        UserRepresentation read = realm.user(id).toRepresentation();
        assertThat(read.getLastName()).isEqualTo("Kafka-Changed");
        assertThat(read.isEnabled()).isFalse();
        assertThat(read.getAttributes()).containsEntry("policies", List.of("doc:read", "doc:write"));
        assertThat(read.getCreatedTimestamp()).isEqualTo(((Number) document.get("createdTimestamp")).longValue());
    }

    @Test
    void clearingFieldsInTheAdminConsoleRemovesThemFromTheDocument() {
        String id = realm.createUser("hedy", "hedy@example.org", "Hedy-pass-1");
        UserRepresentation update = realm.user(id).toRepresentation();
        update.setFirstName("");
        update.setEmail("");
        realm.user(id).update(update);

        assertThat(realm.document("hedy"))
                .doesNotContainKeys("firstName", "email", "emailLower")
                .containsKey("lastName");
        realm.admin().clearUserCache();
        UserRepresentation read = realm.user(id).toRepresentation();
        assertThat(read.getFirstName()).isNull();
        assertThat(read.getEmail()).isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void groupsAndRolesAreKeptInTheDocumentAndShownByKeycloak() {
        String id = realm.createUser("grace", "grace@example.org", "Grace-pass-1");
        String groupId = createGroup("editors");
        realm.admin().roles().create(role("editor"));
        ClientRepresentation api = new ClientRepresentation();
        api.setClientId("api-server");
        realm.admin().clients().create(api).close();
        String apiId =
                realm.admin().clients().findByClientId("api-server").get(0).getId();
        realm.admin().clients().get(apiId).roles().create(role("reader"));

        realm.user(id).joinGroup(groupId);
        realm.user(id)
                .roles()
                .realmLevel()
                .add(List.of(realm.admin().roles().get("editor").toRepresentation()));
        realm.user(id)
                .roles()
                .clientLevel(apiId)
                .add(List.of(
                        realm.admin().clients().get(apiId).roles().get("reader").toRepresentation()));

        Map<String, Object> document = realm.document("grace");
        assertThat((List<String>) document.get("groups")).containsExactly(groupId);
        String editorId = realm.admin().roles().get("editor").toRepresentation().getId();
        String readerId = realm.admin()
                .clients()
                .get(apiId)
                .roles()
                .get("reader")
                .toRepresentation()
                .getId();
        assertThat((List<String>) document.get("roles"))
                .as("role mappings by role id")
                .containsExactly(editorId, readerId);

        realm.admin().clearUserCache();
        assertThat(realm.user(id).groups())
                .extracting(GroupRepresentation::getName)
                .containsExactly("editors");
        assertThat(realm.user(id).roles().realmLevel().listAll())
                .extracting(RoleRepresentation::getName)
                .contains("editor", "default-roles-" + realm.name());
        assertThat(realm.user(id).roles().clientLevel(apiId).listAll())
                .extracting(RoleRepresentation::getName)
                .containsExactly("reader");
        assertThat(realm.admin().groups().group(groupId).members())
                .extracting(UserRepresentation::getUsername)
                .containsExactly("grace");
        assertThat(realm.admin().roles().get("editor").getUserMembers())
                .extracting(UserRepresentation::getUsername)
                .containsExactly("grace");
        assertThat(realm.admin().clients().get(apiId).roles().get("reader").getUserMembers())
                .extracting(UserRepresentation::getUsername)
                .containsExactly("grace");

        JsonNode token = HttpJson.jwtPayload(realm.passwordGrant("grace", "Grace-pass-1")
                .body()
                .get("access_token")
                .asText());
        assertThat(token.path("realm_access").path("roles").toString()).contains("editor");

        realm.user(id).leaveGroup(groupId);
        realm.user(id)
                .roles()
                .realmLevel()
                .remove(List.of(realm.admin().roles().get("editor").toRepresentation()));
        document = realm.document("grace");
        assertThat(realm.admin().groups().group(groupId).members())
                .as("the lookup keys follow the change")
                .isEmpty();
        assertThat((List<String>) document.get("groups")).isEmpty();
        assertThat((List<String>) document.get("roles")).containsExactly(readerId);
    }

    @Test
    void searchCountAndPaging() {
        for (int i = 0; i < 5; i++) {
            realm.createUser("search-" + i, "search" + i + "@Find.example", null);
        }
        String anyId =
                realm.admin().users().searchByUsername("search-3", true).get(0).getId();
        UserRepresentation withAttribute = realm.user(anyId).toRepresentation();
        withAttribute.setAttributes(Map.of("policies", List.of("special")));
        realm.user(anyId).update(withAttribute);

        assertThat(realm.admin().users().search("SEARCH-", 0, 100)).hasSize(5);
        assertThat(realm.admin().users().search("SEARCH3@find", 0, 100))
                .extracting(UserRepresentation::getUsername)
                .containsExactly("search-3");
        assertThat(realm.admin().users().search("find.EXAMPLE", 0, 100))
                .as("a term is a prefix, as for Keycloak's own users")
                .isEmpty();
        assertThat(realm.admin().users().search("*find.EXAMPLE", 0, 100)).hasSize(5);
        assertThat(realm.admin().users().search("search-", 1, 2))
                .extracting(UserRepresentation::getUsername)
                .containsExactly("search-1", "search-2");
        assertThat(realm.admin().users().searchByUsername("search-3", true))
                .extracting(UserRepresentation::getUsername)
                .containsExactly("search-3");
        assertThat(realm.admin().users().searchByUsername("search", true)).isEmpty();
        assertThat(realm.admin().users().searchByEmail("search4@find.example", true))
                .extracting(UserRepresentation::getUsername)
                .containsExactly("search-4");
        assertThat(realm.admin().users().searchByAttributes("policies:special"))
                .extracting(UserRepresentation::getUsername)
                .containsExactly("search-3");
        assertThat(realm.admin().users().count("search-")).isEqualTo(5);
        assertThat(realm.admin().users().search("*", 0, 1000))
                .extracting(UserRepresentation::getUsername)
                .contains("search-0", "search-4");
        assertThat(realm.admin().users().count())
                .isEqualTo(realm.admin().users().search("*", 0, 1000).size());
    }

    @Test
    void deletingAUserRemovesItsDocument() {
        String id = realm.createUser("heidi", "heidi@example.org", "Heidi-pass-1");
        assertThat(realm.document("heidi")).isNotNull();

        realm.user(id).remove();

        assertThat(realm.document("heidi")).isNull();
        assertThat(realm.admin().users().searchByUsername("heidi", true)).isEmpty();
        assertThat(realm.passwordGrant("heidi", "Heidi-pass-1")
                        .body()
                        .path("error")
                        .asText())
                .isEqualTo("invalid_grant");
    }

    private String createGroup(String name) {
        GroupRepresentation group = new GroupRepresentation();
        group.setName(name);
        try (Response response = realm.admin().groups().add(group)) {
            return org.keycloak.admin.client.CreatedResponseUtil.getCreatedId(response);
        }
    }

    private static RoleRepresentation role(String name) {
        RoleRepresentation role = new RoleRepresentation();
        role.setName(name);
        return role;
    }
}
