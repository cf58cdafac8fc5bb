package dev.kcbundle.policy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.ProtocolMapperConfigException;
import org.keycloak.representations.userprofile.config.UPConfig;

/**
 * Refuses a mapper configuration that cannot do what the form says, before Keycloak saves it: switches that are not
 * true/false, claim names that are malformed, taken twice or reserved for standard claims, client IDs the realm does
 * not have, and a policies claim in a realm whose user profile gives admins no way to set a user's policies. Each
 * problem is a {@link ProtocolMapperConfigException} with a message key of {@link SettingsProblems}, which the mapper
 * tells in the admin's language ({@link AdminRefusal}) and Keycloak's admin REST API answers with 400.
 */
final class MapperSettingsCheck {

    private static final List<String> SWITCHES = List.of(
            PolicyMapperConfig.ADD_GROUPS,
            PolicyMapperConfig.ADD_ROLES,
            PolicyMapperConfig.ADD_POLICIES,
            PolicyMapperConfig.ADD_ACTIVE_GROUP,
            PolicyMapperConfig.GROUP_FULL_PATH,
            PolicyMapperConfig.POLICIES_FROM_ACTIVE_GROUP_ONLY);

    /** Dot-separated names, each letters, digits, '_', '-' or ':' (the console's nested-claim syntax). */
    private static final Pattern CLAIM_NAME = Pattern.compile("[A-Za-z0-9_:-]+(\\.[A-Za-z0-9_:-]+)*");

    private static final int MAX_CLAIM_NAME = 255;

    /** Claims of JWT (RFC 7519), OIDC Core and Keycloak that a mapper must never overwrite. */
    private static final Set<String> RESERVED_CLAIMS = Set.of(
            "iss",
            "sub",
            "aud",
            "exp",
            "nbf",
            "iat",
            "jti",
            "typ",
            "azp",
            "auth_time",
            "nonce",
            "acr",
            "amr",
            "at_hash",
            "c_hash",
            "sid",
            "session_state",
            "scope",
            "client_id",
            "cnf",
            "realm_access",
            "resource_access",
            "allowed-origins");

    private MapperSettingsCheck() {}

    static void check(Map<String, String> config, RealmModel realm, UPConfig userProfile)
            throws ProtocolMapperConfigException {
        checkSwitches(config);
        checkClaimNames(config);
        PolicyMapperConfig settings = PolicyMapperConfig.from(config);
        checkDistinctClaims(settings);
        for (String clientId : settings.roleClients()) {
            if (realm.getClientByClientId(clientId) == null) {
                throw problem(
                        SettingsProblems.UNKNOWN_CLIENT,
                        "No client " + clientId + " in realm " + realm.getName(),
                        clientId);
            }
        }
        if (settings.policiesClaim() != null && !PoliciesAttribute.editableByAdmins(userProfile)) {
            throw problem(
                    SettingsProblems.POLICIES_NOT_DECLARED,
                    "The user profile of realm " + realm.getName() + " does not declare the attribute policies");
        }
    }

    private static void checkSwitches(Map<String, String> config) throws ProtocolMapperConfigException {
        for (String key : SWITCHES) {
            String value = config.get(key);
            if (value != null
                    && !value.isBlank()
                    && !value.equalsIgnoreCase("true")
                    && !value.equalsIgnoreCase("false")) {
                throw problem(
                        SettingsProblems.INVALID_SWITCH,
                        "Setting " + key + " must be true or false",
                        key,
                        abbreviated(value));
            }
        }
    }

    /** Every name typed into the form, switched on or not: a saved name must be one that works when switched on. */
    private static void checkClaimNames(Map<String, String> config) throws ProtocolMapperConfigException {
        for (String key : List.of(
                PolicyMapperConfig.GROUPS_CLAIM,
                PolicyMapperConfig.ROLES_CLAIM,
                PolicyMapperConfig.POLICIES_CLAIM,
                PolicyMapperConfig.ACTIVE_GROUP_CLAIM)) {
            String name = config.get(key);
            if (name == null || name.isBlank()) {
                continue;
            }
            name = name.trim();
            if (name.length() > MAX_CLAIM_NAME || !CLAIM_NAME.matcher(name).matches()) {
                throw problem(
                        SettingsProblems.INVALID_CLAIM_NAME, "Claim name " + key + " is not valid", abbreviated(name));
            }
            if (RESERVED_CLAIMS.contains(name.split("\\.")[0])) {
                throw problem(SettingsProblems.RESERVED_CLAIM_NAME, "Claim name " + name + " is reserved", name);
            }
        }
    }

    /** Of the claims switched on, no two may share a name: one would silently replace the other. */
    private static void checkDistinctClaims(PolicyMapperConfig settings) throws ProtocolMapperConfigException {
        Set<String> taken = new HashSet<>();
        for (String name : new String[] {
            settings.groupsClaim(), settings.rolesClaim(), settings.policiesClaim(), settings.activeGroupClaim()
        }) {
            if (name != null && !taken.add(name)) {
                throw problem(SettingsProblems.DUPLICATE_CLAIM_NAME, "Claim name " + name + " is used twice", name);
            }
        }
    }

    private static String abbreviated(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }

    private static ProtocolMapperConfigException problem(String messageKey, String message, Object... parameters) {
        return new ProtocolMapperConfigException(messageKey, message, parameters);
    }
}
