package dev.kcbundle.policy;

import static dev.kcbundle.policy.Models.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.ProtocolMapperConfigException;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPAttributePermissions;
import org.keycloak.representations.userprofile.config.UPConfig;

class MapperSettingsCheckTest {

    private final RealmModel realm = realmWithClient("api-server");

    @Test
    void theDefaultsPassInARealmThatDeclaresPolicies() {
        assertThatCode(() -> MapperSettingsCheck.check(config(), realm, declaringPolicies("admin")))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAClientIdTheRealmDoesNotHave() {
        assertProblem(
                config(PolicyMapperConfig.ROLE_CLIENTS, "api-server##api-srever"),
                declaringPolicies("admin"),
                "policyMapperUnknownClient",
                "api-srever");
    }

    @Test
    void refusesSwitchesThatAreNotTrueOrFalse() {
        assertProblem(
                config(PolicyMapperConfig.ADD_ROLES, "yes"),
                declaringPolicies("admin"),
                "policyMapperInvalidSwitch",
                PolicyMapperConfig.ADD_ROLES,
                "yes");
    }

    @Test
    void refusesMalformedReservedAndDuplicateClaimNames() {
        assertProblem(
                config(PolicyMapperConfig.GROUPS_CLAIM, "tenant..groups"),
                declaringPolicies("admin"),
                "policyMapperInvalidClaimName",
                "tenant..groups");
        assertProblem(
                config(PolicyMapperConfig.ROLES_CLAIM, "my roles"),
                declaringPolicies("admin"),
                "policyMapperInvalidClaimName",
                "my roles");
        assertProblem(
                config(PolicyMapperConfig.POLICIES_CLAIM, "sub"),
                declaringPolicies("admin"),
                "policyMapperReservedClaimName",
                "sub");
        assertProblem(
                config(PolicyMapperConfig.GROUPS_CLAIM, "realm_access.groups"),
                declaringPolicies("admin"),
                "policyMapperReservedClaimName",
                "realm_access.groups");
        assertProblem(
                config(PolicyMapperConfig.ROLES_CLAIM, "groups"),
                declaringPolicies("admin"),
                "policyMapperDuplicateClaimName",
                "groups");
    }

    @Test
    void aSwitchedOffClaimMayShareTheDefaultNameOfAnother() {
        assertThatCode(() -> MapperSettingsCheck.check(
                        config(PolicyMapperConfig.ADD_GROUPS, "false", PolicyMapperConfig.ROLES_CLAIM, "groups"),
                        realm,
                        declaringPolicies("admin")))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesThePoliciesClaimWhileAdminsCannotSetUsersPolicies() {
        assertProblem(config(), new UPConfig(), "policyMapperPoliciesNotDeclared");
        assertProblem(config(), declaringPolicies("user"), "policyMapperPoliciesNotDeclared");

        assertThatCode(() -> MapperSettingsCheck.check(
                        config(PolicyMapperConfig.ADD_POLICIES, "false"), realm, new UPConfig()))
                .doesNotThrowAnyException();
        UPConfig unmanagedEditable = new UPConfig();
        unmanagedEditable.setUnmanagedAttributePolicy(UPConfig.UnmanagedAttributePolicy.ADMIN_EDIT);
        assertThatCode(() -> MapperSettingsCheck.check(config(), realm, unmanagedEditable))
                .doesNotThrowAnyException();
    }

    private void assertProblem(Map<String, String> config, UPConfig profile, String messageKey, Object... parameters) {
        assertThatThrownBy(() -> MapperSettingsCheck.check(config, realm, profile))
                .isInstanceOfSatisfying(ProtocolMapperConfigException.class, problem -> {
                    assertThat(problem.getMessageKey()).isEqualTo(messageKey);
                    assertThat(problem.getParameters()).containsExactly(parameters);
                });
    }

    private static UPConfig declaringPolicies(String editor) {
        UPAttribute policies = new UPAttribute(ModelAttributes.POLICIES);
        policies.setMultivalued(true);
        policies.setPermissions(new UPAttributePermissions(Set.of("admin"), Set.of(editor)));
        UPConfig profile = new UPConfig();
        profile.addOrReplaceAttribute(policies);
        return profile;
    }

    private static RealmModel realmWithClient(String clientId) {
        RealmModel realm = mock(RealmModel.class);
        when(realm.getName()).thenReturn("acme");
        when(realm.getClientByClientId(clientId)).thenReturn(mock(ClientModel.class));
        return realm;
    }
}
