package dev.kcbundle.it.tokens;

import static dev.kcbundle.it.tokens.PolicyScenario.ACTIVE_GROUP_LOGIN;
import static dev.kcbundle.it.tokens.PolicyScenario.API_SERVER;
import static dev.kcbundle.it.tokens.PolicyScenario.API_SERVER_SECRET;
import static dev.kcbundle.it.tokens.PolicyScenario.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcbundle.it.TestRealm;
import dev.kcbundle.it.TokenEndpoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What an app sees in tokens for a user with nested groups, composite roles and policies at all three levels, and
 * how switching the active group reaches refreshed tokens. Run once per user store by the subclasses: the same
 * assertions must hold for users in Keycloak's database and for users in ArangoDB.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PolicyTokensContract {

    static final List<String> ALL_POLICIES = List.of(
            "academic:read",
            "api:read",
            "campus:enter",
            "contact:read",
            "contact:write",
            "gym:enter",
            "lab:use",
            "self:read");

    TestRealm realm;
    TokenEndpoint tokens;
    ActiveGroupApi api;

    /** The subclass's realm ({@link PolicyScenario#realm}), users in Keycloak's own database or in ArangoDB. */
    abstract TestRealm policyRealm();

    @BeforeAll
    void endpoints() {
        realm = policyRealm();
        tokens = realm.tokens();
        api = PolicyScenario.activeGroupApi(realm);
    }

    @Test
    void accessTokenCarriesGroupPathsExpandedRolesAndPoliciesOfAllThreeLevels() {
        String user = PolicyScenario.createStandardUser(realm);

        JsonNode claims = TokenEndpoint.accessToken(tokens.password(PolicyScenario.APP, user, PASSWORD));

        assertThat(strings(claims.get("groups"))).containsExactly("/sports", "/university/faculty/physics");
        assertThat(strings(claims.get("roles")))
                .containsExactly(
                        "api-server:reader",
                        "default-roles-" + realm.name(),
                        "editor",
                        "offline_access",
                        "uma_authorization",
                        "viewer");
        assertThat(strings(claims.get("policies"))).containsExactlyElementsOf(ALL_POLICIES);
        assertThat(claims.has("active_group")).isFalse();
    }

    @Test
    void idTokenUserinfoAndIntrospectionCarryTheClaimsWhenSwitchedOn() {
        String user = PolicyScenario.createStandardUser(realm);
        JsonNode response = tokens.password(PolicyScenario.APP, user, PASSWORD);

        for (JsonNode claims : List.of(
                TokenEndpoint.idToken(response),
                tokens.userInfo(response),
                tokens.introspect(API_SERVER, API_SERVER_SECRET, response))) {
            assertThat(strings(claims.get("policies"))).containsExactlyElementsOf(ALL_POLICIES);
            assertThat(strings(claims.get("groups"))).containsExactly("/sports", "/university/faculty/physics");
        }
    }

    @Test
    void idTokenUserinfoAndIntrospectionLackTheClaimsWhenSwitchedOff() {
        String user = PolicyScenario.createStandardUser(realm);
        JsonNode response = tokens.password(PolicyScenario.ACCESS_TOKEN_ONLY, user, PASSWORD);

        assertThat(strings(TokenEndpoint.accessToken(response).get("policies")))
                .containsExactlyElementsOf(ALL_POLICIES);
        for (JsonNode claims : List.of(
                TokenEndpoint.idToken(response),
                tokens.userInfo(response),
                tokens.introspect(API_SERVER, API_SERVER_SECRET, response))) {
            assertThat(claims.has("policies")).isFalse();
            assertThat(claims.has("groups")).isFalse();
            assertThat(claims.has("roles")).isFalse();
        }
    }

    @Test
    void lightweightAccessTokensCarryTheClaimsOnlyWhenTheLightweightSwitchIsOn() {
        String user = PolicyScenario.createStandardUser(realm);

        JsonNode withoutClaims = tokens.password(PolicyScenario.LIGHTWEIGHT_WITHOUT_CLAIMS, user, PASSWORD);
        JsonNode withClaims = tokens.password(PolicyScenario.LIGHTWEIGHT_WITH_CLAIMS, user, PASSWORD);

        assertThat(TokenEndpoint.accessToken(withoutClaims).has("policies")).isFalse();
        assertThat(TokenEndpoint.accessToken(withoutClaims).has("groups")).isFalse();
        assertThat(strings(tokens.introspect(API_SERVER, API_SERVER_SECRET, withoutClaims)
                        .get("policies")))
                .as("a resource server still gets them by introspection")
                .containsExactlyElementsOf(ALL_POLICIES);
        assertThat(strings(TokenEndpoint.accessToken(withClaims).get("policies")))
                .containsExactlyElementsOf(ALL_POLICIES);
    }

    @Test
    void switchingTheActiveGroupReachesTheRefreshedTokenInTheSameSession() {
        String user = PolicyScenario.createStandardUser(realm);
        JsonNode login = tokens.password(PolicyScenario.APP, user, PASSWORD, ACTIVE_GROUP_LOGIN);
        String physicsId = realm.groupId("/university/faculty/physics");

        assertThat(api.select(login.get("access_token").asText(), "/university/faculty/physics")
                        .status())
                .isEqualTo(200);
        JsonNode refreshed = tokens.refresh(PolicyScenario.APP, login);

        JsonNode claims = TokenEndpoint.accessToken(refreshed);
        assertThat(claims.get("active_group").get("id").asText()).isEqualTo(physicsId);
        assertThat(claims.get("active_group").get("name").asText()).isEqualTo("physics");
        assertThat(claims.get("active_group").get("path").asText()).isEqualTo("/university/faculty/physics");
        assertThat(claims.get("sid").asText())
                .as("no new session")
                .isEqualTo(TokenEndpoint.accessToken(login).get("sid").asText());

        assertThat(api.select(refreshed.get("access_token").asText(), realm.groupId("/sports"))
                        .status())
                .isEqualTo(200);
        JsonNode switched = TokenEndpoint.accessToken(tokens.refresh(PolicyScenario.APP, refreshed));
        assertThat(switched.get("active_group").get("path").asText()).isEqualTo("/sports");
    }

    @Test
    void clearingTheActiveGroupRemovesTheClaimOnRefresh() {
        String user = PolicyScenario.createStandardUser(realm);
        JsonNode login = tokens.password(PolicyScenario.APP, user, PASSWORD, ACTIVE_GROUP_LOGIN);
        api.select(login.get("access_token").asText(), "/sports");
        assertThat(TokenEndpoint.accessToken(tokens.refresh(PolicyScenario.APP, login))
                        .has("active_group"))
                .isTrue();

        assertThat(api.delete(login.get("access_token").asText()).status()).isEqualTo(204);

        assertThat(TokenEndpoint.accessToken(tokens.refresh(PolicyScenario.APP, login))
                        .has("active_group"))
                .isFalse();
    }

    @Test
    void aGroupTheUserIsNotInIsRefusedAndTheTokenUnchanged() {
        String user = PolicyScenario.createStandardUser(realm);
        JsonNode login = tokens.password(PolicyScenario.APP, user, PASSWORD, ACTIVE_GROUP_LOGIN);

        ActiveGroupApi.Answer answer = api.select(login.get("access_token").asText(), "/chess");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body().get("error").asText()).isEqualTo("not_a_member");
        assertThat(TokenEndpoint.accessToken(tokens.refresh(PolicyScenario.APP, login))
                        .has("active_group"))
                .isFalse();
    }

    @Test
    void whenTheMembershipEndsTheActiveGroupClaimAndItsPoliciesDisappear() {
        String user = PolicyScenario.createStandardUser(realm);
        JsonNode login = tokens.password(PolicyScenario.APP, user, PASSWORD, ACTIVE_GROUP_LOGIN);
        api.select(login.get("access_token").asText(), "/university/faculty/physics");

        PolicyScenario.leaveGroup(realm, user, "/university/faculty/physics");

        JsonNode claims = TokenEndpoint.accessToken(tokens.refresh(PolicyScenario.APP, login));
        assertThat(claims.has("active_group")).isFalse();
        assertThat(strings(claims.get("groups"))).containsExactly("/sports");
        assertThat(strings(claims.get("policies")))
                .doesNotContain("lab:use", "campus:enter")
                .contains("academic:read" /* the user's own */, "gym:enter");
        assertThat(api.get(login.get("access_token").asText())
                        .body()
                        .get("active_group")
                        .isNull())
                .isTrue();
    }

    @Test
    void whenTheActiveGroupIsDeletedTheClaimDisappears() {
        String user = PolicyScenario.createStandardUser(realm);
        String groupId = PolicyScenario.createGroup(realm, "temporary-" + user, "temp:use");
        realm.admin().users().get(realm.userId(user)).joinGroup(groupId);
        JsonNode login = tokens.password(PolicyScenario.APP, user, PASSWORD, ACTIVE_GROUP_LOGIN);
        api.select(login.get("access_token").asText(), groupId);
        JsonNode before = TokenEndpoint.accessToken(tokens.refresh(PolicyScenario.APP, login));
        assertThat(before.get("active_group").get("id").asText()).isEqualTo(groupId);
        assertThat(strings(before.get("policies"))).contains("temp:use");

        realm.admin().groups().group(groupId).remove();

        JsonNode after = TokenEndpoint.accessToken(tokens.refresh(PolicyScenario.APP, login));
        assertThat(after.has("active_group")).isFalse();
        assertThat(strings(after.get("policies"))).doesNotContain("temp:use");
    }

    @Test
    void activeGroupOnlyOptionTakesGroupPoliciesFromTheActiveGroupAndItsParents() {
        String user = PolicyScenario.createStandardUser(realm);
        JsonNode login = tokens.password(PolicyScenario.ACTIVE_GROUP_POLICIES, user, PASSWORD, ACTIVE_GROUP_LOGIN);
        JsonNode initial = TokenEndpoint.accessToken(login);
        assertThat(strings(initial.get("groups"))).containsExactly("physics", "sports");
        assertThat(initial.has("roles")).as("roles claim switched off").isFalse();
        assertThat(strings(initial.get("permissions")))
                .containsExactly("academic:read", "api:read", "contact:read", "contact:write", "self:read");

        api.select(login.get("access_token").asText(), "/university/faculty/physics");
        JsonNode claims = TokenEndpoint.accessToken(tokens.refresh(PolicyScenario.ACTIVE_GROUP_POLICIES, login));

        assertThat(strings(claims.get("permissions")))
                .containsExactly(
                        "academic:read",
                        "api:read",
                        "campus:enter",
                        "contact:read",
                        "contact:write",
                        "lab:use",
                        "self:read");
        assertThat(claims.get("tenant").get("group").get("name").asText()).isEqualTo("physics");
    }

    static List<String> strings(JsonNode array) {
        assertThat(array).as("claim present").isNotNull();
        assertThat(array.isArray()).as("claim is an array: %s", array).isTrue();
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
