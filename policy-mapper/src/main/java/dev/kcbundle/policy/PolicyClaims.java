package dev.kcbundle.policy;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * The values of the four claims for one user, computed from models Keycloak already loaded for the token.
 *
 * @param groups      the user's direct groups as names or full paths, sorted
 * @param roles       realm role names and {@code clientId:role} of the chosen clients, sorted
 * @param policies    the effective policies, sorted
 * @param activeGroup {@code {id, name, path}} of the active group while the user is still a member, else empty
 */
record PolicyClaims(
        List<String> groups, List<String> roles, List<String> policies, Optional<Map<String, String>> activeGroup) {

    static final String CLIENT_ROLE_SEPARATOR = ":";

    static PolicyClaims of(UserModel user, Collection<RoleModel> effectiveRoles, PolicyMapperConfig config) {
        List<GroupModel> userGroups = user.getGroupsStream().collect(Collectors.toList());
        Optional<GroupModel> activeGroup = ActiveGroups.of(user, userGroups);
        Stream<GroupModel> policyGroups = config.policiesFromActiveGroupOnly()
                ? EffectivePolicies.only(activeGroup.orElse(null))
                : userGroups.stream();
        return new PolicyClaims(
                userGroups.stream()
                        .map(group -> config.groupFullPath() ? GroupDescription.path(group) : group.getName())
                        .sorted()
                        .distinct()
                        .collect(Collectors.toList()),
                effectiveRoles.stream()
                        .map(role -> roleName(role, config))
                        .flatMap(Optional::stream)
                        .sorted()
                        .distinct()
                        .collect(Collectors.toList()),
                List.copyOf(EffectivePolicies.of(user, effectiveRoles, policyGroups)),
                activeGroup.map(GroupDescription::describe));
    }

    private static Optional<String> roleName(RoleModel role, PolicyMapperConfig config) {
        if (!role.isClientRole()) {
            return Optional.of(role.getName());
        }
        if (role.getContainer() instanceof ClientModel client
                && config.roleClients().contains(client.getClientId())) {
            return Optional.of(client.getClientId() + CLIENT_ROLE_SEPARATOR + role.getName());
        }
        return Optional.empty();
    }
}
