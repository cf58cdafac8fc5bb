package dev.kcbundle.userstorage.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A user document read and written through a foreign collection's mapping, and the default mapping alike. */
class MappedUserDocumentTest {

    /** The legacy {@code User} collection of issue 14. */
    static final DocumentMapping LEGACY = DocumentMapping.from(Map.of(
            "mappingId", "id",
            "mappingFirstName", "vorname",
            "mappingLastName", "nachname",
            "mappingEnabled", "active",
            "mappingPassword", "password",
            "mappingGroups", "groupid",
            "mappingRoles", "roleid")::get);

    private static final String BCRYPT = "$2b$04$lWK4E4IWjEBpJjIlyEemEezUXAPekhAdJ9fZGsddldf2ik6OsSFhi";

    @Test
    void aForeignDocumentIsReadThroughItsMapping() {
        UserDocument user = UserDocument.of(legacyDocument(), LEGACY);

        assertThat(user.key()).isEqualTo("k-1");
        assertThat(user.id()).as("a numeric id, as a string").isEqualTo("1001");
        assertThat(user.username()).isEqualTo("Ada");
        assertThat(user.email()).isEqualTo("Ada@Example.org");
        assertThat(user.firstName()).isEqualTo("Ada");
        assertThat(user.lastName()).isEqualTo("Lovelace");
        assertThat(user.enabled()).isFalse();
        assertThat(user.groupIds()).as("one reference as a string").containsExactly("exam-board");
        assertThat(user.roleIds()).containsExactly("manager", "api-server/reader");
        assertThat(user.credential())
                .as("a bare hash reads as a legacy credential")
                .containsEntry("type", "password")
                .containsEntry("legacyHash", BCRYPT);
    }

    @Test
    void settersWriteTheMappedAttributesAndDeriveTheProvidersOwnFieldsFromThem() {
        UserDocument user = UserDocument.of(legacyDocument(), LEGACY);

        UserPatch patch = user.setUsername("Ada.L")
                .and(user.setFirstName("Augusta"))
                .and(user.setEnabled(true))
                .and(user.setGroupIds(List.of("exam-board", "office")))
                .and(user.setCredential(Map.of("type", "password", "secretData", "{}")));

        assertThat(patch.fields())
                .contains("username", "usernameLower", "vorname", "active", "groupid", "password")
                .contains("searchGrams", "lookupKeys")
                .doesNotContain("firstName", "enabled", "groups", "credential");
        assertThat(user.fields())
                .containsEntry("usernameLower", "ada.l")
                .containsEntry("vorname", "Augusta")
                .containsEntry("active", true)
                .containsEntry("groupid", List.of("exam-board", "office"))
                .doesNotContainKeys("firstName", "enabled", "groups", "credential");
        assertThat(user.fields().get("searchGrams")).asList().contains("aug", "ada");
        assertThat(user.fields().get("lookupKeys"))
                .asList()
                .contains(SearchKeys.group("office"), SearchKeys.role("manager"));
    }

    @Test
    void derivedFieldsAreAddedToAForeignDocumentExceptTheOnesLeftOut() {
        UserDocument user = UserDocument.of(legacyDocument(), LEGACY);

        UserPatch patch = user.derivedFieldsPatch(true, false);

        assertThat(patch.values())
                .containsEntry("usernameLower", "ada")
                .containsKeys("searchGrams", "lookupKeys")
                .doesNotContainKey("emailLower");
        assertThat(user.fields().get("lookupKeys"))
                .asList()
                .containsExactlyInAnyOrder(
                        SearchKeys.group("exam-board"),
                        SearchKeys.role("manager"),
                        SearchKeys.role("api-server/reader"));
        assertThat(user.derivedFieldsPatch(true, false).isEmpty())
                .as("current now")
                .isTrue();
        assertThat(user.derivedFieldsPatch(true, true).values()).containsEntry("emailLower", "ada@example.org");
    }

    @Test
    void aNewUserHasTheSameKeyAndIdAndTheMappedAttributes() {
        UserDocument user = UserDocument.newUser("4f1c-uuid", "Bo", 7L, LEGACY);

        assertThat(user.fields())
                .containsEntry("_key", "4f1c-uuid")
                .containsEntry("id", "4f1c-uuid")
                .containsEntry("username", "Bo")
                .containsEntry("usernameLower", "bo")
                .containsEntry("active", true)
                .containsEntry("groupid", List.of())
                .containsEntry("roleid", List.of())
                .doesNotContainKeys("enabled", "groups", "roles");
        assertThat(user.id()).isEqualTo(user.key());
    }

    @Test
    void theDefaultMappingIsTheProvidersOwnShape() {
        UserDocument user = UserDocument.newUser("k1", "Alice", 1L);
        user.setCredential(Map.of("type", "password", "secretData", "{}"));
        user.setGroupIds(List.of("g-1"));

        assertThat(user.mapping()).isEqualTo(DocumentMapping.DEFAULT);
        assertThat(user.id()).isEqualTo("k1");
        assertThat(user.fields())
                .containsOnlyKeys(
                        "_key",
                        "username",
                        "usernameLower",
                        "enabled",
                        "emailVerified",
                        "createdTimestamp",
                        "attributes",
                        "groups",
                        "roles",
                        "searchGrams",
                        "searchPrefixes",
                        "lookupKeys",
                        "credential");
        assertThat(UserDocument.of(user.fields()).credential()).containsEntry("secretData", "{}");
    }

    @Test
    void aBlankPasswordAttributeIsNoPassword() {
        Map<String, Object> fields = legacyDocument();
        fields.put("password", " ");

        UserDocument user = UserDocument.of(fields, LEGACY);

        assertThat(user.credential()).isNull();
        assertThat(user.hasPasswordValue()).isTrue();
    }

    static Map<String, Object> legacyDocument() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("_key", "k-1");
        fields.put("id", 1001);
        fields.put("username", "Ada");
        fields.put("email", "Ada@Example.org");
        fields.put("vorname", "Ada");
        fields.put("nachname", "Lovelace");
        fields.put("active", false);
        fields.put("password", BCRYPT);
        fields.put("groupid", "exam-board");
        fields.put("roleid", List.of("manager", "api-server/reader"));
        return fields;
    }
}
