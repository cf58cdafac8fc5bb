package dev.kcbundle.userstorage.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserDocumentTest {

    @Test
    void newUserHasNormalizedUsernameAndEmptyMemberships() {
        UserDocument user = UserDocument.newUser("k1", "Alice", 1795369378000L);

        assertThat(user.fields())
                .containsEntry("_key", "k1")
                .containsEntry("username", "Alice")
                .containsEntry("usernameLower", "alice")
                .containsEntry("enabled", true)
                .containsEntry("createdTimestamp", 1795369378000L);
        assertThat(user.groupIds()).isEmpty();
        assertThat(user.roleIds()).isEmpty();
        assertThat(user.hasLegacyRoles()).isFalse();
        assertThat(user.attributes()).isEmpty();
        assertThat(user.credential()).isNull();
        assertThat(user.fields()).doesNotContainKey("emailLower");
    }

    @Test
    void emailKeepsItsCaseAndIndexesTheLowerCaseForm() {
        UserDocument user = UserDocument.newUser("k1", "alice", 1L);

        UserPatch patch = user.setEmail(" Alice@Example.ORG ");

        assertThat(patch.values())
                .containsEntry("email", "Alice@Example.ORG")
                .containsEntry("emailLower", "alice@example.org");
        assertThat(user.email()).isEqualTo("Alice@Example.ORG");
        assertThat(user.fields()).containsEntry("emailLower", "alice@example.org");
    }

    @Test
    void blankEmailRemovesBothFieldsSoTheSparseIndexSkipsIt() {
        UserDocument user = UserDocument.newUser("k1", "alice", 1L);
        user.setEmail("a@b.c");

        UserPatch patch = user.setEmail("  ");

        assertThat(patch.removed()).containsExactly("email", "emailLower");
        assertThat(user.fields()).doesNotContainKeys("email", "emailLower");
        assertThat(user.email()).isNull();
    }

    @Test
    void readsADocumentAsDesignedInTheSharedNotes() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("_key", "9f0c");
        raw.put("username", "alice");
        raw.put("usernameLower", "alice");
        raw.put("email", "Alice@Example.org");
        raw.put("emailVerified", true);
        raw.put("firstName", "Alice");
        raw.put("lastName", "Doe");
        raw.put("enabled", false);
        raw.put("createdTimestamp", 1795369378000L);
        raw.put("attributes", Map.of("policies", List.of("self:read"), "active_group", List.of("g1")));
        raw.put("groups", List.of("g1", "g2"));
        raw.put("roles", List.of("r-editor", "r-reader"));

        UserDocument user = UserDocument.of(raw);

        assertThat(user.key()).isEqualTo("9f0c");
        assertThat(user.emailVerified()).isTrue();
        assertThat(user.enabled()).isFalse();
        assertThat(user.firstName()).isEqualTo("Alice");
        assertThat(user.lastName()).isEqualTo("Doe");
        assertThat(user.createdTimestamp()).isEqualTo(1795369378000L);
        assertThat(user.attributes())
                .containsEntry("policies", List.of("self:read"))
                .containsEntry("active_group", List.of("g1"));
        assertThat(user.groupIds()).containsExactly("g1", "g2");
        assertThat(user.roleIds()).containsExactly("r-editor", "r-reader");
        assertThat(user.hasLegacyRoles()).isFalse();
    }

    @Test
    void rolesOfEarlierVersionsAreReadByNameUntilRewrittenAsIds() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("_key", "old");
        raw.put("_rev", "_rev1");
        raw.put("roles", Map.of("realm", List.of("editor"), "clients", Map.of("api-server", List.of("reader"))));
        UserDocument user = UserDocument.of(raw);
        assertThat(user.hasLegacyRoles()).isTrue();
        assertThat(user.roleIds()).isEmpty();
        assertThat(user.legacyRealmRoles()).containsExactly("editor");
        assertThat(user.legacyClientRoles()).containsEntry("api-server", List.of("reader"));
        assertThat(user.searchKeysPatch().values().get("lookupKeys"))
                .asList()
                .containsExactly("realm-role:editor", "client-role:api-server:reader");

        UserPatch patch = user.setRoleIds(List.of("r-editor", "r-reader"));

        assertThat(patch.values())
                .containsEntry("roles", List.of("r-editor", "r-reader"))
                .containsEntry("lookupKeys", List.of("role:r-editor", "role:r-reader"));
        assertThat(user.hasLegacyRoles()).isFalse();
        assertThat(user.rev()).isEqualTo("_rev1");
    }

    @Test
    void missingEnabledMeansEnabledAndIntegerTimestampsAreRead() {
        Map<String, Object> raw = new HashMap<>();
        raw.put("_key", "k");
        raw.put("createdTimestamp", 42);

        UserDocument user = UserDocument.of(raw);

        assertThat(user.enabled()).isTrue();
        assertThat(user.createdTimestamp()).isEqualTo(42L);
    }

    @Test
    void attributeChangesPatchTheWholeAttributesObject() {
        UserDocument user = UserDocument.newUser("k1", "alice", 1L);
        user.setAttribute("policies", List.of("a", "b"));

        UserPatch patch = user.setAttribute("active_group", List.of("g1"));

        assertThat(patch.fields()).containsOnly("attributes", "lookupKeys");
        assertThat(patch.values().get("lookupKeys"))
                .asList()
                .containsExactly("attribute:policies:a", "attribute:policies:b", "attribute:active_group:g1");
        assertThat(user.attributes())
                .containsEntry("policies", List.of("a", "b"))
                .containsEntry("active_group", List.of("g1"));

        user.setAttribute("policies", List.of());
        assertThat(user.attributes()).containsOnlyKeys("active_group");
    }

    @Test
    void nameChangesPatchTheSearchGramsAndPrefixesAndOtherChangesDoNot() {
        UserDocument user = UserDocument.newUser("k1", "Bo", 1L);
        assertThat(user.fields().get("searchGrams")).asList().containsExactly("b", "bo", "o");
        assertThat(user.fields().get("searchPrefixes")).asList().containsExactly("b", "bo");

        UserPatch patch = user.setFirstName("Ann");

        assertThat(patch.fields()).containsOnly("firstName", "searchGrams", "searchPrefixes");
        assertThat(patch.values().get("searchGrams"))
                .asList()
                .containsExactly("b", "bo", "o", "a", "an", "ann", "n", "nn");
        assertThat(patch.values().get("searchPrefixes")).asList().containsExactly("b", "bo", "a", "an", "ann");
        assertThat(user.setEmail("Bo@X.org").values().get("searchPrefixes"))
                .asList()
                .containsExactly("b", "bo", "bo@", "bo@x", "bo@x.", "bo@x.o", "bo@x.or", "bo@x.org", "a", "an", "ann");
        assertThat(user.setEnabled(false).fields()).containsOnly("enabled");
        assertThat(user.setCredential(Map.of("type", "password")).fields()).containsOnly("credential");
    }

    @Test
    void groupsAndRolesBecomeLookupKeys() {
        UserDocument user = UserDocument.newUser("k1", "alice", 1L);
        user.setGroupIds(List.of("g-1"));

        UserPatch patch = user.setRoleIds(List.of("r-1", "r-2"));

        assertThat(patch.fields()).containsOnly("roles", "lookupKeys");
        assertThat(patch.values().get("lookupKeys")).asList().containsExactly("group:g-1", "role:r-1", "role:r-2");
    }

    @Test
    void documentsWrittenWithoutSearchKeysGetAPatchOfThem() {
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("_key", "k9");
        stored.put("username", "Zoe");
        stored.put("usernameLower", "zoe");
        stored.put("groups", List.of("g"));

        UserPatch patch = UserDocument.of(stored).searchKeysPatch();

        assertThat(patch.values()).containsEntry("lookupKeys", List.of("group:g"));
        assertThat(patch.values().get("searchGrams")).asList().contains("z", "zo", "zoe");
        assertThat(patch.values().get("searchPrefixes")).asList().containsExactly("z", "zo", "zoe");
        assertThat(UserDocument.of(stored).searchKeysPatch().isEmpty()).isTrue();

        stored.remove("searchPrefixes"); // written by the version before the prefixes
        assertThat(UserDocument.of(stored).searchKeysPatch().fields()).containsOnly("searchPrefixes");
    }

    @Test
    void aCopyTakesChangesWithoutTouchingTheOriginal() {
        UserDocument user = UserDocument.newUser("k1", "alice", 1L);
        user.setAttribute("policies", List.of("a"));

        UserDocument copy = user.copy();
        copy.setAttribute("policies", List.of("b"));
        copy.setGroupIds(List.of("g"));

        assertThat(user.attributes()).containsEntry("policies", List.of("a"));
        assertThat(user.groupIds()).isEmpty();
        assertThat(user.fields().get("lookupKeys")).asList().containsExactly("attribute:policies:a");
    }

    @Test
    void documentWithoutKeyIsRejected() {
        assertThatThrownBy(() -> UserDocument.of(Map.of("username", "x"))).isInstanceOf(IllegalArgumentException.class);
    }
}
