package dev.kcbundle.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperContainerModel;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.ProtocolMapperConfigException;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.representations.IDToken;
import org.keycloak.userprofile.UserProfileProvider;

/**
 * Adds the user's groups, roles, effective policies and active group to tokens, userinfo and introspection.
 *
 * <p>Where each switch applies (access token, lightweight access token, ID token, userinfo, introspection) is decided
 * by {@link AbstractOIDCProtocolMapper} exactly as for Keycloak's own mappers. The values come from the user model and
 * from the roles the client session context already resolved for the token (its role scope applies), so the mapper
 * adds no storage round trip of its own.
 */
public class PolicyProtocolMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper {

    public static final String PROVIDER_ID = "oidc-policy-mapper";

    private static final Logger LOG = Logger.getLogger(PolicyProtocolMapper.class);

    private static final List<ProviderConfigProperty> CONFIG_PROPERTIES = configProperties();

    /**
     * Labels and help texts are message keys: the admin console translates them with the admin theme's messages, to
     * which this jar adds {@code theme-resources/messages/messages_<locale>.properties}.
     */
    private static List<ProviderConfigProperty> configProperties() {
        List<ProviderConfigProperty> properties = new ArrayList<>(ProviderConfigurationBuilder.create()
                .property()
                .name(PolicyMapperConfig.ADD_GROUPS)
                .label("policyMapperAddGroups")
                .helpText("policyMapperAddGroupsHelp")
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue("true")
                .add()
                .property()
                .name(PolicyMapperConfig.GROUPS_CLAIM)
                .label("policyMapperGroupsClaim")
                .helpText("policyMapperGroupsClaimHelp")
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(PolicyMapperConfig.DEFAULT_GROUPS_CLAIM)
                .add()
                .property()
                .name(PolicyMapperConfig.GROUP_FULL_PATH)
                .label("policyMapperGroupFullPath")
                .helpText("policyMapperGroupFullPathHelp")
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue("true")
                .add()
                .property()
                .name(PolicyMapperConfig.ADD_ROLES)
                .label("policyMapperAddRoles")
                .helpText("policyMapperAddRolesHelp")
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue("true")
                .add()
                .property()
                .name(PolicyMapperConfig.ROLES_CLAIM)
                .label("policyMapperRolesClaim")
                .helpText("policyMapperRolesClaimHelp")
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(PolicyMapperConfig.DEFAULT_ROLES_CLAIM)
                .add()
                .property()
                .name(PolicyMapperConfig.ROLE_CLIENTS)
                .label("policyMapperRoleClients")
                .helpText("policyMapperRoleClientsHelp")
                .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
                .add()
                .property()
                .name(PolicyMapperConfig.ADD_POLICIES)
                .label("policyMapperAddPolicies")
                .helpText("policyMapperAddPoliciesHelp")
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue("true")
                .add()
                .property()
                .name(PolicyMapperConfig.POLICIES_CLAIM)
                .label("policyMapperPoliciesClaim")
                .helpText("policyMapperPoliciesClaimHelp")
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(PolicyMapperConfig.DEFAULT_POLICIES_CLAIM)
                .add()
                .property()
                .name(PolicyMapperConfig.POLICIES_FROM_ACTIVE_GROUP_ONLY)
                .label("policyMapperActiveGroupOnly")
                .helpText("policyMapperActiveGroupOnlyHelp")
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue("false")
                .add()
                .property()
                .name(PolicyMapperConfig.ADD_ACTIVE_GROUP)
                .label("policyMapperAddActiveGroup")
                .helpText("policyMapperAddActiveGroupHelp")
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue("true")
                .add()
                .property()
                .name(PolicyMapperConfig.ACTIVE_GROUP_CLAIM)
                .label("policyMapperActiveGroupClaim")
                .helpText("policyMapperActiveGroupClaimHelp")
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(PolicyMapperConfig.DEFAULT_ACTIVE_GROUP_CLAIM)
                .add()
                .build());
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(properties, PolicyProtocolMapper.class);
        return List.copyOf(properties);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Groups, roles, policies and active group";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "Adds the user's groups, effective roles, effective policies (attribute policies of the user, roles and"
                + " groups) and active group to the token. The policies claim needs the attribute policies declared"
                + " in the user profile.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG_PROPERTIES;
    }

    /**
     * Keycloak calls this before it saves a mapper through the admin API; a problem answers 400 with its message, in
     * the admin's language.
     */
    @Override
    public void validateConfig(
            KeycloakSession session,
            RealmModel realm,
            ProtocolMapperContainerModel client,
            ProtocolMapperModel mapperModel)
            throws ProtocolMapperConfigException {
        Map<String, String> config = mapperModel.getConfig() == null ? Map.of() : mapperModel.getConfig();
        try {
            MapperSettingsCheck.check(
                    config,
                    realm,
                    session.getProvider(UserProfileProvider.class).getConfiguration());
        } catch (ProtocolMapperConfigException problem) {
            throw AdminRefusal.of(session, problem);
        }
    }

    @Override
    protected void setClaim(
            IDToken token,
            ProtocolMapperModel mappingModel,
            UserSessionModel userSession,
            KeycloakSession keycloakSession,
            ClientSessionContext clientSessionCtx) {
        UserModel user = userSession.getUser();
        PolicyMapperConfig config = PolicyMapperConfig.from(mappingModel.getConfig());
        Set<RoleModel> effectiveRoles = clientSessionCtx.getRolesStream().collect(Collectors.toSet());
        PolicyClaims claims = PolicyClaims.of(user, effectiveRoles, config);
        ClaimWriter.write(token.getOtherClaims(), claims, config);
        LOG.tracef("Mapper '%s' added claims for user %s", mappingModel.getName(), user.getId());
    }
}
