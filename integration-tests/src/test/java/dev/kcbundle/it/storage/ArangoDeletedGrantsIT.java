package dev.kcbundle.it.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcbundle.it.HttpJson;
import dev.kcbundle.it.TestRealm;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.storage.UserStorageProvider.EditMode;

/**
 * A grant ends with its role, client or group: after a tenant admin deletes one and creates another of the same name,
 * the former holders (users in ArangoDB) hold nothing of the new one (admin API, token), and their documents keep
 * no reference to the deleted one.
 */
class ArangoDeletedGrantsIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.blank("grants").withArangoUsers(EditMode.WRITABLE);

    @Test
    void aRealmRoleCreatedAgainUnderTheSameNameIsNotHeldByTheHoldersOfTheDeletedOne() {
        String id = realm.createUser("rita", "rita@example.org", "Rita-pass-1");
        realm.admin().roles().create(role("auditor"));
        RoleRepresentation deleted = realm.admin().roles().get("auditor").toRepresentation();
        realm.user(id).roles().realmLevel().add(List.of(deleted));
        assertThat(realmRoles(token("rita", "Rita-pass-1"))).as("held before").contains("auditor");

        realm.admin().roles().deleteRole("auditor");
        realm.admin().roles().create(role("auditor"));

        assertThat(realm.user(id).roles().realmLevel().listAll())
                .extracting(RoleRepresentation::getName)
                .doesNotContain("auditor");
        assertThat(realm.admin().roles().get("auditor").getUserMembers()).isEmpty();
        assertThat(realmRoles(token("rita", "Rita-pass-1"))).doesNotContain("auditor");
        assertNoReference("rita", deleted.getId(), "auditor");
    }

    @Test
    void aClientCreatedAgainUnderTheSameClientIdGivesItsRolesToNobodyWhoHeldTheOldOnes() {
        String id = realm.createUser("carl", "carl@example.org", "Carl-pass-1");
        ClientResource billing = createClientWithRole("billing", "payer");
        RoleRepresentation deleted = billing.roles().get("payer").toRepresentation();
        realm.user(id).roles().clientLevel(billing.toRepresentation().getId()).add(List.of(deleted));
        assertThat(clientRoles(token("carl", "Carl-pass-1"), "billing"))
                .as("held before")
                .contains("payer");

        billing.remove();
        ClientResource again = createClientWithRole("billing", "payer");

        assertThat(realm.user(id)
                        .roles()
                        .clientLevel(again.toRepresentation().getId())
                        .listAll())
                .isEmpty();
        assertThat(again.roles().get("payer").getUserMembers()).isEmpty();
        assertThat(clientRoles(token("carl", "Carl-pass-1"), "billing")).isEmpty();
        assertNoReference("carl", deleted.getId(), "billing");
    }

    @Test
    void aGroupCreatedAgainUnderTheSameNameHasNoneOfTheOldMembers() {
        String id = realm.createUser("gina", "gina@example.org", "Gina-pass-1");
        String deletedId = createGroup("team");
        realm.user(id).joinGroup(deletedId);
        assertThat(realm.user(id).groups())
                .extracting(GroupRepresentation::getName)
                .as("member before")
                .containsExactly("team");

        realm.admin().groups().group(deletedId).remove();
        String againId = createGroup("team");

        assertThat(realm.user(id).groups()).isEmpty();
        assertThat(realm.admin().groups().group(againId).members())
                .extracting(UserRepresentation::getUsername)
                .isEmpty();
        assertNoReference("gina", deletedId, "team");
    }

    @Test
    @SuppressWarnings("unchecked")
    void documentsOfEarlierVersionsKeepTheirRolesByNameUntilTheirNextWriteStoresRoleIds() {
        realm.admin().roles().create(role("legacy-viewer"));
        ClientResource api = createClientWithRole("legacy-api", "reader");
        String viewerId =
                realm.admin().roles().get("legacy-viewer").toRepresentation().getId();
        String readerId = api.roles().get("reader").toRepresentation().getId();
        Map<String, Object> byName =
                Map.of("realm", List.of("legacy-viewer"), "clients", Map.of("legacy-api", List.of("reader")));
        realm.documents().insert(List.of(legacyDocument("lou", byName), legacyDocument("lee", byName)));
        UserResource lou = realm.user(
                realm.admin().users().searchByUsername("lou", true).get(0).getId());
        String leeId =
                realm.admin().users().searchByUsername("lee", true).get(0).getId();

        assertThat(lou.roles().realmLevel().listAll())
                .extracting(RoleRepresentation::getName)
                .contains("legacy-viewer");
        assertThat(lou.roles().clientLevel(api.toRepresentation().getId()).listAll())
                .extracting(RoleRepresentation::getName)
                .containsExactly("reader");
        assertThat(realm.admin().roles().get("legacy-viewer").getUserMembers())
                .extracting(UserRepresentation::getUsername)
                .containsExactlyInAnyOrder("lou", "lee");

        UserRepresentation named = lou.toRepresentation();
        named.setFirstName("Lou");
        lou.update(named);
        Map<String, Object> rewritten = realm.document("lou");
        assertThat((List<String>) rewritten.get("roles")).containsExactlyInAnyOrder(viewerId, readerId);
        assertThat((List<String>) rewritten.get("lookupKeys"))
                .contains("role:" + viewerId, "role:" + readerId)
                .noneMatch(key -> key.startsWith("realm-role:") || key.startsWith("client-role:"));

        realm.admin().roles().deleteRole("legacy-viewer");
        realm.admin().roles().create(role("legacy-viewer"));

        assertThat(realm.user(leeId).roles().realmLevel().listAll())
                .extracting(RoleRepresentation::getName)
                .doesNotContain("legacy-viewer");
        assertThat(realm.user(leeId)
                        .roles()
                        .clientLevel(api.toRepresentation().getId())
                        .listAll())
                .extracting(RoleRepresentation::getName)
                .containsExactly("reader");
        assertNoReference("lou", viewerId, "legacy-viewer");
        assertNoReference("lee", viewerId, "legacy-viewer");
    }

    @Test
    @SuppressWarnings("unchecked")
    void referencesByPathAndNameLeaveWithTheDeletedGroupOrRoleAndNameNobodyInItsSuccessor() {
        String staff = createGroup("staff");
        String office = createSubGroup(staff, "office");
        String labOffice = createSubGroup(createGroup("lab"), "office");
        String auditors = createGroup("auditors");
        realm.admin().roles().create(role("reviewer"));
        ClientResource ledger = createClientWithRole("ledger", "approver");
        String piaId = realm.createUser("pia", "pia@example.org", "Pia-pass-1");
        String nedId = realm.createUser("ned", "ned@example.org", "Ned-pass-1");
        // written by another application: references by path and name, an array or a single string
        writeReferences("pia", List.of("/staff/office"), List.of("reviewer", "ledger/approver"));
        writeReferences("ned", List.of("auditors", "office"), "ledger/approver");
        realm.admin().clearUserCache();
        assertThat(realm.user(piaId).groups())
                .extracting(GroupRepresentation::getPath)
                .containsExactly("/staff/office");
        assertThat(realm.user(nedId).groups())
                .as("office is ambiguous (/staff/office, /lab/office): ignored")
                .extracting(GroupRepresentation::getPath)
                .containsExactly("/auditors");
        JsonNode piaBefore = token("pia", "Pia-pass-1");
        assertThat(realmRoles(piaBefore)).as("held before").contains("reviewer");
        assertThat(clientRoles(piaBefore, "ledger")).as("held before").containsExactly("approver");

        realm.admin().groups().group(office).remove();
        realm.admin().groups().group(auditors).remove();
        realm.admin().roles().deleteRole("reviewer");
        ledger.roles().deleteRole("approver");

        for (String username : List.of("pia", "ned")) {
            Map<String, Object> document = realm.document(username);
            assertThat(document.get("groups")).as("groups of %s", username).isEqualTo(List.of());
            assertThat(document.get("roles")).as("roles of %s", username).isEqualTo(List.of());
            assertThat((List<String>) document.get("lookupKeys"))
                    .as("lookup keys of %s", username)
                    .noneMatch(key -> key.startsWith("group:") || key.startsWith("role:"));
        }
        assertThat(realm.admin().groups().group(labOffice).members())
                .as("the name office, now unique, names nobody")
                .isEmpty();
        assertThat(realm.user(nedId).groups()).isEmpty();

        String officeAgain = createSubGroup(staff, "office");
        String auditorsAgain = createGroup("auditors");
        realm.admin().roles().create(role("reviewer"));
        ledger.roles().create(role("approver"));

        assertThat(realm.user(piaId).groups()).isEmpty();
        assertThat(realm.admin().groups().group(officeAgain).members()).isEmpty();
        assertThat(realm.admin().groups().group(auditorsAgain).members()).isEmpty();
        assertThat(realm.admin().roles().get("reviewer").getUserMembers()).isEmpty();
        assertThat(ledger.roles().get("approver").getUserMembers()).isEmpty();
        JsonNode piaAfter = token("pia", "Pia-pass-1");
        assertThat(realmRoles(piaAfter)).doesNotContain("reviewer");
        assertThat(clientRoles(piaAfter, "ledger")).isEmpty();
        assertThat(clientRoles(token("ned", "Ned-pass-1"), "ledger")).isEmpty();
    }

    /** Sets a user's group and role references in ArangoDB, as another application writes them, with their keys. */
    private static void writeReferences(String username, Object groups, Object roles) {
        List<String> lookupKeys = new java.util.ArrayList<>();
        referenceList(groups).forEach(group -> lookupKeys.add("group:" + group));
        referenceList(roles).forEach(role -> lookupKeys.add("role:" + role));
        realm.documents()
                .update(
                        (String) realm.document(username).get("_key"),
                        Map.of("groups", groups, "roles", roles, "lookupKeys", lookupKeys));
    }

    @SuppressWarnings("unchecked")
    private static List<String> referenceList(Object references) {
        return references instanceof List<?> list ? (List<String>) list : List.of((String) references);
    }

    /** A user document as the previous version wrote it: role mappings by name and by clientId. */
    private static Map<String, Object> legacyDocument(String username, Map<String, Object> roles) {
        Map<String, Object> document = new java.util.LinkedHashMap<>();
        document.put("_key", "legacy-" + username);
        document.put("username", username);
        document.put("usernameLower", username);
        document.put("enabled", true);
        document.put("emailVerified", false);
        document.put("createdTimestamp", 1795369378000L);
        document.put("attributes", Map.of());
        document.put("groups", List.of());
        document.put("roles", roles);
        document.put("searchGrams", List.of(username.substring(0, 1), username.substring(0, 2), username));
        document.put("lookupKeys", List.of("realm-role:legacy-viewer", "client-role:legacy-api:reader"));
        return document;
    }

    /** Neither the deleted item's id nor its name is left in the user's groups, roles or lookup keys. */
    private static void assertNoReference(String username, String deletedId, String name) {
        Map<String, Object> document = realm.document(username);
        String references = String.valueOf(document.get("groups")) + document.get("roles") + document.get("lookupKeys");
        assertThat(references)
                .as("the document's groups, roles and lookup keys")
                .doesNotContain(deletedId)
                .doesNotContain(name);
    }

    private static JsonNode token(String username, String password) {
        HttpJson.Answer answer = realm.passwordGrant(username, password);
        assertThat(answer.status()).as("token: %s", answer.body()).isEqualTo(200);
        return HttpJson.jwtPayload(answer.body().get("access_token").asText());
    }

    private static List<String> realmRoles(JsonNode token) {
        return strings(token.path("realm_access").path("roles"));
    }

    private static List<String> clientRoles(JsonNode token, String clientId) {
        return strings(token.path("resource_access").path(clientId).path("roles"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static ClientResource createClientWithRole(String clientId, String roleName) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setEnabled(true);
        try (Response response = realm.admin().clients().create(client)) {
            ClientResource created = realm.admin().clients().get(CreatedResponseUtil.getCreatedId(response));
            created.roles().create(role(roleName));
            return created;
        }
    }

    private static String createGroup(String name) {
        GroupRepresentation group = new GroupRepresentation();
        group.setName(name);
        try (Response response = realm.admin().groups().add(group)) {
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    private static String createSubGroup(String parentId, String name) {
        GroupRepresentation group = new GroupRepresentation();
        group.setName(name);
        try (Response response = realm.admin().groups().group(parentId).subGroup(group)) {
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    private static RoleRepresentation role(String name) {
        RoleRepresentation role = new RoleRepresentation();
        role.setName(name);
        return role;
    }
}
