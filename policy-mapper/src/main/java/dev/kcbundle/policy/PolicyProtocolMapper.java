package dev.kcbundle.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.representations.IDToken;

/**
 * Adds the user's groups, roles, effective policies and active group to tokens, userinfo and introspection.
 *
 * <p>Where each switch applies (access token, lightweight access token, ID token, userinfo, introspection) is decided
 * by {@link AbstractOIDCProtocolMapper} exactly as for Keycloak's own mappers. The values come from the user model and
 * from the roles the client session context already resolved for the token (its role scope applies), so the mapper
 * adds no storage round trip of its own.
 */
public class PolicyProtocolMapper extends AbstractOIDCProtocolMapper implements OIDCAccessTokenMapper,
        OIDCIDTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper {

    public static final String PROVIDER_ID = "oidc-policy-mapper";

    private static final Logger LOG = Logger.getLogger(PolicyProtocolMapper.class);

    private static final List<ProviderConfigProperty> CONFIG_PROPERTIES = configProperties();

    private static List<ProviderConfigProperty> configProperties() {
        List<ProviderConfigProperty> properties = new ArrayList<>(ProviderConfigurationBuilder.create()
                .property().name(PolicyMapperConfig.ADD_GROUPS).label("Add groups claim")
                .helpText("Adds the user's groups (direct memberships).")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
                .property().name(PolicyMapperConfig.GROUPS_CLAIM).label("Groups claim name")
                .helpText("Claim holding the user's groups; may be nested (tenant.groups). Empty: groups.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(PolicyMapperConfig.DEFAULT_GROUPS_CLAIM).add()
                .property().name(PolicyMapperConfig.GROUP_FULL_PATH).label("Full group path")
                .helpText("On: groups as full paths such as /faculty/physics. Off: group names only.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
                .property().name(PolicyMapperConfig.ADD_ROLES).label("Add roles claim")
                .helpText("Adds the user's effective roles.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
                .property().name(PolicyMapperConfig.ROLES_CLAIM).label("Roles claim name")
                .helpText("Claim holding the user's effective realm roles (composites expanded) and the client"
                        + " roles of the clients below as clientId:role. Empty: roles.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(PolicyMapperConfig.DEFAULT_ROLES_CLAIM).add()
                .property().name(PolicyMapperConfig.ROLE_CLIENTS).label("Client roles of")
                .helpText("Client IDs whose client roles go into the roles claim as clientId:role.")
                .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).add()
                .property().name(PolicyMapperConfig.ADD_POLICIES).label("Add policies claim")
                .helpText("Adds the user's effective policies.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
                .property().name(PolicyMapperConfig.POLICIES_CLAIM).label("Policies claim name")
                .helpText("Claim holding the effective policies: the user's own 'policies' attribute, those of all"
                        + " effective roles and those of the user's groups and their parents; sorted, no duplicates."
                        + " Empty: policies.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(PolicyMapperConfig.DEFAULT_POLICIES_CLAIM).add()
                .property().name(PolicyMapperConfig.POLICIES_FROM_ACTIVE_GROUP_ONLY)
                .label("Group policies from the active group only")
                .helpText("On: of all groups, only the active group and its parents contribute policies.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
                .property().name(PolicyMapperConfig.ADD_ACTIVE_GROUP).label("Add active group claim")
                .helpText("Adds the active group while the user is still a member of it.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
                .property().name(PolicyMapperConfig.ACTIVE_GROUP_CLAIM).label("Active group claim name")
                .helpText("Claim holding {id, name, path} of the group chosen at /realms/{realm}/active-group,"
                        + " present only while the user is still a member of it. Empty: active_group.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(PolicyMapperConfig.DEFAULT_ACTIVE_GROUP_CLAIM)
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
        return "Adds the user's groups, effective roles, effective policies (attribute 'policies' of the user, roles"
                + " and groups) and active group to the token.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG_PROPERTIES;
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
                            KeycloakSession keycloakSession, ClientSessionContext clientSessionCtx) {
        UserModel user = userSession.getUser();
        PolicyMapperConfig config = PolicyMapperConfig.from(mappingModel.getConfig());
        Set<RoleModel> effectiveRoles = clientSessionCtx.getRolesStream().collect(Collectors.toSet());
        PolicyClaims claims = PolicyClaims.of(user, effectiveRoles, config);
        ClaimWriter.write(token.getOtherClaims(), claims, config);
        LOG.tracef("Mapper '%s' added claims for user %s", mappingModel.getName(), user.getId());
    }
}
