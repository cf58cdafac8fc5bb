package dev.kcbundle.policy;

import static dev.kcbundle.policy.Models.config;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;

class PolicyMapperConfigTest {

    @Test
    void emptyConfigurationMeansDefaultClaimsFullPathsAndAllGroups() {
        PolicyMapperConfig config = PolicyMapperConfig.from(config());

        assertThat(config)
                .isEqualTo(
                        new PolicyMapperConfig("groups", "roles", "policies", "active_group", true, Set.of(), false));
    }

    @Test
    void blankNamesMeanTheDefaultAndSwitchesTurnClaimsOff() {
        PolicyMapperConfig config = PolicyMapperConfig.from(config(
                PolicyMapperConfig.GROUPS_CLAIM,
                " ",
                PolicyMapperConfig.ROLES_CLAIM,
                " tenant.roles ",
                PolicyMapperConfig.ADD_POLICIES,
                "false",
                PolicyMapperConfig.ADD_ACTIVE_GROUP,
                "FALSE",
                PolicyMapperConfig.ADD_GROUPS,
                "true"));

        assertThat(config.groupsClaim()).isEqualTo("groups");
        assertThat(config.rolesClaim()).isEqualTo("tenant.roles");
        assertThat(config.policiesClaim()).isNull();
        assertThat(config.activeGroupClaim()).isNull();
    }

    @Test
    void clientListAcceptsTheAdminConsoleDelimiterAndCommas() {
        PolicyMapperConfig config =
                PolicyMapperConfig.from(config(PolicyMapperConfig.ROLE_CLIENTS, "api-server##web-app, reports ##"));

        assertThat(config.roleClients()).containsExactlyInAnyOrder("api-server", "web-app", "reports");
    }

    @Test
    void adminConsoleShowsEveryOptionWithLabelAndHelpAndTheUsualTokenSwitches() {
        PolicyProtocolMapper mapper = new PolicyProtocolMapper();

        assertThat(mapper.getId()).isEqualTo("oidc-policy-mapper");
        assertThat(mapper.getConfigProperties())
                .extracting(ProviderConfigProperty::getName)
                .contains(
                        PolicyMapperConfig.ADD_GROUPS,
                        PolicyMapperConfig.ADD_ROLES,
                        PolicyMapperConfig.ADD_POLICIES,
                        PolicyMapperConfig.ADD_ACTIVE_GROUP,
                        PolicyMapperConfig.GROUPS_CLAIM,
                        PolicyMapperConfig.ROLES_CLAIM,
                        PolicyMapperConfig.POLICIES_CLAIM,
                        PolicyMapperConfig.ACTIVE_GROUP_CLAIM,
                        PolicyMapperConfig.GROUP_FULL_PATH,
                        PolicyMapperConfig.ROLE_CLIENTS,
                        PolicyMapperConfig.POLICIES_FROM_ACTIVE_GROUP_ONLY,
                        "access.token.claim",
                        "id.token.claim",
                        "userinfo.token.claim",
                        "introspection.token.claim",
                        "lightweight.claim");
        assertThat(mapper.getConfigProperties()).allSatisfy(property -> {
            assertThat(property.getLabel()).isNotBlank();
            assertThat(property.getHelpText()).isNotBlank();
        });
    }
}
