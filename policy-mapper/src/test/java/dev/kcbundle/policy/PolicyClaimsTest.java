package dev.kcbundle.policy;

import static dev.kcbundle.policy.Models.clientRole;
import static dev.kcbundle.policy.Models.config;
import static dev.kcbundle.policy.Models.group;
import static dev.kcbundle.policy.Models.realmRole;
import static dev.kcbundle.policy.Models.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

class PolicyClaimsTest {

    private final GroupModel university = group("g-uni", "university", null, "campus:enter");
    private final GroupModel physics = group("g-phy", "physics", university, "lab:use");
    private final GroupModel sports = group("g-spo", "sports", null, "gym:enter");
    private final Set<RoleModel> roles = Set.of(
            realmRole("editor", "contact:write"),
            clientRole("api-server", "reader", "api:read"),
            clientRole("other-app", "admin", "other:admin"));

    @Test
    void defaultClaimsCarryPathsRealmRolesPoliciesAndTheActiveGroup() {
        UserModel user = user(List.of(sports, physics), "g-phy", "self:read");

        Map<String, Object> token = write(user, config());

        assertThat(token).containsOnlyKeys("groups", "roles", "policies", "active_group");
        assertThat(token.get("groups")).isEqualTo(List.of("/sports", "/university/physics"));
        assertThat(token.get("roles")).isEqualTo(List.of("editor"));
        assertThat(token.get("policies"))
                .isEqualTo(List.of(
                        "api:read",
                        "campus:enter",
                        "contact:write",
                        "gym:enter",
                        "lab:use",
                        "other:admin",
                        "self:read"));
        assertThat(token.get("active_group"))
                .isEqualTo(Map.of("id", "g-phy", "name", "physics", "path", "/university/physics"));
    }

    @Test
    void groupNamesAndClientRolesOfChosenClients() {
        UserModel user = user(List.of(physics), null);

        Map<String, Object> token = write(
                user,
                config(
                        PolicyMapperConfig.GROUP_FULL_PATH,
                        "false",
                        PolicyMapperConfig.ROLE_CLIENTS,
                        "api-server##missing-client"));

        assertThat(token.get("groups")).isEqualTo(List.of("physics"));
        assertThat(token.get("roles")).isEqualTo(List.of("api-server:reader", "editor"));
    }

    @Test
    void activeGroupOnlyOptionLimitsGroupPoliciesToTheActiveGroupAndItsParents() {
        UserModel user = user(List.of(sports, physics), "g-phy");

        Map<String, Object> token = write(user, config(PolicyMapperConfig.POLICIES_FROM_ACTIVE_GROUP_ONLY, "true"));

        assertThat(token.get("policies"))
                .isEqualTo(List.of("api:read", "campus:enter", "contact:write", "lab:use", "other:admin"));
    }

    @Test
    void activeGroupOnlyWithoutAnActiveGroupTakesNoGroupPolicies() {
        Map<String, Object> token =
                write(user(List.of(sports), null), config(PolicyMapperConfig.POLICIES_FROM_ACTIVE_GROUP_ONLY, "true"));

        assertThat(token.get("policies")).isEqualTo(List.of("api:read", "contact:write", "other:admin"));
    }

    @Test
    void activeGroupClaimDisappearsWhenTheUserIsNoLongerAMember() {
        UserModel user = user(List.of(sports), "g-phy");

        Map<String, Object> token = write(user, config());

        assertThat(token).doesNotContainKey("active_group");
    }

    @Test
    void claimNamesAreConfigurableNestableAndEachClaimCanBeSwitchedOff() {
        UserModel user = user(List.of(physics), "g-phy", "self:read");

        Map<String, Object> token = write(
                user,
                config(
                        PolicyMapperConfig.ADD_GROUPS,
                        "false",
                        PolicyMapperConfig.ROLES_CLAIM,
                        "tenant.roles",
                        PolicyMapperConfig.POLICIES_CLAIM,
                        "perms",
                        PolicyMapperConfig.ACTIVE_GROUP_CLAIM,
                        "tenant.current"));

        assertThat(token).containsOnlyKeys("tenant", "perms");
        @SuppressWarnings("unchecked")
        Map<String, Object> tenant = (Map<String, Object>) token.get("tenant");
        assertThat(tenant.get("roles")).isEqualTo(List.of("editor"));
        assertThat(tenant.get("current"))
                .isEqualTo(Map.of("id", "g-phy", "name", "physics", "path", "/university/physics"));
    }

    @Test
    void existingClaimOfTheSameNameIsReplacedNotMerged() {
        Map<String, Object> token = new HashMap<>(Map.of("roles", List.of("stale")));
        PolicyMapperConfig config = PolicyMapperConfig.from(config());

        ClaimWriter.write(token, PolicyClaims.of(user(List.of(), null), roles, config), config);

        assertThat(token.get("roles")).isEqualTo(List.of("editor"));
    }

    private Map<String, Object> write(UserModel user, Map<String, String> rawConfig) {
        PolicyMapperConfig config = PolicyMapperConfig.from(rawConfig);
        Map<String, Object> token = new HashMap<>();
        ClaimWriter.write(token, PolicyClaims.of(user, roles, config), config);
        return token;
    }
}
