package dev.kcbundle.it.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcbundle.arangodb.testserver.ArangoTestServer;
import dev.kcbundle.arangodb.testserver.RequestCounter;
import dev.kcbundle.it.HttpJson;
import dev.kcbundle.it.KeycloakTestServer;
import dev.kcbundle.it.TestRealm;
import java.util.Arrays;
import java.util.Map;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.storage.UserStorageProvider.EditMode;

/** What a login and a page of the user list cost in ArangoDB requests, read from the stand-in's request counter. */
class ArangoRequestCostIT {

    private static final Logger LOG = Logger.getLogger(ArangoRequestCostIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** pbkdf2 iterations of the strength change: fewer than Keycloak's default, so a login stays fast. */
    private static final int STRENGTH = 100_000;

    @RegisterExtension
    static final TestRealm realm = TestRealm.blank("cost").withArangoUsers(EditMode.WRITABLE);

    private static RequestCounter requests;

    @BeforeAll
    static void setUpRealm() {
        ArangoTestServer arango = KeycloakTestServer.shared().arango().inMemoryOrSkip();
        requests = arango.requests();
        realm.createUser("mia", "mia@example.org", "Mia-pass-1");
        for (int i = 0; i < 30; i++) {
            realm.createUser("cost-" + i, "cost" + i + "@example.org", null);
        }
    }

    @Test
    void uncachedLoginCostsOneRequestAndCachedLoginNone() {
        realm.admin().clearUserCache();
        requests.reset();
        assertThat(realm.passwordGrant("mia", "Mia-pass-1").status()).isEqualTo(200);
        long uncached = requests.total();
        LOG.infof("password login, user not cached: %d ArangoDB requests %s", uncached, requests.snapshot());

        requests.reset();
        assertThat(realm.passwordGrant("mia", "Mia-pass-1").status()).isEqualTo(200);
        long cached = requests.total();
        LOG.infof("password login, user cached: %d ArangoDB requests", cached);

        realm.admin().clearUserCache();
        requests.reset();
        assertThat(realm.passwordGrant("mia@example.org", "Mia-pass-1").status())
                .isEqualTo(200);
        long byEmail = requests.total();
        LOG.infof("password login by email, user not cached: %d ArangoDB requests", byEmail);

        assertThat(uncached).isEqualTo(1);
        assertThat(cached).isZero();
        assertThat(byEmail).isEqualTo(1);
    }

    /**
     * The login form's request reads the user (and Keycloak caches it); the code exchange, a request of its own, builds
     * the tokens from the cached user: its roles, groups and attributes were cached with it, so it reads nothing.
     */
    @Test
    void uncachedCodeFlowLoginCostsOneRequest() {
        realm.admin().clearUserCache();
        requests.reset();
        assertThat(codeFlowLogin("mia", "Mia-pass-1").status()).isEqualTo(200);
        long uncached = requests.total();
        LOG.infof("authorization code login, user not cached: %d ArangoDB requests %s", uncached, requests.snapshot());

        assertThat(uncached).isEqualTo(1);
    }

    /** The login form submitted, then the code from the callback exchanged at the token endpoint. */
    private static HttpJson.Answer codeFlowLogin(String username, String password) {
        LoginPages browser = new LoginPages();
        LoginPages.Page callback = browser.submit(
                browser.open(realm.authUrl()), "#kc-form-login", Map.of("username", username, "password", password));
        assertThat(LoginPages.reachedCallback(callback))
                .as("callback with a code: %s", callback.uri())
                .isTrue();
        String code = Arrays.stream(callback.uri().getQuery().split("&"))
                .filter(parameter -> parameter.startsWith("code="))
                .findFirst()
                .orElseThrow()
                .substring(5);
        return realm.tokens().authorizationCodeGrant(TestRealm.CLIENT_ID, code, TestRealm.REDIRECT_URI, null);
    }

    @Test
    void reHashingAfterAnAlgorithmChangeCostsOneWriteOnce() {
        realm.createUser("rehash", "rehash@example.org", "Rehash-pass-1");
        assertThat(storedHash("rehash").path("algorithm").asText())
                .as("created under the realm's default policy")
                .isNotEqualTo("pbkdf2-sha512");

        realm.withPasswordPolicy("hashAlgorithm(pbkdf2-sha512)", () -> {
            assertReHashedByOneWriteOnce("rehash", "Rehash-pass-1");
            assertThat(storedHash("rehash").path("algorithm").asText()).isEqualTo("pbkdf2-sha512");
        });
        assertThat(realm.admin().toRepresentation().getPasswordPolicy())
                .as("the realm's policy is restored")
                .isNullOrEmpty();
    }

    @Test
    void reHashingAfterAStrengthChangeCostsOneWriteOnce() {
        realm.withPasswordPolicy("hashAlgorithm(pbkdf2-sha512)", () -> {
            realm.createUser("stronger", "stronger@example.org", "Stronger-pass-1");
            assertThat(storedHash("stronger").path("hashIterations").asInt()).isNotEqualTo(STRENGTH);

            realm.withPasswordPolicy("hashAlgorithm(pbkdf2-sha512) and hashIterations(" + STRENGTH + ")", () -> {
                assertReHashedByOneWriteOnce("stronger", "Stronger-pass-1");
                JsonNode hash = storedHash("stronger");
                assertThat(hash.path("algorithm").asText()).isEqualTo("pbkdf2-sha512");
                assertThat(hash.path("hashIterations").asInt()).isEqualTo(STRENGTH);
            });
        });
        assertThat(realm.admin().toRepresentation().getPasswordPolicy()).isNullOrEmpty();
    }

    /**
     * Two password logins, each with the user not cached: the first re-hashes (the lookup and one document update),
     * the second only reads. Nothing else may talk to ArangoDB in between (the assertions on the document come after).
     */
    private static void assertReHashedByOneWriteOnce(String username, String password) {
        realm.admin().clearUserCache();
        requests.reset();
        assertThat(realm.passwordGrant(username, password).status()).isEqualTo(200);
        long firstLogin = requests.total();
        long firstWrites = writes();
        LOG.infof("login that re-hashes, user not cached: %d ArangoDB requests %s", firstLogin, requests.snapshot());

        realm.admin().clearUserCache();
        requests.reset();
        assertThat(realm.passwordGrant(username, password).status()).isEqualTo(200);
        long secondLogin = requests.total();
        long secondWrites = writes();

        assertThat(firstWrites).as("one document update for the new hash").isEqualTo(1);
        assertThat(firstLogin).as("the lookup and the write").isEqualTo(2);
        assertThat(secondLogin).as("the next login only reads").isEqualTo(1);
        assertThat(secondWrites).isZero();
    }

    /** Keycloak's credentialData of the user's stored password (algorithm, hashIterations), read from ArangoDB. */
    @SuppressWarnings("unchecked")
    private static JsonNode storedHash(String username) {
        Map<String, Object> credential =
                (Map<String, Object>) realm.document(username).get("credential");
        try {
            return JSON.readTree((String) credential.get("credentialData"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Document writes: a PATCH or PUT of one document. */
    private static long writes() {
        return requests.count("PATCH", "/_api/document/") + requests.count("PUT", "/_api/document/");
    }

    @Test
    void aPageOfTheUserListCostsTheSameForFiveOrTwentyFiveUsers() {
        realm.admin().clearUserCache();
        requests.reset();
        assertThat(realm.admin().users().search("cost-", 0, 5)).hasSize(5);
        long small = requests.total();

        realm.admin().clearUserCache();
        requests.reset();
        assertThat(realm.admin().users().search("cost-", 0, 25)).hasSize(25);
        long large = requests.total();

        requests.reset();
        assertThat(realm.admin().users().count()).isGreaterThanOrEqualTo(31);
        long count = requests.total();
        LOG.infof(
                "user list page: 5 users %d requests, 25 users %d requests; count %d request(s)", small, large, count);

        assertThat(large).isEqualTo(small).isLessThanOrEqualTo(3);
        assertThat(count).isLessThanOrEqualTo(1);
    }
}
