package dev.kcbundle.userstorage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import com.arangodb.ArangoCursor;
import com.arangodb.ArangoDatabase;
import dev.kcbundle.userstorage.arango.ArangoUserStore;
import dev.kcbundle.userstorage.arango.ReferenceRemoval;
import dev.kcbundle.userstorage.arango.RevisionConflictException;
import dev.kcbundle.userstorage.arango.UserGoneException;
import dev.kcbundle.userstorage.arango.UserQuery;
import dev.kcbundle.userstorage.document.DocumentMapping;
import dev.kcbundle.userstorage.document.UserDocument;
import dev.kcbundle.userstorage.document.UserPatch;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.keycloak.models.KeycloakSession;

/**
 * Every document write is conditional on the revision read, a change is applied again to a newer revision, and a
 * deleted group or role leaves every document in one indexed statement. Against the in-memory stand-in, or a real
 * ArangoDB when {@code ARANGODB_HOSTS} is set ({@code ARANGODB_USER}, {@code ARANGODB_PASSWORD}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConditionalWritesTest {

    private static final String COLLECTION = "users";

    private TestDatabase arangoDb;
    private ArangoDatabase database;
    private ArangoUserStore store;
    private UserWrites writes;

    @BeforeAll
    void connect() {
        arangoDb = TestDatabase.create("writes_");
        database = arangoDb.database();
        store = arangoDb.store("writes-test", COLLECTION);
        writes = new UserWrites(mock(KeycloakSession.class), store, true);
    }

    @AfterAll
    void drop() {
        arangoDb.close();
    }

    @Test
    void aWriteWithAnOldRevisionIsRefusedAndChangesNothing() {
        UserDocument stored = insert("stale");
        String readRev = stored.rev();
        String newRev = store.update(stored.key(), readRev, UserPatch.set(UserDocument.FIRST_NAME, "First"));
        assertThat(newRev).isNotEqualTo(readRev);

        assertThatThrownBy(() -> store.update(stored.key(), readRev, UserPatch.set(UserDocument.FIRST_NAME, "Lost")))
                .isInstanceOf(RevisionConflictException.class);
        UserPatch removal = UserPatch.unset(UserDocument.FIRST_NAME);
        assertThatThrownBy(() -> store.update(stored.key(), readRev, removal))
                .isInstanceOf(RevisionConflictException.class);

        assertThat(store.findByKey(stored.key()).firstName()).isEqualTo("First");
        store.update(stored.key(), newRev, removal);
        assertThat(store.findByKey(stored.key()).firstName()).isNull();
    }

    @Test
    void aWriteToADeletedUserSaysSo() {
        UserDocument stored = insert("gone");
        store.remove(stored.key());

        assertThatThrownBy(() -> store.update(stored.key(), stored.rev(), UserPatch.set(UserDocument.FIRST_NAME, "x")))
                .isInstanceOf(UserGoneException.class);
    }

    @Test
    void aChangeIsAppliedAgainToTheRevisionAnotherWriterMade() {
        UserDocument stored = insert("racer");
        stored.setAttribute("policies", List.of("self:read"));
        UserWrites.LoadedUser user = loaded(stored.key());
        UserWrites.LoadedUser admin = loaded(stored.key());
        writes.write(admin, document -> document.setAttribute("policies", List.of("admin:granted")));

        writes.write(user, document -> document.setAttribute("active_group", List.of("g-1")));

        UserDocument after = store.findByKey(stored.key());
        assertThat(after.attributes())
                .containsEntry("policies", List.of("admin:granted"))
                .containsEntry("active_group", List.of("g-1"));
        assertThat(after.fields().get(UserDocument.LOOKUP_KEYS))
                .asList()
                .contains("attribute:policies:admin:granted", "attribute:active_group:g-1");
        assertThat(user.document().rev()).isEqualTo(after.rev());
    }

    @Test
    void aChangeThatKeepsLosingTheRaceEndsWithAConflict() {
        UserDocument stored = insert("loser");
        UserWrites.LoadedUser writer = loaded(stored.key());
        int[] attempts = {0};

        assertThatThrownBy(() -> writes.writeConditionally(writer, document -> {
                    attempts[0]++;
                    // another request writes between every read and write of this one
                    UserDocument current = store.findByKey(stored.key());
                    store.update(
                            current.key(),
                            current.rev(),
                            UserPatch.set(UserDocument.LAST_NAME, "other-" + attempts[0]));
                    return document.setFirstName("mine");
                }))
                .isInstanceOf(ConcurrentChangeException.class);
        assertThat(attempts[0]).isEqualTo(UserWrites.MAX_ATTEMPTS);
        assertThat(store.findByKey(stored.key()).firstName()).isNull();
    }

    @Test
    void aDeletedRoleLeavesEveryHolderByIdOrByTheNameOfEarlierVersions() {
        UserDocument byId = insert("role-by-id");
        store.update(byId.key(), byId.rev(), byId.setRoleIds(List.of("r-gone", "r-kept")));
        UserDocument byName = legacy(
                "role-by-name", Map.of("realm", List.of("gone", "kept"), "clients", Map.of("api", List.of("gone"))));
        UserDocument clientByName = legacy(
                "client-role-by-name", Map.of("realm", List.of(), "clients", Map.of("api", List.of("gone", "kept"))));

        assertThat(removeAndCountScanned(
                        ReferenceRemoval.realmRole(COLLECTION, DocumentMapping.DEFAULT, "r-gone", "gone", List.of())))
                .isZero();
        assertThat(removeAndCountScanned(ReferenceRemoval.clientRole(
                        COLLECTION, DocumentMapping.DEFAULT, "r-gone-client", "api", "gone", List.of())))
                .isZero();

        UserDocument first = store.findByKey(byId.key());
        assertThat(first.roleIds()).containsExactly("r-kept");
        assertThat(first.fields().get(UserDocument.LOOKUP_KEYS)).asList().containsExactly("role:r-kept");
        UserDocument second = store.findByKey(byName.key());
        assertThat(second.legacyRealmRoles()).containsExactly("kept");
        assertThat(second.legacyClientRoles()).containsEntry("api", List.of());
        assertThat(second.fields().get(UserDocument.LOOKUP_KEYS)).asList().containsExactly("realm-role:kept");
        UserDocument third = store.findByKey(clientByName.key());
        assertThat(third.legacyClientRoles()).containsEntry("api", List.of("kept"));
        assertThat(third.fields().get(UserDocument.LOOKUP_KEYS)).asList().containsExactly("client-role:api:kept");
    }

    @Test
    void aDeletedGroupLeavesMembersAndTheActiveGroup() {
        UserDocument member = insert("member");
        UserPatch patch = member.setGroupIds(List.of("g-gone", "g-kept"))
                .and(member.setAttribute("active_group", List.of("g-gone")));
        store.update(member.key(), member.rev(), patch);
        UserDocument other = insert("other-active");
        store.update(other.key(), other.rev(), other.setAttribute("active_group", List.of("g-kept")));

        assertThat(removeAndCountScanned(
                        ReferenceRemoval.group(COLLECTION, DocumentMapping.DEFAULT, "g-gone", List.of())))
                .isZero();

        UserDocument after = store.findByKey(member.key());
        assertThat(after.groupIds()).containsExactly("g-kept");
        assertThat(after.attributes()).doesNotContainKey("active_group");
        assertThat(after.fields().get(UserDocument.LOOKUP_KEYS)).asList().containsExactly("group:g-kept");
        assertThat(store.findByKey(other.key()).attributes()).containsEntry("active_group", List.of("g-kept"));
    }

    @Test
    void aDeletedGroupLeavesAMultiValuedActiveGroupWithItsLookupKey() {
        UserDocument member = insert("multi-active");
        store.update(member.key(), member.rev(), member.setAttribute("active_group", List.of("g-gone2", "g-kept2")));

        removeAndCountScanned(ReferenceRemoval.group(COLLECTION, DocumentMapping.DEFAULT, "g-gone2", List.of()));

        UserDocument after = store.findByKey(member.key());
        assertThat(after.attributes()).containsEntry("active_group", List.of("g-kept2"));
        assertThat(after.fields().get(UserDocument.LOOKUP_KEYS))
                .asList()
                .containsExactly("attribute:active_group:g-kept2");
    }

    @Test
    void aDeletedGroupLeavesReferencesByPathAndByName() {
        UserDocument byPath = withReferences(
                "group-by-path",
                UserDocument.GROUPS,
                List.of("/staff/office", "g-kept", "/staff/office/desk", "/office"));
        UserDocument byName = withReferences("group-by-name", UserDocument.GROUPS, "office");
        UserDocument byOtherName = withReferences("group-by-other-name", UserDocument.GROUPS, List.of("officer"));

        assertThat(removeAndCountScanned(ReferenceRemoval.group(
                        COLLECTION, DocumentMapping.DEFAULT, "g-office", List.of("/staff/office", "office"))))
                .isZero();

        UserDocument first = store.findByKey(byPath.key());
        assertThat(first.groupIds()).containsExactly("g-kept", "/staff/office/desk", "/office");
        assertThat(first.fields().get(UserDocument.LOOKUP_KEYS))
                .asList()
                .containsExactly("group:g-kept", "group:/staff/office/desk", "group:/office");
        UserDocument second = store.findByKey(byName.key());
        assertThat(second.groupIds()).as("a single string").isEmpty();
        assertThat(second.fields().get(UserDocument.LOOKUP_KEYS)).asList().isEmpty();
        assertThat(store.findByKey(byOtherName.key()).groupIds()).containsExactly("officer");
        assertThat(store.find(UserQuery.all(COLLECTION, DocumentMapping.DEFAULT).memberOfGroup("office"), null, null))
                .isEmpty();
    }

    @Test
    void aDeletedRoleLeavesReferencesByNameAndByClientIdAndName() {
        UserDocument holder = withReferences(
                "role-names",
                UserDocument.ROLES,
                List.of("editor", "api/reader", "r-kept", "api/editor", "other/reader"));
        UserDocument single = withReferences("role-single", UserDocument.ROLES, "api/reader");

        assertThat(removeAndCountScanned(ReferenceRemoval.realmRole(
                        COLLECTION, DocumentMapping.DEFAULT, "r-editor", "editor", List.of("editor"))))
                .isZero();
        assertThat(removeAndCountScanned(ReferenceRemoval.clientRole(
                        COLLECTION, DocumentMapping.DEFAULT, "r-reader", "api", "reader", List.of("api/reader"))))
                .isZero();

        UserDocument after = store.findByKey(holder.key());
        assertThat(after.roleIds()).containsExactly("r-kept", "api/editor", "other/reader");
        assertThat(after.fields().get(UserDocument.LOOKUP_KEYS))
                .asList()
                .containsExactly("role:r-kept", "role:api/editor", "role:other/reader");
        UserDocument singleAfter = store.findByKey(single.key());
        assertThat(singleAfter.roleIds()).as("a single string").isEmpty();
        assertThat(singleAfter.fields().get(UserDocument.LOOKUP_KEYS)).asList().isEmpty();
    }

    /** A document whose references another application wrote: one string or an array, in any form. */
    private UserDocument withReferences(String username, String attribute, Object references) {
        UserDocument document = UserDocument.newUser(UUID.randomUUID().toString(), username, 1L);
        document.fields().put(attribute, references);
        document.searchKeysPatch();
        store.insert(document);
        return document;
    }

    private UserWrites.LoadedUser loaded(String key) {
        return new UserWrites.LoadedUser(store.findByKey(key), document -> UserPatch.NONE);
    }

    private UserDocument insert(String username) {
        UserDocument document = UserDocument.newUser(UUID.randomUUID().toString(), username, 1L);
        store.insert(document);
        return document;
    }

    private UserDocument legacy(String username, Map<String, Object> roles) {
        return withReferences(username, UserDocument.ROLES, roles);
    }

    /** Runs the removal and returns how many documents it read by a full collection scan. */
    private long removeAndCountScanned(UserQuery.Aql removal) {
        try (ArangoCursor<Object> cursor = database.query(removal.text(), Object.class, removal.bindVars())) {
            return cursor.getStats().getScannedFull();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
