package dev.kcbundle.it.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kcbundle.it.AdminUsers;
import dev.kcbundle.it.TestRealm;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.admin.client.resource.UsersResource;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.storage.UserStorageProvider.EditMode;

/**
 * The admin console's search box answers the same for ArangoDB users as for Keycloak's own: the same users are created
 * in a realm that keeps them in Keycloak's database and in a realm that keeps them in ArangoDB, and every search (page
 * and count) must list the same users in the same order. Keycloak reads a term as a prefix of username, email, first
 * or last name ({@code *} is a wildcard, {@code *term} is anywhere, {@code "term"} is exact); the fields
 * {@code username=}, {@code email=}, {@code firstName=}, {@code lastName=} are substrings unless {@code exact=true}.
 */
class ArangoSearchSemanticsIT {

    private static final Logger LOG = Logger.getLogger(ArangoSearchSemanticsIT.class);

    /** username, email (or null), first name, last name */
    private static final List<List<String>> USERS = List.of(
            List.of("alice", "Alice@Example.org", "Alice", "Smith"),
            List.of("alina", "alina@corp.example", "Alina", "Doe"),
            List.of("bob_jones", "bob@example.org", "Bob", "O'Neil"),
            List.of("bobby", "", "Robert", "Smithers"),
            List.of("carol", "carol@alice.example", "Carol", "Alison"),
            List.of("zoe", "emile@example.org", "Émile", "Zola"),
            List.of("user-0123", "u123@example.org", "Even", "Number123"),
            List.of("user-0124", "u124@example.org", "Odd", "Number124"));

    private static final List<String> SEARCHES = List.of(
            "ali",
            "ALI",
            "a",
            "smi",
            "Smith",
            "*smi",
            "*lic",
            "*ice*",
            "al*e",
            "al*",
            "a*i*n",
            "bob_",
            "bob_j",
            "bob%",
            "o'n",
            "\"bob\"",
            "\"alice\"",
            "\"smith\"",
            "\"alice@example.org\"",
            "example",
            "*example",
            "*@example.org",
            "é",
            "ÉMILE",
            "emile",
            "user-01",
            "user-012*",
            "*01*3",
            "ali smi",
            "ali *son",
            "*",
            "zzz",
            "b*",
            "*_");

    @RegisterExtension
    static final TestRealm keycloakUsers = TestRealm.blank("search-local").withArangoUsers(EditMode.READ_ONLY);

    @RegisterExtension
    static final TestRealm arangoUsers = TestRealm.blank("search-arango").withArangoUsers(EditMode.WRITABLE);

    @BeforeAll
    static void createTheSameUsersInBothRealms() {
        for (TestRealm realm : List.of(keycloakUsers, arangoUsers)) {
            for (List<String> user : USERS) {
                create(realm, user);
            }
        }
        assertThat(arangoUsers.document("alice"))
                .as("the ArangoDB realm really stores its users in ArangoDB")
                .isNotNull();
        assertThat(keycloakUsers.document("alice")).isNull();
    }

    @Test
    void theSearchBoxListsAndCountsTheSameUsersAsForKeycloaksOwnUsers() {
        Map<String, String> local = searchBox(keycloakUsers);
        Map<String, String> arango = searchBox(arangoUsers);
        LOG.infof("Keycloak's own users: %s", local);
        LOG.infof("ArangoDB users:       %s", arango);

        assertThat(arango).isEqualTo(local);
        // what Keycloak itself answers (so that both being wrong the same way fails too)
        assertThat(local)
                .containsEntry("ali", "[alice, alina, carol] count 3")
                .containsEntry("smi", "[alice, bobby] count 2")
                .containsEntry("*lic", "[alice, carol] count 2")
                .containsEntry("al*e", "[alice, alina] count 2")
                .containsEntry("bob_", "[bob_jones] count 1")
                .containsEntry("bob%", "[] count 0")
                .containsEntry("\"bob\"", "[bob_jones] count 1")
                .containsEntry("example", "[] count 0")
                .containsEntry("*example", "[alice, alina, bob_jones, carol, user-0123, user-0124, zoe] count 7")
                .containsEntry("user-012*", "[user-0123, user-0124] count 2")
                .containsEntry("*01*3", "[user-0123] count 1")
                .containsEntry("ali *son", "[carol] count 1")
                .containsEntry("ÉMILE", "[zoe] count 1")
                .containsEntry("*", "[alice, alina, bob_jones, bobby, carol, user-0123, user-0124, zoe] count 8");
    }

    @Test
    void aPageOfASearchIsTheSameSliceOfTheSameOrder() {
        for (String term : List.of("a", "*o", "user-")) {
            for (int first = 0; first < 4; first++) {
                assertThat(usernames(arangoUsers.admin().users().search(term, first, 2)))
                        .as("search '%s' first=%d max=2", term, first)
                        .isEqualTo(usernames(keycloakUsers.admin().users().search(term, first, 2)));
            }
        }
    }

    @Test
    void theNameFieldsAreSubstringsUnlessExact() {
        Map<String, String> local = fields(keycloakUsers);

        assertThat(fields(arangoUsers)).isEqualTo(local);
        assertThat(local)
                .containsEntry("username=li", "[alice, alina]")
                .containsEntry("lastName=mit", "[alice, bobby]")
                .containsEntry("exact lastName=smith", "[alice]")
                .containsEntry("exact username=ali", "[]");
    }

    /** Each search term's page of up to 100 users and its count. */
    private static Map<String, String> searchBox(TestRealm realm) {
        Map<String, String> answers = new LinkedHashMap<>();
        UsersResource users = realm.admin().users();
        for (String term : SEARCHES) {
            answers.put(term, usernames(users.search(term, 0, 100)) + " count " + users.count(term));
        }
        return answers;
    }

    private static Map<String, String> fields(TestRealm realm) {
        UsersResource users = realm.admin().users();
        Map<String, String> answers = new LinkedHashMap<>();
        for (boolean exact : List.of(false, true)) {
            String prefix = exact ? "exact " : "";
            for (String value : List.of("li", "ali", "alice", "bob_jones")) {
                answers.put(prefix + "username=" + value, byFields(users, value, null, null, null, exact));
            }
            for (String value : List.of("example", "alice@example.org", "EXAMPLE.ORG")) {
                answers.put(prefix + "email=" + value, byFields(users, null, null, null, value, exact));
            }
            for (String value : List.of("li", "alice", "É")) {
                answers.put(prefix + "firstName=" + value, byFields(users, null, value, null, null, exact));
            }
            for (String value : List.of("mit", "smith", "O'N")) {
                answers.put(prefix + "lastName=" + value, byFields(users, null, null, value, null, exact));
            }
        }
        return answers;
    }

    private static String byFields(
            UsersResource users, String username, String firstName, String lastName, String email, boolean exact) {
        return usernames(users.search(username, firstName, lastName, email, 0, 100, null, true, exact))
                .toString();
    }

    private static List<String> usernames(List<UserRepresentation> users) {
        return users.stream().map(UserRepresentation::getUsername).toList();
    }

    private static void create(TestRealm realm, List<String> fields) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(fields.get(0));
        user.setEmail(fields.get(1).isEmpty() ? null : fields.get(1));
        user.setFirstName(fields.get(2));
        user.setLastName(fields.get(3));
        user.setEnabled(true);
        user.setCredentials(List.of(AdminUsers.password("Search-pass-1")));
        try (Response response = realm.admin().users().create(user)) {
            assertThat(response.getStatus()).as("create " + fields.get(0)).isEqualTo(201);
        }
    }
}
