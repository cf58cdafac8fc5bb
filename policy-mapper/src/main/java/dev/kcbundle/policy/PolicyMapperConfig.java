package dev.kcbundle.policy;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.models.Constants;

/**
 * The mapper's own settings, read from a protocol mapper's configuration map. Each claim has an on/off switch (on when
 * absent) and a name (the default when absent or blank: Keycloak drops empty config values when it stores a mapper).
 * A claim that is switched off has a null name.
 */
record PolicyMapperConfig(
        String groupsClaim,
        String rolesClaim,
        String policiesClaim,
        String activeGroupClaim,
        boolean groupFullPath,
        Set<String> roleClients,
        boolean policiesFromActiveGroupOnly) {

    static final String ADD_GROUPS = "groups.claim";
    static final String ADD_ROLES = "roles.claim";
    static final String ADD_POLICIES = "policies.claim";
    static final String ADD_ACTIVE_GROUP = "active_group.claim";
    static final String GROUPS_CLAIM = "groups.claim.name";
    static final String ROLES_CLAIM = "roles.claim.name";
    static final String POLICIES_CLAIM = "policies.claim.name";
    static final String ACTIVE_GROUP_CLAIM = "active_group.claim.name";
    static final String GROUP_FULL_PATH = "groups.full.path";
    static final String ROLE_CLIENTS = "roles.clients";
    static final String POLICIES_FROM_ACTIVE_GROUP_ONLY = "policies.active_group.only";

    static final String DEFAULT_GROUPS_CLAIM = "groups";
    static final String DEFAULT_ROLES_CLAIM = "roles";
    static final String DEFAULT_POLICIES_CLAIM = "policies";
    static final String DEFAULT_ACTIVE_GROUP_CLAIM = "active_group";

    static PolicyMapperConfig from(Map<String, String> config) {
        return new PolicyMapperConfig(
                claimName(config, ADD_GROUPS, GROUPS_CLAIM, DEFAULT_GROUPS_CLAIM),
                claimName(config, ADD_ROLES, ROLES_CLAIM, DEFAULT_ROLES_CLAIM),
                claimName(config, ADD_POLICIES, POLICIES_CLAIM, DEFAULT_POLICIES_CLAIM),
                claimName(config, ADD_ACTIVE_GROUP, ACTIVE_GROUP_CLAIM, DEFAULT_ACTIVE_GROUP_CLAIM),
                Boolean.parseBoolean(config.getOrDefault(GROUP_FULL_PATH, "true")),
                clientIds(config.get(ROLE_CLIENTS)),
                Boolean.parseBoolean(config.getOrDefault(POLICIES_FROM_ACTIVE_GROUP_ONLY, "false")));
    }

    /** Null when the claim is switched off, else its configured name or the default. */
    private static String claimName(Map<String, String> config, String switchKey, String nameKey, String defaultName) {
        if ("false".equalsIgnoreCase(config.get(switchKey))) {
            return null;
        }
        String name = config.get(nameKey);
        return name == null || name.isBlank() ? defaultName : name.trim();
    }

    private static Set<String> clientIds(String value) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(value.split(Constants.CFG_DELIMITER + "|,"))
                .map(String::trim)
                .filter(id -> !id.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
