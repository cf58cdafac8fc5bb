package dev.kcbundle.it.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kcbundle.it.TestRealm;
import dev.kcbundle.userstorage.document.UserDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.storage.UserStorageProvider.EditMode;

/**
 * Admin search and count over 10,000 ArangoDB users, seeded straight through ArangoDB's HTTP API as the provider
 * writes them.
 */
class ArangoSearchScaleIT {

    private static final Logger LOG = Logger.getLogger(ArangoSearchScaleIT.class);
    private static final int USERS = 10_000;

    @RegisterExtension
    static final TestRealm realm = TestRealm.blank("scale").withArangoUsers(EditMode.WRITABLE);

    @BeforeAll
    static void seed() {
        realm.admin().users().count(); // the provider makes the collection and its indexes on first use
        long start = System.nanoTime();
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            UserDocument user = UserDocument.newUser("k" + i, String.format("user-%05d", i), 1795369378000L + i);
            user.setEmail("User" + i + "@Scale.example");
            user.setFirstName(i % 2 == 0 ? "Even" : "Odd");
            user.setLastName("Number" + i);
            user.setAttribute("policies", List.of(i % 100 == 0 ? "hundreds" : "plain"));
            batch.add(user.fields());
            if (batch.size() == 1000) {
                realm.documents().insert(batch);
                batch = new ArrayList<>();
            }
        }
        LOG.infof("seeded %d users in %d ms", USERS, (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void countsAllUsers() {
        assertThat(timed("count all", () -> realm.admin().users().count())).isEqualTo(USERS);
    }

    @Test
    void searchesByPrefixAnywhereExactlyAndByAttributeWithPaging() {
        List<UserRepresentation> prefix = timed(
                "search box 'user-0999' (a prefix, page of 20)",
                () -> realm.admin().users().search("user-0999", 0, 20));
        List<String> startingWith0999 = IntStream.rangeClosed(9990, 9999)
                .mapToObj(i -> String.format("user-%05d", i))
                .toList();
        assertThat(prefix).extracting(UserRepresentation::getUsername).isEqualTo(startingWith0999);
        assertThat(realm.admin().users().search("0999", 0, 20))
                .as("Keycloak reads a term as a prefix: no name starts with 0999")
                .isEmpty();

        List<UserRepresentation> anywhere = timed(
                "search box '*0999' (anywhere, page of 20)",
                () -> realm.admin().users().search("*0999", 0, 20));
        assertThat(anywhere).extracting(UserRepresentation::getUsername).first().isEqualTo("user-00999");
        assertThat(anywhere.subList(1, anywhere.size()))
                .extracting(UserRepresentation::getUsername)
                .isEqualTo(startingWith0999);

        assertThat(timed(
                        "count of prefix search 'user-01'",
                        () -> realm.admin().users().count("user-01")))
                .isEqualTo(1000);

        List<UserRepresentation> exact =
                timed("exact username", () -> realm.admin().users().searchByUsername("USER-04321", true));
        assertThat(exact).extracting(UserRepresentation::getEmail).containsExactly("user4321@scale.example");

        List<UserRepresentation> email =
                timed("exact email", () -> realm.admin().users().searchByEmail("user777@scale.example", true));
        assertThat(email).extracting(UserRepresentation::getUsername).containsExactly("user-00777");

        List<UserRepresentation> lastPage = timed(
                "list all, last page (first=9990)", () -> realm.admin().users().search("*", 9990, 20));
        assertThat(lastPage)
                .hasSize(10)
                .first()
                .extracting(UserRepresentation::getUsername)
                .isEqualTo("user-09990");

        List<UserRepresentation> attribute = timed(
                "attribute search policies:hundreds",
                () -> realm.admin().users().searchByAttributes(0, 1000, null, false, "policies:hundreds"));
        assertThat(attribute).hasSize(100);

        List<UserRepresentation> firstName =
                timed("search by first name 'odd'", () -> realm.admin().users().search(null, "odd", null, null, 0, 10));
        assertThat(firstName)
                .hasSize(10)
                .allSatisfy(user -> assertThat(user.getFirstName()).isEqualTo("Odd"));
    }

    private static <T> T timed(String what, Supplier<T> call) {
        long start = System.nanoTime();
        T result = call.get();
        LOG.infof("10k users: %s took %d ms", what, (System.nanoTime() - start) / 1_000_000);
        return result;
    }
}
