package dev.kcbundle.it.tokens;

import static dev.kcbundle.it.tokens.PolicyScenario.ACTIVE_GROUP_LOGIN;
import static dev.kcbundle.it.tokens.PolicyScenario.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcbundle.arangodb.testserver.RequestCounter;
import dev.kcbundle.it.TestRealm;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.ComponentRepresentation;

/**
 * The same token contract for users stored in ArangoDB through the {@code arangodb} user federation, plus the cost:
 * the policy mapper adds no ArangoDB request to a login or a refresh (counted by the in-memory stand-in).
 */
class ArangoUserTokensIT extends PolicyTokensContract {

    private static final Logger LOG = Logger.getLogger(ArangoUserTokensIT.class);

    @RegisterExtension
    static final TestRealm arangoUsers = PolicyScenario.realm("tokens-arango", true);

    @Override
    TestRealm policyRealm() {
        return arangoUsers;
    }

    @Test
    void usersOfThisRealmLiveInArangoDb() {
        String user = PolicyScenario.createStandardUser(realm);

        assertThat(realm.admin()
                        .users()
                        .get(realm.userId(user))
                        .toRepresentation()
                        .getFederationLink())
                .as("user stored by the arangodb federation")
                .isNotNull();
    }

    @Test
    void thePolicyMapperAddsNoArangoDbRequestToALoginOrARefresh() {
        RequestCounter requests = realm.server().arango().inMemoryOrSkip().requests();
        String user = PolicyScenario.createStandardUser(realm);
        JsonNode plainLogin = tokens.password(PolicyScenario.PLAIN, user, PASSWORD);
        JsonNode mappedLogin = tokens.password(PolicyScenario.APP, user, PASSWORD);

        long loginWithout = count(requests, () -> tokens.password(PolicyScenario.PLAIN, user, PASSWORD));
        long loginWith = count(requests, () -> tokens.password(PolicyScenario.APP, user, PASSWORD));
        long refreshWithout = count(requests, () -> tokens.refresh(PolicyScenario.PLAIN, plainLogin));
        long refreshWith = count(requests, () -> tokens.refresh(PolicyScenario.APP, mappedLogin));
        long coldLoginWithout = countCold(requests, () -> tokens.password(PolicyScenario.PLAIN, user, PASSWORD));
        long coldLoginWith = countCold(requests, () -> tokens.password(PolicyScenario.APP, user, PASSWORD));
        long coldRefreshWithout = countCold(requests, () -> tokens.refresh(PolicyScenario.PLAIN, plainLogin));
        long coldRefreshWith = countCold(requests, () -> tokens.refresh(PolicyScenario.APP, mappedLogin));

        LOG.infof(
                "ArangoDB requests without/with the policy mapper, user cached: login %d/%d, refresh %d/%d;"
                        + " user cache cleared first: login %d/%d, refresh %d/%d",
                loginWithout,
                loginWith,
                refreshWithout,
                refreshWith,
                coldLoginWithout,
                coldLoginWith,
                coldRefreshWithout,
                coldRefreshWith);
        assertThat(loginWith).isEqualTo(loginWithout);
        assertThat(refreshWith).isEqualTo(refreshWithout);
        assertThat(coldLoginWithout)
                .as("a cold login reads the user from ArangoDB")
                .isPositive();
        assertThat(coldLoginWith).isEqualTo(coldLoginWithout);
        assertThat(coldRefreshWith).isEqualTo(coldRefreshWithout);
    }

    /** The same with Keycloak's user cache emptied first, so the user is read from ArangoDB again. */
    private long countCold(RequestCounter requests, Supplier<JsonNode> action) {
        realm.admin().clearUserCache();
        return count(requests, action);
    }

    @Test
    void inReadOnlyModeTheChoiceIsRefusedWith409AndNothingChanges() {
        String user = PolicyScenario.createStandardUser(realm);
        String token = tokens.password(PolicyScenario.APP, user, PASSWORD, ACTIVE_GROUP_LOGIN)
                .get("access_token")
                .asText();
        ComponentRepresentation federation =
                realm.admin().components().component(realm.federationId()).toRepresentation();
        federation.getConfig().putSingle("editMode", "READ_ONLY");
        realm.admin().components().component(federation.getId()).update(federation);
        realm.admin().clearUserCache();
        try {
            ActiveGroupApi.Answer answer = api.select(token, "/sports");

            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.body().get("error").asText()).isEqualTo("user_read_only");
            assertThat(api.get(token).body().get("active_group").isNull()).isTrue();
        } finally {
            federation.getConfig().putSingle("editMode", "WRITABLE");
            realm.admin().components().component(federation.getId()).update(federation);
            realm.admin().clearUserCache();
        }
    }

    private static long count(RequestCounter requests, Supplier<JsonNode> action) {
        requests.reset();
        JsonNode response = action.get();
        assertThat(response.has("access_token")).isTrue();
        return requests.total();
    }
}
