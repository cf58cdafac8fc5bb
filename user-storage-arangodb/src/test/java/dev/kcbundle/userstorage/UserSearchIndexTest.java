package dev.kcbundle.userstorage;

import static org.assertj.core.api.Assertions.assertThat;

import com.arangodb.ArangoCursor;
import com.arangodb.ArangoDatabase;
import com.arangodb.entity.CursorStats;
import dev.kcbundle.userstorage.arango.ArangoUserStore;
import dev.kcbundle.userstorage.arango.UserQuery;
import dev.kcbundle.userstorage.document.SearchKeys;
import dev.kcbundle.userstorage.document.UserDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.keycloak.models.UserModel;

/**
 * Every query shape of the admin console's user search returns what a scan would and is answered by an index
 * (ArangoDB's own statistics: no full collection scan). Runs against the in-memory stand-in, or a real ArangoDB when
 * {@code ARANGODB_HOSTS} is set ({@code ARANGODB_USER}, {@code ARANGODB_PASSWORD}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserSearchIndexTest {

    private static final int USERS = 300;
    private static final String COLLECTION = "users";
    private static final List<String> FIRST_NAMES = List.of("Alice", "Bob", "Carol", "Dave", "Ève");

    private TestDatabase arangoDb;
    private ArangoDatabase database;
    private ArangoUserStore store;
    private final List<UserDocument> users = new ArrayList<>();

    @BeforeAll
    void seed() {
        arangoDb = TestDatabase.create("search_");
        database = arangoDb.database();
        store = arangoDb.store("search-test", COLLECTION);
        for (int i = 0; i < USERS; i++) {
            UserDocument document = UserDocument.newUser("k" + i, String.format("User-%03d", i), i);
            if (i % 10 != 0) {
                document.setEmail("Mail" + i + "@Example.org");
            }
            document.setFirstName(FIRST_NAMES.get(i % FIRST_NAMES.size()));
            document.setLastName(i % 2 == 0 ? "Smith" : "O'Neil");
            document.setGroupIds(List.of("group-" + i % 4));
            document.setRoleIds(i % 3 == 0 ? List.of("role-editor") : List.of());
            document.setAttribute("policies", List.of("Policy-" + i % 10));
            if (i % 7 == 0) {
                // written by an earlier version: role mappings by name and by clientId
                document.fields()
                        .put(
                                UserDocument.ROLES,
                                Map.of(
                                        "realm",
                                        i % 3 == 0 ? List.of("editor") : List.of(),
                                        "clients",
                                        Map.of("urn:api", List.of("reader"))));
                document.searchKeysPatch();
            }
            store.insert(document);
            users.add(document);
        }
    }

    @AfterAll
    void drop() {
        arangoDb.close();
    }

    Stream<Arguments> searches() {
        return Stream.of(
                search("prefix of a username", params(UserModel.SEARCH, "USER-01"), u -> keycloak(u, "user-01")),
                search("prefix of an email", params(UserModel.SEARCH, "mail12"), u -> keycloak(u, "mail12")),
                search("one character", params(UserModel.SEARCH, "m"), u -> keycloak(u, "m")),
                search("anywhere", params(UserModel.SEARCH, "*5"), u -> contains(u, "5")),
                search("anywhere in an email", params(UserModel.SEARCH, "*l12@exa"), u -> contains(u, "l12@exa")),
                search("accented first name", params(UserModel.SEARCH, "ève"), u -> keycloak(u, "ève")),
                search("two terms", params(UserModel.SEARCH, "bob *2"), u -> keycloak(u, "bob") && keycloak(u, "*2")),
                search("last name with a quote", params(UserModel.SEARCH, "O'N"), u -> keycloak(u, "o'n")),
                search(
                        "quoted exact term",
                        params(UserModel.SEARCH, "\"Carol\""),
                        u -> "carol".equals(lower(u.firstName()))),
                search("star inside", params(UserModel.SEARCH, "user-1*9"), u -> keycloak(u, "user-1*9")),
                search(
                        "star inside and at the end",
                        params(UserModel.SEARCH, "user-*0*"),
                        u -> keycloak(u, "user-*0*")),
                search(
                        "exact username",
                        params(UserModel.USERNAME, "USER-042", UserModel.EXACT, "true"),
                        u -> u.username().equals("User-042")),
                search(
                        "exact email",
                        params(UserModel.EMAIL, "mail43@example.org", UserModel.EXACT, "true"),
                        u -> "mail43@example.org".equals(lower(u.email()))),
                search(
                        "exact first name",
                        params(UserModel.FIRST_NAME, "dave", UserModel.EXACT, "true"),
                        u -> u.firstName().equals("Dave")),
                search(
                        "last name substring",
                        params(UserModel.LAST_NAME, "'ne"),
                        u -> u.lastName().equals("O'Neil")),
                search(
                        "attribute, any letter case",
                        params("policies", "POLICY-7"),
                        u -> u.attributes().get("policies").equals(List.of("Policy-7"))),
                search(
                        "attribute and substring",
                        params("policies", "policy-4", UserModel.SEARCH, "smith"),
                        u -> u.attributes().get("policies").equals(List.of("Policy-4")) && keycloak(u, "smith")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("searches")
    void searchFindsWhatAScanWouldThroughAnIndex(
            String name, Map<String, String> params, Predicate<UserDocument> expected) {
        assertServedByIndex(UserQuery.search(COLLECTION, params), expected);
    }

    @Test
    void groupAndRoleMembersAreServedByTheLookupIndex() {
        assertServedByIndex(
                UserQuery.all(COLLECTION).memberOfGroup("group-2"),
                u -> u.groupIds().contains("group-2"));
        assertServedByIndex(
                UserQuery.all(COLLECTION).withRole("role-editor", SearchKeys.realmRole("editor")),
                u -> u.roleIds().contains("role-editor") || u.legacyRealmRoles().contains("editor"));
        assertServedByIndex(
                UserQuery.all(COLLECTION).withRole("role-reader", SearchKeys.clientRole("urn:api", "reader")),
                u -> u.legacyClientRoles().containsKey("urn:api"));
        assertServedByIndex(
                UserQuery.all(COLLECTION)
                        .withRole("role-editor", SearchKeys.realmRole("editor"), SearchKeys.role("editor")),
                u -> u.roleIds().contains("role-editor") || u.legacyRealmRoles().contains("editor"));
        assertServedByIndex(
                UserQuery.all(COLLECTION).memberOfAnyGroup(List.of("group-2", "/staff", "staff")),
                u -> u.groupIds().contains("group-2"));
    }

    @Test
    void aPrefixTermReadsOnlyItsMatchesFromTheIndex() {
        UserQuery prefix = UserQuery.search(COLLECTION, params(UserModel.SEARCH, "user-01"));
        UserQuery anywhere = UserQuery.search(COLLECTION, params(UserModel.SEARCH, "*ser-01"));

        assertThat(store.count(prefix)).isEqualTo(10).isEqualTo(store.count(anywhere));
        assertThat(stats(prefix.count()).getScannedIndex())
                .as("index entries read: the 10 users holding the key")
                .isEqualTo(10);
        assertThat(stats(anywhere.count()).getScannedIndex())
                .as("searched anywhere: every user holding the gram 'ser' is a candidate")
                .isEqualTo(USERS);
    }

    @Test
    void aPageIsTheSortedSliceOfTheMatches() {
        UserQuery query = UserQuery.search(COLLECTION, params(UserModel.SEARCH, "smith"));
        List<String> all = usernames(store.find(query, null, null));

        assertThat(usernames(store.find(UserQuery.search(COLLECTION, params(UserModel.SEARCH, "smith")), 20, 10)))
                .isEqualTo(all.subList(20, 30));
    }

    @Test
    void usersWrittenBeforeTheSearchIndexesExistedBecomeSearchableWhenTheyAreCreated() {
        String legacy = "legacy_users";
        database.createCollection(legacy);
        Map<String, Object> old = new LinkedHashMap<>();
        old.put("_key", "old1");
        old.put("username", "Legacy-Larry");
        old.put("usernameLower", "legacy-larry");
        old.put("groups", List.of("group-9"));
        database.collection(legacy).insertDocument(old);

        ArangoUserStore upgraded = arangoDb.store("legacy-test", legacy);

        assertThat(usernames(upgraded.find(UserQuery.search(legacy, params(UserModel.SEARCH, "legacy-")), 0, 10)))
                .containsExactly("Legacy-Larry");
        assertThat(usernames(upgraded.find(UserQuery.search(legacy, params(UserModel.SEARCH, "*larry")), 0, 10)))
                .containsExactly("Legacy-Larry");
        assertThat(upgraded.count(UserQuery.all(legacy).memberOfGroup("group-9")))
                .isEqualTo(1);
    }

    private void assertServedByIndex(UserQuery query, Predicate<UserDocument> expected) {
        List<String> wanted = users.stream()
                .filter(expected)
                .map(UserDocument::username)
                .sorted((a, b) -> a.toLowerCase(Locale.ROOT).compareTo(b.toLowerCase(Locale.ROOT)))
                .toList();
        assertThat(wanted).as("the data set has matches").isNotEmpty();

        assertThat(usernames(store.find(query, null, null))).isEqualTo(wanted);
        assertThat(store.count(query)).isEqualTo(wanted.size());
        assertThat(scannedFull(query.select(0, 10)))
                .as("documents scanned by a page")
                .isZero();
        assertThat(scannedFull(query.count()))
                .as("documents scanned by the count")
                .isZero();
    }

    private long scannedFull(UserQuery.Aql aql) {
        return stats(aql).getScannedFull();
    }

    private CursorStats stats(UserQuery.Aql aql) {
        try (ArangoCursor<Object> cursor = database.query(aql.text(), Object.class, aql.bindVars())) {
            return cursor.getStats();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Arguments search(String name, Map<String, String> params, Predicate<UserDocument> expected) {
        return Arguments.of(name, params, expected);
    }

    private static Map<String, String> params(String... namesAndValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return params;
    }

    /**
     * Keycloak's own reading of one search term (JpaUserProvider): {@code *} is a wildcard, and a term not ending in
     * one gets one, matched against the whole lower-case username, email, first or last name.
     */
    private static boolean keycloak(UserDocument user, String lowerTerm) {
        String pattern = lowerTerm.endsWith("*") ? lowerTerm : lowerTerm + "*";
        StringBuilder regex = new StringBuilder();
        for (String literal : pattern.split("\\*", -1)) {
            regex.append(regex.length() == 0 ? "" : ".*").append(java.util.regex.Pattern.quote(literal));
        }
        return Stream.of(user.username(), user.email(), user.firstName(), user.lastName())
                .anyMatch(value -> value != null && lower(value).matches(regex.toString()));
    }

    private static boolean contains(UserDocument user, String lowerTerm) {
        return Stream.of(user.username(), user.email(), user.firstName(), user.lastName())
                .anyMatch(
                        value -> value != null && value.toLowerCase(Locale.ROOT).contains(lowerTerm));
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static List<String> usernames(List<UserDocument> documents) {
        return documents.stream().map(UserDocument::username).toList();
    }
}
