package dev.kcbundle.userstorage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.arangodb.ArangoCollection;
import com.arangodb.entity.IndexEntity;
import dev.kcbundle.userstorage.arango.ArangoUnavailableException;
import dev.kcbundle.userstorage.arango.ArangoUserStore;
import dev.kcbundle.userstorage.arango.DerivedFieldsCheck;
import dev.kcbundle.userstorage.arango.ReferenceRemoval;
import dev.kcbundle.userstorage.arango.UserQuery;
import dev.kcbundle.userstorage.document.DocumentMapping;
import dev.kcbundle.userstorage.document.UserDocument;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.keycloak.models.UserModel;

/**
 * A collection another application wrote, read in place through a document mapping: a WRITABLE federation adds the
 * provider's derived fields where they are missing (not to users whose username or email differs from another's only in
 * case), finds users by the mapped id (numeric too), username and email in any case; a READ_ONLY one writes nothing
 * and saving it is refused while documents lack the fields. Runs against the stand-in, or a real ArangoDB when
 * {@code ARANGODB_HOSTS} is set.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForeignCollectionTest {

    private static final DocumentMapping LEGACY = DocumentMapping.from(Map.of(
            "mappingId", "id",
            "mappingPassword", "password",
            "mappingGroups", "groupid",
            "mappingRoles", "roleid")::get);

    private TestDatabase arangoDb;

    @BeforeAll
    void create() {
        arangoDb = TestDatabase.create("foreign_");
        arangoDb.database().create();
    }

    @AfterAll
    void drop() {
        arangoDb.close();
    }

    @Test
    void aWritableFederationAddsTheDerivedFieldsAndFindsUsersByTheMappedId() {
        ArangoCollection users = foreignCollection(
                "User",
                legacy(1001, "Ada", "Ada@Example.org", "exam-board"),
                legacy(1002, "ben", "ben@example.org", List.of("office", "g-id-1")),
                legacy(1003, "Cleo", "cleo@example.org", null),
                legacy(1004, "cleo", "cleo.two@example.org", null),
                legacy(1005, "eve", "BEN@example.org", null));

        ArangoUserStore store = arangoDb.store("writable", "User", LEGACY, true);

        assertThat(store.findByUsername("ADA").id()).isEqualTo("1001");
        assertThat(store.findByEmail("ada@EXAMPLE.org").username()).isEqualTo("Ada");
        assertThat(store.findById("1001").username()).as("a numeric id").isEqualTo("Ada");
        assertThat(store.findById("1001x")).isNull();
        assertThat(stored(users, "k1001"))
                .containsEntry("usernameLower", "ada")
                .containsEntry("emailLower", "ada@example.org")
                .containsKeys("searchGrams", "lookupKeys");
        assertThat(stored(users, "k1003")).as("Cleo and cleo are ambiguous").doesNotContainKey("usernameLower");
        assertThat(stored(users, "k1004")).doesNotContainKey("usernameLower");
        assertThat(store.findByUsername("cleo")).isNull();
        assertThat(stored(users, "k1002"))
                .as("ben's email differs from eve's only in case")
                .containsEntry("usernameLower", "ben")
                .doesNotContainKey("emailLower");
        assertThat(store.findByEmail("ben@example.org")).isNull();
        assertThat(usernames(store.find(UserQuery.search("User", LEGACY, Map.of(UserModel.SEARCH, "ad")), null, null)))
                .containsExactly("Ada");
        assertThat(usernames(store.find(UserQuery.all("User", LEGACY).memberOfGroup("office"), null, null)))
                .containsExactly("ben");
        assertThat(indexNames(users))
                .contains("kc_id_unique", "kc_email_unique", "kc_search_grams", "kc_lookup_keys")
                .as("two documents without usernameLower: no unique index on it, a warning instead")
                .doesNotContain("kc_username_unique");

        UserDocument created = UserDocument.newUser("0b9e-new", "Fay", 1L, LEGACY);
        store.insert(created);
        assertThat(store.findById("0b9e-new").username()).isEqualTo("Fay");
        assertThat(stored(users, "0b9e-new")).containsEntry("id", "0b9e-new");

        assertThat(store.removeReferences(ReferenceRemoval.group("User", LEGACY, "g-id-1", List.of())))
                .isEqualTo(1);
        assertThat(stored(users, "k1002")).containsEntry("groupid", List.of("office"));
        assertThat(store.removeReferences(ReferenceRemoval.group("User", LEGACY, "exam-board", List.of())))
                .as("a single string reference")
                .isEqualTo(1);
        assertThat(stored(users, "k1001")).containsEntry("groupid", List.of());
        assertThat(store.removeReferences(
                        ReferenceRemoval.group("User", LEGACY, "g-office", List.of("/office", "office"))))
                .as("a reference by name")
                .isEqualTo(1);
        assertThat(stored(users, "k1002")).containsEntry("groupid", List.of());
        assertThat(usernames(store.find(UserQuery.all("User", LEGACY).memberOfGroup("office"), null, null)))
                .isEmpty();
        assertThat(store.removeReferences(
                        ReferenceRemoval.realmRole("User", LEGACY, "r-manager", "manager", List.of("manager"))))
                .as("a realm role by name, a single string")
                .isEqualTo(5);
        assertThat(stored(users, "k1002")).containsEntry("roleid", List.of());
        assertThat(stored(users, "k1002").get("lookupKeys")).asList().doesNotContain("role:manager");

        users.updateDocument("k1004", Map.of("username", "cleo2"));
        store.addMissingDerivedFields();
        assertThat(store.findByUsername("CLEO").id()).as("no longer ambiguous").isEqualTo("1003");
        assertThat(store.findByUsername("cleo2").id()).isEqualTo("1004");
    }

    @Test
    void aReadOnlyFederationWritesNothingAndIsRefusedUntilTheDocumentsHaveTheFields() {
        ArangoCollection users = foreignCollection(
                "Members", legacy(2001, "Gil", "gil@example.org", null), legacy(2002, "Hal", "hal@example.org", null));

        arangoDb.store("read-only", "Members", LEGACY, false);

        assertThat(stored(users, "k2001")).doesNotContainKey("usernameLower");
        assertThat(new DerivedFieldsCheck(arangoDb.connection("Members")).problem())
                .hasToString("2 users in collection \"Members\" lack the fields this provider finds and searches users "
                        + "by (usernameLower, emailLower, searchPrefixes, searchGrams, lookupKeys), and a READ_ONLY federation "
                        + "writes nothing. Save the federation once in WRITABLE mode (the provider adds the fields "
                        + "on its first use), or import the users with the user-import command, then switch to "
                        + "READ_ONLY.");

        ArangoUserStore writable = arangoDb.store("made-writable", "Members", LEGACY, true);

        assertThat(new DerivedFieldsCheck(arangoDb.connection("Members")).problem())
                .isNull();
        assertThat(writable.findByUsername("gil").id()).isEqualTo("2001");
        assertThat(indexNames(users)).contains("kc_username_unique", "kc_id_unique");
        assertThat(new DerivedFieldsCheck(arangoDb.connection("NoSuchCollection")).problem())
                .isNull();
    }

    @Test
    void twoUsersWithOneIdStopTheFederationWithAMessageNamingTheAttribute() {
        foreignCollection(
                "Twins", legacy(3001, "ida", "ida@example.org", null), legacy(3002, "ivo", "ivo@example.org", null));
        arangoDb.database().collection("Twins").updateDocument("k3002", Map.of("id", 3001));

        assertThatThrownBy(() -> arangoDb.store("twins", "Twins", LEGACY, true))
                .isInstanceOf(ArangoUnavailableException.class)
                .hasMessageContaining("/Twins share a value of id, the attribute the federation's mapping takes the "
                        + "user id from");

        arangoDb.database().collection("Twins").updateDocument("k3002", Map.of("id", "3001"));
        ArangoUserStore store = arangoDb.store("twins", "Twins", LEGACY, true);
        assertThat(store.findById("3001"))
                .as("3001 and \"3001\" are two values to the index, one user id to Keycloak: neither is used")
                .isNull();
    }

    private ArangoCollection foreignCollection(String name, Map<?, ?>... documents) {
        ArangoCollection users = arangoDb.database().collection(name);
        users.create();
        for (Map<?, ?> document : documents) {
            users.insertDocument(document);
        }
        return users;
    }

    private static Map<String, Object> legacy(int id, String username, String email, Object groupid) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("_key", "k" + id);
        document.put("id", id);
        document.put("username", username);
        document.put("email", email);
        document.put("password", "$2b$04$lWK4E4IWjEBpJjIlyEemEezUXAPekhAdJ9fZGsddldf2ik6OsSFhi");
        if (groupid != null) {
            document.put("groupid", groupid);
        }
        document.put("roleid", "manager");
        return document;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stored(ArangoCollection users, String key) {
        return users.getDocument(key, Map.class);
    }

    private static List<String> indexNames(ArangoCollection users) {
        return users.getIndexes().stream().map(IndexEntity::getName).toList();
    }

    private static List<String> usernames(List<UserDocument> documents) {
        return documents.stream().map(UserDocument::username).toList();
    }
}
