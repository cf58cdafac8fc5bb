package dev.kcbundle.it.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcbundle.it.HttpJson;
import dev.kcbundle.it.TestRealm;
import dev.kcbundle.userstorage.ArangoStorageConfig;
import dev.kcbundle.userstorage.document.MappedField;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.storage.UserStorageProvider.EditMode;

/**
 * Issue 14, the tenant's own {@code User} collection read in place: documents another application wrote straight into
 * ArangoDB ({@code id} a number, {@code username}, {@code email} in mixed case, {@code password} a bare bcrypt hash
 * made by at.favre.lib:bcrypt, {@code groupid} a group name or path, {@code roleid} a role name), and a WRITABLE
 * federation whose document mapping (added through the admin REST API) names those attributes. Users sign in with their
 * old passwords, their tokens carry the referenced groups and roles and the legacy id, the hash is Keycloak's after one
 * login, the admin search finds them, and a user the admin creates lands in {@code User} with {@code id == _key}; a
 * deleted group or role leaves {@code groupid} / {@code roleid} whatever its form. A READ_ONLY federation over a
 * collection whose documents lack the provider's derived fields is refused on save.
 */
class ForeignCollectionInPlaceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLLECTION = "User";
    private static final String ADA_PASSWORD = "ada-old-pass-1";
    private static final String BEN_PASSWORD = "ben-old-pass-2";
    private static final String CY_PASSWORD = "cy-old-pass-3";

    /** The federation over {@code User}, with the mapping. */
    private static String federationId;

    @RegisterExtension
    static final TestRealm realm = TestRealm.blank("inplace")
            .withArangoUsers(EditMode.WRITABLE)
            .afterCreation(ForeignCollectionInPlaceIT::legacyApplication);

    @Test
    void legacyUsersSignInWithTheirOldPasswordsAndTheTokenCarriesTheLegacyIdGroupsAndRoles() {
        HttpJson.Answer wrong = realm.passwordGrant("ada", "not-adas-password");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body().path("error").asText()).isEqualTo("invalid_grant");
        assertThat(stored(4711).get("password"))
                .as("a wrong password changes nothing")
                .isInstanceOf(String.class);

        HttpJson.Answer ada = realm.passwordGrant("ADA", ADA_PASSWORD);
        assertThat(ada.status()).as(ada.body().toString()).isEqualTo(200);
        JsonNode claims = HttpJson.jwtPayload(ada.body().path("access_token").asText());
        assertThat(claims.path("sub").asText()).endsWith(":4711");
        assertThat(claims.path("preferred_username").asText()).isEqualToIgnoringCase("ada");
        assertThat(texts(claims.path("groups"))).containsExactly("/exam-board");
        assertThat(texts(claims.path("roles"))).contains("manager").doesNotContain("employee");

        assertThat(stored(4711).get("password"))
                .as("the bare hash became Keycloak's credential object in the same attribute")
                .isInstanceOfSatisfying(
                        Map.class,
                        credential -> assertThat(credential)
                                .containsKeys("credentialData", "secretData", "algorithm")
                                .doesNotContainKey("legacyHash"));
        realm.admin().clearUserCache();
        assertThat(realm.passwordGrant("ada", ADA_PASSWORD).status()).isEqualTo(200);

        HttpJson.Answer ben = realm.passwordGrant("BEN@example.org", BEN_PASSWORD);
        assertThat(ben.status()).as(ben.body().toString()).isEqualTo(200);
        JsonNode benClaims = HttpJson.jwtPayload(ben.body().path("access_token").asText());
        assertThat(benClaims.path("sub").asText()).endsWith(":4712");
        assertThat(texts(benClaims.path("groups"))).containsExactly("/staff/office");
        assertThat(texts(benClaims.path("roles"))).contains("employee").doesNotContain("manager");
    }

    @Test
    void theAdminSearchFindsLegacyUsersByUsernameAndEmailInAnyCase() {
        String adaId = realm.admin().users().search("ADA", 0, 10).stream()
                .filter(user -> user.getUsername().equalsIgnoreCase("ada"))
                .map(UserRepresentation::getId)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Ada by username"));

        assertThat(adaId).endsWith(":4711");
        assertThat(realm.admin().users().searchByUsername("aDa", true))
                .extracting(UserRepresentation::getId)
                .containsExactly(adaId);
        assertThat(realm.admin().users().searchByEmail("ada@EXAMPLE.org", true))
                .extracting(UserRepresentation::getId)
                .containsExactly(adaId);
        assertThat(realm.admin().users().search("ada@example", 0, 10))
                .extracting(UserRepresentation::getId)
                .containsExactly(adaId);
        assertThat(realm.user(adaId).toRepresentation().getEmail()).isEqualToIgnoringCase("ada@example.org");
        assertThat(stored(4711)).as("reading changes nothing").containsEntry("email", "Ada@Example.ORG");
    }

    @Test
    void aUserCreatedThroughTheAdminApiLandsInTheForeignCollectionWithItsIdAsKey() {
        String id = realm.createUser("fay", "fay@example.org", "Fay-new-pass-3");

        Map<String, Object> fay = only(realm.documents()
                .query(
                        "FOR u IN @@col FILTER u.usernameLower == @name RETURN u",
                        Map.of("@col", COLLECTION, "name", "fay")));
        assertThat(fay.get("id")).isEqualTo(fay.get("_key"));
        assertThat(id).endsWith(":" + fay.get("_key"));
        assertThat(fay.get("password")).isInstanceOf(Map.class);
        assertThat(fay).doesNotContainKeys("credential");
        assertThat(realm.passwordGrant("fay", "Fay-new-pass-3").status()).isEqualTo(200);
    }

    @Test
    void syncAllUsersCatchesUpWithWhatTheOtherApplicationChanged() {
        assertThat(realm.passwordGrant("cy@example.org", CY_PASSWORD).status()).isEqualTo(200);
        realm.documents()
                .query(
                        "FOR u IN @@col FILTER u.id == 4713 UPDATE u WITH {email: @email} IN @@col",
                        Map.of("@col", COLLECTION, "email", "Cyrus@Example.org"));
        assertThat(realm.passwordGrant("cyrus@example.org", CY_PASSWORD).status())
                .as("the derived emailLower is still the old one")
                .isEqualTo(400);

        HttpJson.Answer sync =
                realm.adminCall("POST", "/user-storage/" + federationId + "/sync?action=triggerFullSync", null);

        assertThat(sync.status()).isEqualTo(200);
        assertThat(sync.body().path("status").asText()).contains("collection " + COLLECTION + ")");
        assertThat(stored(4713)).containsEntry("emailLower", "cyrus@example.org");
        assertThat(realm.passwordGrant("CYRUS@example.org", CY_PASSWORD).status())
                .isEqualTo(200);
    }

    @Test
    void aReadOnlyFederationOverDocumentsWithoutTheDerivedFieldsIsRefusedOnSave() {
        realm.documents()
                .createCollection(
                        "Members",
                        List.of(
                                legacyUser(1, "gil", "gil@example.org", "gil-pass", "exam-board", "manager"),
                                legacyUser(2, "hal", "hal@example.org", "hal-pass", "exam-board", "manager")));
        ComponentRepresentation readOnly = copyOf(
                realm.admin().components().component(federationId).toRepresentation(),
                Map.of(
                        ArangoStorageConfig.USERS_COLLECTION,
                        "Members",
                        ArangoStorageConfig.EDIT_MODE,
                        EditMode.READ_ONLY.name(),
                        "priority",
                        "1"));
        readOnly.setName("Members, read only");

        HttpJson.Answer refused = realm.adminCall("POST", "/components", readOnly);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("errorMessage").asText())
                .startsWith("2 users in collection \"Members\" lack the fields this provider finds and searches "
                        + "users by (usernameLower, emailLower, searchPrefixes, searchGrams, lookupKeys)")
                .contains("Save the federation once in WRITABLE mode");
        assertThat(realm.documents().query("FOR u IN Members FILTER u.usernameLower != null RETURN u", Map.of()))
                .as("nothing written")
                .isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aGroupAndARoleTheMappedAttributesNameByNameLeaveWithTheirDeleteAndTheirSuccessorsGetNobody() {
        String deeId = realm.userId("dee");
        assertThat(realm.user(deeId).groups())
                .extracting(GroupRepresentation::getPath)
                .containsExactly("/auditors");
        assertThat(realm.user(deeId).roles().realmLevel().listAll())
                .extracting(RoleRepresentation::getName)
                .contains("auditor");

        realm.admin().groups().group(realm.groupId("/auditors")).remove();
        realm.admin().roles().deleteRole("auditor");

        Map<String, Object> dee = stored(4714);
        assertThat(dee).containsEntry("groupid", List.of()).containsEntry("roleid", List.of());
        assertThat((List<String>) dee.get("lookupKeys")).doesNotContain("group:auditors", "role:auditor");
        String auditorsAgain = created(realm.admin().groups().add(group("auditors")));
        realm.admin().roles().create(new RoleRepresentation("auditor", null, false));
        assertThat(realm.user(deeId).groups()).isEmpty();
        assertThat(realm.admin().groups().group(auditorsAgain).members()).isEmpty();
        assertThat(realm.admin().roles().get("auditor").getUserMembers()).isEmpty();
        assertThat(realm.user(deeId).roles().realmLevel().listAll())
                .extracting(RoleRepresentation::getName)
                .doesNotContain("auditor");
    }

    /**
     * The realm as the previous application left it: its groups and roles, the policy mapper on the test client, the
     * {@code User} collection, and the federation pointed at it with the mapping, saved through the admin API.
     */
    private static void legacyApplication(TestRealm realm) {
        RealmResource admin = realm.admin();
        created(admin.groups().add(group("exam-board")));
        String staff = created(admin.groups().add(group("staff")));
        created(admin.groups().group(staff).subGroup(group("office")));
        created(admin.groups().add(group("auditors")));
        admin.roles().create(new RoleRepresentation("auditor", null, false));
        admin.roles().create(new RoleRepresentation("manager", null, false));
        admin.roles().create(new RoleRepresentation("employee", null, false));
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName("groups, roles, policies");
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper("oidc-policy-mapper");
        mapper.setConfig(Map.of("access.token.claim", "true"));
        String client =
                admin.clients().findByClientId(TestRealm.CLIENT_ID).get(0).getId();
        created(admin.clients().get(client).getProtocolMappers().createMapper(mapper));

        realm.documents()
                .createCollection(
                        COLLECTION,
                        List.of(
                                legacyUser(4711, "Ada", "Ada@Example.ORG", ADA_PASSWORD, "exam-board", "manager"),
                                legacyUser(4712, "ben", "ben@example.org", BEN_PASSWORD, "/staff/office", "employee"),
                                legacyUser(4713, "cy", "cy@example.org", CY_PASSWORD, "exam-board", "employee"),
                                legacyUser(4714, "dee", "dee@example.org", "dee-old-pass-4", "auditors", "auditor")));
        ComponentRepresentation mapped = copyOf(
                realm.federation(),
                Map.of(
                        ArangoStorageConfig.USERS_COLLECTION,
                        COLLECTION,
                        MappedField.ID.configKey(),
                        "id",
                        MappedField.PASSWORD.configKey(),
                        "password",
                        MappedField.GROUPS.configKey(),
                        "groupid",
                        MappedField.ROLES.configKey(),
                        "roleid"));
        admin.components().component(realm.federationId()).remove();
        federationId = created(admin.components().add(mapped));
    }

    /**
     * A new federation like {@code saved} (the realm's own ArangoDB account and password) with {@code settings}
     * changed, added through the admin API as a whole, as the console's "Add provider" does: on update Keycloak keeps
     * only the config keys the provider's form declares.
     */
    private static ComponentRepresentation copyOf(ComponentRepresentation saved, Map<String, String> settings) {
        ComponentRepresentation copy = new ComponentRepresentation();
        copy.setName(saved.getName());
        copy.setProviderId(saved.getProviderId());
        copy.setProviderType(saved.getProviderType());
        copy.setParentId(saved.getParentId());
        copy.setConfig(new MultivaluedHashMap<>(saved.getConfig()));
        copy.getConfig()
                .putSingle(ArangoStorageConfig.PASSWORD, realm.arangoAccount().password());
        settings.forEach(copy.getConfig()::putSingle);
        return copy;
    }

    /** A document of the previous application: its id, a bcrypt hash as it stored it ($2a$ and $2b$ alike). */
    private static Map<String, Object> legacyUser(
            int id, String username, String email, String password, String groupid, String roleid) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", id);
        document.put("username", username);
        document.put("email", email);
        document.put("firstName", username); // the realm's user profile requires both names
        document.put("lastName", "Legacy");
        BCrypt.Version version = id % 2 == 0 ? BCrypt.Version.VERSION_2B : BCrypt.Version.VERSION_2A;
        document.put("password", BCrypt.with(version).hashToString(10, password.toCharArray()));
        document.put("groupid", groupid);
        document.put("roleid", roleid);
        return document;
    }

    private static Map<String, Object> stored(int id) {
        return only(realm.documents()
                .query("FOR u IN @@col FILTER u.id == @id RETURN u", Map.of("@col", COLLECTION, "id", id)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> only(List<Object> documents) {
        assertThat(documents).hasSize(1);
        return JSON.convertValue(documents.get(0), Map.class);
    }

    private static GroupRepresentation group(String name) {
        GroupRepresentation group = new GroupRepresentation();
        group.setName(name);
        return group;
    }

    private static String created(Response response) {
        try (response) {
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
