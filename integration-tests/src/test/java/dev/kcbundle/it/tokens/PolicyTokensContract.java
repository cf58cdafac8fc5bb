package dev.kcbundle.it.tokens;

import static dev.kcbundle.it.tokens.PolicyRealm.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcbundle.it.KeycloakTestServer;
import org.junit.jupiter.api.AfterAll;
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

    static final List<String> ALL_POLICIES = List.of("academic:read", "api:read", "campus:enter", "contact:read",
            "contact:write", "gym:enter", "lab:use", "self:read");

    KeycloakTestServer server;
    PolicyRealm realm;
    Tokens tokens;
    ActiveGroupApi api;

    /** true: users live in ArangoDB (arangodb user federation); false: in Keycloak's own database. */
    abstract boolean usersInArangoDb();

    @BeforeAll
    void createRealm() {
        // looked up here, not in a static field: a server that cannot be had then skips the class instead of erroring
        server = KeycloakTestServer.shared();
        realm = PolicyRealm.create(server, usersInArangoDb() ? "tokens-arango" : "tokens-local", usersInArangoDb());
        tokens = realm.tokens();
        api = realm.activeGroupApi();
    }

    @AfterAll
    void removeRealm() {
        if (realm != null) {
            realm.close();
        }
    }

    @Test
    void accessTokenCarriesGroupPathsExpandedRolesAndPoliciesOfAllThreeLevels() {
        String user = realm.createStandardUser();

        JsonNode claims = Tokens.accessToken(tokens.password(PolicyRealm.APP, user, PASSWORD));

        assertThat(strings(claims.get("groups"))).containsExactly("/sports", "/university/faculty/physics");
        assertThat(strings(claims.get("roles"))).containsExactly("api-server:reader",
                "default-roles-" + realm.name(), "editor", "offline_access", "uma_authorization", "viewer");
        assertThat(strings(claims.get("policies"))).containsExactlyElementsOf(ALL_POLICIES);
        assertThat(claims.has("active_group")).isFalse();
    }

    @Test
    void idTokenUserinfoAndIntrospectionCarryTheClaimsWhenSwitchedOn() {
        String user = realm.createStandardUser();
        JsonNode response = tokens.password(PolicyRealm.APP, user, PASSWORD);

        for (JsonNode claims : List.of(Tokens.idToken(response), tokens.userInfo(response), tokens.introspect(response))) {
            assertThat(strings(claims.get("policies"))).containsExactlyElementsOf(ALL_POLICIES);
            assertThat(strings(claims.get("groups"))).containsExactly("/sports", "/university/faculty/physics");
        }
    }

    @Test
    void idTokenUserinfoAndIntrospectionLackTheClaimsWhenSwitchedOff() {
        String user = realm.createStandardUser();
        JsonNode response = tokens.password(PolicyRealm.ACCESS_TOKEN_ONLY, user, PASSWORD);

        assertThat(strings(Tokens.accessToken(response).get("policies"))).containsExactlyElementsOf(ALL_POLICIES);
        for (JsonNode claims : List.of(Tokens.idToken(response), tokens.userInfo(response), tokens.introspect(response))) {
            assertThat(claims.has("policies")).isFalse();
            assertThat(claims.has("groups")).isFalse();
            assertThat(claims.has("roles")).isFalse();
        }
    }

    @Test
    void lightweightAccessTokensCarryTheClaimsOnlyWhenTheLightweightSwitchIsOn() {
        String user = realm.createStandardUser();

        JsonNode withoutClaims = tokens.password(PolicyRealm.LIGHTWEIGHT_WITHOUT_CLAIMS, user, PASSWORD);
        JsonNode withClaims = tokens.password(PolicyRealm.LIGHTWEIGHT_WITH_CLAIMS, user, PASSWORD);

        assertThat(Tokens.accessToken(withoutClaims).has("policies")).isFalse();
        assertThat(Tokens.accessToken(withoutClaims).has("groups")).isFalse();
        assertThat(strings(tokens.introspect(withoutClaims).get("policies")))
                .as("a resource server still gets them by introspection").containsExactlyElementsOf(ALL_POLICIES);
        assertThat(strings(Tokens.accessToken(withClaims).get("policies"))).containsExactlyElementsOf(ALL_POLICIES);
    }

    @Test
    void switchingTheActiveGroupReachesTheRefreshedTokenInTheSameSession() {
        String user = realm.createStandardUser();
        JsonNode login = tokens.passwordForActiveGroup(PolicyRealm.APP, user, PASSWORD);
        String physicsId = realm.groupId("/university/faculty/physics");

        assertThat(api.select(login.get("access_token").asText(), "/university/faculty/physics").status())
                .isEqualTo(200);
        JsonNode refreshed = tokens.refresh(PolicyRealm.APP, login);

        JsonNode claims = Tokens.accessToken(refreshed);
        assertThat(claims.get("active_group").get("id").asText()).isEqualTo(physicsId);
        assertThat(claims.get("active_group").get("name").asText()).isEqualTo("physics");
        assertThat(claims.get("active_group").get("path").asText()).isEqualTo("/university/faculty/physics");
        assertThat(claims.get("sid").asText()).as("no new session").isEqualTo(Tokens.accessToken(login).get("sid").asText());

        assertThat(api.select(refreshed.get("access_token").asText(), realm.groupId("/sports")).status())
                .isEqualTo(200);
        JsonNode switched = Tokens.accessToken(tokens.refresh(PolicyRealm.APP, refreshed));
        assertThat(switched.get("active_group").get("path").asText()).isEqualTo("/sports");
    }

    @Test
    void clearingTheActiveGroupRemovesTheClaimOnRefresh() {
        String user = realm.createStandardUser();
        JsonNode login = tokens.passwordForActiveGroup(PolicyRealm.APP, user, PASSWORD);
        api.select(login.get("access_token").asText(), "/sports");
        assertThat(Tokens.accessToken(tokens.refresh(PolicyRealm.APP, login)).has("active_group")).isTrue();

        assertThat(api.delete(login.get("access_token").asText()).status()).isEqualTo(204);

        assertThat(Tokens.accessToken(tokens.refresh(PolicyRealm.APP, login)).has("active_group")).isFalse();
    }

    @Test
    void aGroupTheUserIsNotInIsRefusedAndTheTokenUnchanged() {
        String user = realm.createStandardUser();
        JsonNode login = tokens.passwordForActiveGroup(PolicyRealm.APP, user, PASSWORD);

        ActiveGroupApi.Answer answer = api.select(login.get("access_token").asText(), "/chess");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body().get("error").asText()).isEqualTo("not_a_member");
        assertThat(Tokens.accessToken(tokens.refresh(PolicyRealm.APP, login)).has("active_group")).isFalse();
    }

    @Test
    void whenTheMembershipEndsTheActiveGroupClaimAndItsPoliciesDisappear() {
        String user = realm.createStandardUser();
        JsonNode login = tokens.passwordForActiveGroup(PolicyRealm.APP, user, PASSWORD);
        api.select(login.get("access_token").asText(), "/university/faculty/physics");

        realm.leaveGroup(user, "/university/faculty/physics");

        JsonNode claims = Tokens.accessToken(tokens.refresh(PolicyRealm.APP, login));
        assertThat(claims.has("active_group")).isFalse();
        assertThat(strings(claims.get("groups"))).containsExactly("/sports");
        assertThat(strings(claims.get("policies"))).doesNotContain("lab:use", "campus:enter")
                .contains("academic:read" /* the user's own */, "gym:enter");
        assertThat(api.get(login.get("access_token").asText()).body().get("active_group").isNull()).isTrue();
    }

    @Test
    void whenTheActiveGroupIsDeletedTheClaimDisappears() {
        String user = realm.createStandardUser();
        String groupId = realm.createGroup("temporary-" + user, "temp:use");
        realm.admin().users().get(realm.userId(user)).joinGroup(groupId);
        JsonNode login = tokens.passwordForActiveGroup(PolicyRealm.APP, user, PASSWORD);
        api.select(login.get("access_token").asText(), groupId);
        JsonNode before = Tokens.accessToken(tokens.refresh(PolicyRealm.APP, login));
        assertThat(before.get("active_group").get("id").asText()).isEqualTo(groupId);
        assertThat(strings(before.get("policies"))).contains("temp:use");

        realm.admin().groups().group(groupId).remove();

        JsonNode after = Tokens.accessToken(tokens.refresh(PolicyRealm.APP, login));
        assertThat(after.has("active_group")).isFalse();
        assertThat(strings(after.get("policies"))).doesNotContain("temp:use");
    }

    @Test
    void activeGroupOnlyOptionTakesGroupPoliciesFromTheActiveGroupAndItsParents() {
        String user = realm.createStandardUser();
        JsonNode login = tokens.passwordForActiveGroup(PolicyRealm.ACTIVE_GROUP_POLICIES, user, PASSWORD);
        JsonNode initial = Tokens.accessToken(login);
        assertThat(strings(initial.get("groups"))).containsExactly("physics", "sports");
        assertThat(initial.has("roles")).as("roles claim switched off").isFalse();
        assertThat(strings(initial.get("permissions"))).containsExactly("academic:read", "api:read",
                "contact:read", "contact:write", "self:read");

        api.select(login.get("access_token").asText(), "/university/faculty/physics");
        JsonNode claims = Tokens.accessToken(tokens.refresh(PolicyRealm.ACTIVE_GROUP_POLICIES, login));

        assertThat(strings(claims.get("permissions"))).containsExactly("academic:read", "api:read", "campus:enter",
                "contact:read", "contact:write", "lab:use", "self:read");
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
