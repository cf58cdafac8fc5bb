package dev.kcbundle.it.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcbundle.it.HttpJson;
import dev.kcbundle.it.TestRealm;
import dev.kcbundle.userstorage.document.UserDocument;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.storage.UserStorageProvider.EditMode;

/**
 * Bounded work through the admin REST API: a page holds at most 1,000 users (also max=-1 or a huge max); a name of
 * 10,000 characters is refused by Keycloak's user profile even when the tenant admin drops its validators, and one of
 * 2,048 (the most it lets through) is stored whole but indexed from its first 255 characters only; a user's custom
 * attributes are capped at 1,000 values (400 with the reason, nothing written).
 */
class ArangoBoundsIT {

    private static final int PAGE_CAP = 1000;
    private static final int USERS = PAGE_CAP + 50;

    @RegisterExtension
    static final TestRealm realm = TestRealm.blank("bounds").withArangoUsers(EditMode.WRITABLE);

    @BeforeAll
    static void seedMoreUsersThanOnePageMayHold() {
        realm.admin().users().count(); // the provider makes the collection and its indexes on first use
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            UserDocument user = UserDocument.newUser("b" + i, String.format("bulk-%05d", i), 1795369378000L + i);
            user.setEmail("bulk" + i + "@bounds.example");
            batch.add(user.fields());
            if (batch.size() == 500) {
                realm.documents().insert(batch);
                batch = new ArrayList<>();
            }
        }
        realm.documents().insert(batch);
    }

    @Test
    void aPageWithoutLimitOrWithAHugeLimitHoldsAtMostTheCap() {
        assertThat(realm.admin().users().count()).isGreaterThanOrEqualTo(USERS);

        assertThat(usersPage("max=-1")).hasSize(PAGE_CAP);
        assertThat(usersPage("first=0&max=100000")).hasSize(PAGE_CAP);
        assertThat(usersPage("search=bulk&max=-1")).hasSize(PAGE_CAP);
        assertThat(usersPage("search=*&max=-1")).hasSize(PAGE_CAP);
        assertThat(usersPage("q=" + "no-such-attribute:x" + "&max=-1")).isEmpty();
    }

    @Test
    void theRestIsReachedPageByPage() {
        JsonNode rest = usersPage("search=bulk&first=" + PAGE_CAP + "&max=-1");

        assertThat(rest).hasSize(USERS - PAGE_CAP);
        assertThat(rest.get(0).path("username").asText()).isEqualTo(String.format("bulk-%05d", PAGE_CAP));
    }

    @Test
    void aLongNameIsStoredButIndexedWithinTheBound() {
        allowLongLastNames();
        String head = "needle" + text(249, 7, 'a', 26); // the first 255 characters: letters
        String id = realm.createUser("longname", "longname@bounds.example", null);
        var user = realm.user(id).toRepresentation();

        user.setLastName(head + text(10_000 - head.length(), 8, '0', 10));
        HttpJson.Answer tenThousand = adminPut("/users/" + id, user);
        assertThat(tenThousand.status())
                .as("Keycloak's user profile: at most 2048 characters")
                .isEqualTo(400);
        assertThat(tenThousand.body().toString()).contains("error-invalid-length");

        String tail = text(2048 - head.length(), 8, '0', 10); // the rest: digits only
        user.setLastName(head + tail);
        assertThat(adminPut("/users/" + id, user).status()).isEqualTo(204);

        Map<String, Object> document = realm.document("longname");
        assertThat((String) document.get("lastName")).isEqualTo(head + tail);
        List<?> grams = (List<?>) document.get("searchGrams");
        assertThat(grams).as("3 x 255 - 3 grams per field, four fields").hasSizeLessThanOrEqualTo(3048);
        assertThat(grams)
                .as("nothing after the first 255 characters is indexed")
                .noneMatch(gram -> gram.toString().chars().anyMatch(Character::isDigit));
        assertThat(usersPage("search=needle"))
                .extracting(u -> u.path("username").asText())
                .containsExactly("longname");
        List<?> prefixes = (List<?>) document.get("searchPrefixes");
        assertThat(prefixes).as("at most 255 prefixes per field, four fields").hasSizeLessThanOrEqualTo(1020);
        assertThat(prefixes)
                .as("no prefix is longer than the first 255 characters")
                .noneMatch(prefix -> prefix.toString().chars().anyMatch(Character::isDigit));
        assertThat(usersPage("search=*" + tail.substring(100, 110)))
                .as("a term searched anywhere that starts after them is not found")
                .isEmpty();
        assertThat(usersPage("search=" + head + tail.substring(0, 10)))
                .as("a prefix longer than them is looked up by its first 255 characters and checked whole")
                .extracting(u -> u.path("username").asText())
                .containsExactly("longname");
        assertThat(usersPage("search=" + head + "x")).isEmpty();
        assertThat(realm.user(id).toRepresentation().getLastName()).isEqualTo(head + tail);
    }

    @Test
    void fiveThousandAttributeValuesAreRefusedWithTheReasonAndNothingIsWritten() {
        String id = realm.createUser("tagged", "tagged@bounds.example", null);
        Map<String, Object> before = realm.document("tagged");
        var user = realm.user(id).toRepresentation();
        user.setAttributes(Map.of("tags", numbered(5000)));

        HttpJson.Answer answer = adminPut("/users/" + id, user);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("errorMessage").asText())
                .isEqualTo("A user may hold at most 1000 attribute values (tags would make it 5000)");
        assertThat(realm.document("tagged")).isEqualTo(before);
        Map<String, List<String>> attributes = realm.user(id).toRepresentation().getAttributes();
        assertThat(attributes == null || !attributes.containsKey("tags"))
                .as("no tags attribute")
                .isTrue();
    }

    @Test
    void attributesUpToTheBoundsAreKeptAndSearchable() {
        String id = realm.createUser("tagged-ok", "tagged-ok@bounds.example", null);
        var user = realm.user(id).toRepresentation();
        user.setAttributes(Map.of("labels", numbered(999)));

        assertThat(adminPut("/users/" + id, user).status()).isEqualTo(204);
        assertThat(realm.user(id).toRepresentation().getAttributes().get("labels"))
                .hasSize(999);
        assertThat(usersPage("q=labels:tag-998"))
                .extracting(u -> u.path("username").asText())
                .containsExactly("tagged-ok");
    }

    @Test
    void anOverlongAttributeValueIsRefused() {
        String id = realm.createUser("long-value", "long-value@bounds.example", null);
        var user = realm.user(id).toRepresentation();
        user.setAttributes(Map.of("note", List.of("x".repeat(2049))));

        HttpJson.Answer answer = adminPut("/users/" + id, user);

        assertThat(answer.status())
                .as("Keycloak's own user profile refuses it first")
                .isEqualTo(400);
        assertThat(answer.body().path("errorMessage").asText()).isEqualTo("error-invalid-length");
        assertThat(((Map<?, ?>) realm.document("long-value").get("attributes")).containsKey("note"))
                .isFalse();
    }

    @Test
    void creatingAUserWithTooManyAttributeValuesIsRefusedAndLeavesNoDocument() {
        var user = new org.keycloak.representations.idm.UserRepresentation();
        user.setUsername("tagged-new");
        user.setEnabled(true);
        user.setAttributes(Map.of("tags", numbered(5000)));

        HttpJson.Answer answer = admin("POST", "/users", user);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("errorMessage").asText())
                .as("Keycloak's admin API names no reason here")
                .isEqualTo("Could not create user");
        assertThat(realm.document("tagged-new")).isNull();
        assertThat(realm.admin().users().search("tagged-new", true)).isEmpty();
    }

    private static void allowLongLastNames() {
        UPConfig profile = realm.admin().users().userProfile().getConfiguration();
        UPAttribute lastName = profile.getAttribute("lastName");
        lastName.setValidations(Map.of());
        realm.admin().users().userProfile().update(profile);
    }

    private static JsonNode usersPage(String query) {
        HttpJson.Answer answer = admin("GET", "/users?briefRepresentation=true&" + query, null);
        assertThat(answer.status()).isEqualTo(200);
        return answer.body();
    }

    private static HttpJson.Answer adminPut(String path, Object body) {
        return admin("PUT", path, body);
    }

    private static HttpJson.Answer admin(String method, String path, Object body) {
        return realm.adminCall(method, path, body);
    }

    private static List<String> numbered(int count) {
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add("tag-" + i);
        }
        return Collections.unmodifiableList(values);
    }

    /** Random characters from {@code first} on ({@code range} of them): 3-grams nearly all distinct. */
    private static String text(int length, long seed, char first, int range) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (first + random.nextInt(range)));
        }
        return text.toString();
    }
}
