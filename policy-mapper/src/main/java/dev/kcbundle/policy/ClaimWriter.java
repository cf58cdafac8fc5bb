package dev.kcbundle.policy;

import java.util.List;
import java.util.Map;
import org.keycloak.utils.JsonUtils;

/**
 * Puts computed claims into a token's claim map under the configured names. Names may be nested paths
 * ({@code tenant.policies}) as in Keycloak's own mappers; a switched-off claim (null name) is left out, and so is the
 * active group claim when there is no valid active group. Each claim is replaced, never merged, so its value is exactly
 * what this mapper computed.
 */
final class ClaimWriter {

    private ClaimWriter() {}

    static void write(Map<String, Object> claims, PolicyClaims values, PolicyMapperConfig config) {
        put(claims, config.groupsClaim(), values.groups());
        put(claims, config.rolesClaim(), values.roles());
        put(claims, config.policiesClaim(), values.policies());
        values.activeGroup().ifPresent(group -> put(claims, config.activeGroupClaim(), group));
    }

    private static void put(Map<String, Object> claims, String name, Object value) {
        if (name == null) {
            return;
        }
        Object copy = value instanceof List<?> list ? List.copyOf(list) : value;
        JsonUtils.mapClaim(JsonUtils.splitClaimPath(name), copy, claims, false);
    }
}
