package dev.kcbundle.it.tokens;

import dev.kcbundle.it.AdminUsers;
import dev.kcbundle.it.TestRealm;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.RolesRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.storage.UserStorageProvider.EditMode;

/**
 * What the token tests' {@link TestRealm} holds: roles, groups and users with policies at all three levels, and test
 * clients each carrying the {@code oidc-policy-mapper} in another configuration. Users live in Keycloak's database, or
 * in ArangoDB through an {@code arangodb} user federation when asked.
 *
 * <pre>
 * realm roles: editor (contact:write, composite of viewer), viewer (contact:read), auditor (audit:read, unassigned)
 * client role: api-server:reader (api:read)
 * groups:      /university (campus:enter) / faculty (academic:read) / physics (lab:use)
 *              /sports (gym:enter, grants api-server:reader)      /chess (chess:play)
 * a standard user: own policies self:read and academic:read, realm role editor, member of physics and sports
 * client scope active-group (the active-group endpoint requires it): an optional scope of every public client but
 * app-without-active-group, requested only for the tokens used with the endpoint
 * </pre>
 */
final class PolicyScenario {

    static final String PASSWORD = "Test-Pass-" + UUID.randomUUID();
    static final String WEB_ORIGIN = "http://app.example";

    /** Public client, direct access grants, mapper with every switch on except lightweight, roles of api-server. */
    static final String APP = "app";
    /** Like app without the policy mapper: the baseline for counting storage round trips. */
    static final String PLAIN = "app-plain";
    /** Like app, but its access tokens are lightweight and the mapper is off for lightweight tokens. */
    static final String LIGHTWEIGHT_WITHOUT_CLAIMS = "app-lightweight-off";
    /** Lightweight access tokens, mapper on for lightweight tokens. */
    static final String LIGHTWEIGHT_WITH_CLAIMS = "app-lightweight-on";
    /** Mapper in the access token only: no ID token, userinfo or introspection. */
    static final String ACCESS_TOKEN_ONLY = "app-access-only";
    /** Group names instead of paths, group policies from the active group only, renamed claims. */
    static final String ACTIVE_GROUP_POLICIES = "app-active-only";
    /** Access tokens that expire after five seconds. */
    static final String SHORT_LIVED = "app-short-lived";
    /** Like app, but without the client scope the active-group endpoint requires. */
    static final String WITHOUT_ACTIVE_GROUP_SCOPE = "app-without-active-group";
    /** The client scope the active-group endpoint requires in a token's scope claim. */
    static final String ACTIVE_GROUP_SCOPE = "active-group";
    /** Confidential client holding the reader role; also introspects tokens. */
    static final String API_SERVER = "api-server";

    /** The secret of the confidential client {@link #API_SERVER}. */
    static final String API_SERVER_SECRET = UUID.randomUUID().toString();
    /** The scope of a login whose token is used with the active-group endpoint. */
    static final String ACTIVE_GROUP_LOGIN = "openid " + ACTIVE_GROUP_SCOPE;

    private PolicyScenario() {}

    /** The realm of the token tests: roles, groups and clients as the class comment says, users where asked. */
    static TestRealm realm(String prefix, boolean usersInArangoDb) {
        TestRealm realm = TestRealm.blank(prefix)
                .withUnmanagedAttributes(UPConfig.UnmanagedAttributePolicy.ADMIN_EDIT)
                .with(PolicyScenario::rolesGroupsAndClients)
                .afterCreation(PolicyScenario::grantActiveGroupScope);
        return usersInArangoDb ? realm.withArangoUsers(EditMode.WRITABLE) : realm;
    }

    static ActiveGroupApi activeGroupApi(TestRealm realm) {
        return new ActiveGroupApi(realm.issuer() + "/active-group");
    }

    private static void rolesGroupsAndClients(RealmRepresentation realm) {
        realm.setEnabledEventTypes(List.of("UPDATE_PROFILE", "UPDATE_PROFILE_ERROR", "LOGIN", "REFRESH_TOKEN"));
        realm.setRoles(roles());
        realm.setGroups(groups());
        realm.getClients().addAll(clients());
    }

    /** A fresh user set up as the class comment says; returns its username (the password is {@link #PASSWORD}). */
    static String createStandardUser(TestRealm realm) {
        String username = "user-" + UUID.randomUUID().toString().substring(0, 8);
        String id = createUser(realm, username, Map.of("policies", List.of("self:read", "academic:read")));
        realm.user(id)
                .roles()
                .realmLevel()
                .add(List.of(realm.admin().roles().get("editor").toRepresentation()));
        joinGroup(realm, username, "/university/faculty/physics");
        joinGroup(realm, username, "/sports");
        return username;
    }

    /** A user with {@code attributes} and the password {@link #PASSWORD}; returns its id. */
    static String createUser(TestRealm realm, String username, Map<String, List<String>> attributes) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(username + "@" + realm.name() + ".example");
        user.setFirstName("Test");
        user.setLastName(username);
        user.setEnabled(true);
        user.setEmailVerified(true);
        user.setAttributes(new HashMap<>(attributes));
        user.setCredentials(List.of(AdminUsers.password(PASSWORD)));
        try (Response response = realm.admin().users().create(user)) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException("Creating user " + username + ": HTTP " + response.getStatus() + " "
                        + response.readEntity(String.class));
            }
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    static void joinGroup(TestRealm realm, String username, String path) {
        realm.user(realm.userId(username)).joinGroup(realm.groupId(path));
    }

    static void leaveGroup(TestRealm realm, String username, String path) {
        realm.user(realm.userId(username)).leaveGroup(realm.groupId(path));
    }

    /** A top-level group with policies, created after the realm (for tests that delete it again). */
    static String createGroup(TestRealm realm, String groupName, String... policies) {
        GroupRepresentation group = new GroupRepresentation();
        group.setName(groupName);
        group.setAttributes(Map.of("policies", List.of(policies)));
        try (Response response = realm.admin().groups().add(group)) {
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    /**
     * Creates the client scope {@value #ACTIVE_GROUP_SCOPE} (in the token's scope claim, no mappers) and makes it an
     * optional scope of every public client except {@link #WITHOUT_ACTIVE_GROUP_SCOPE}, as the acme template does.
     */
    private static void grantActiveGroupScope(TestRealm realm) {
        ClientScopeRepresentation scope = new ClientScopeRepresentation();
        scope.setName(ACTIVE_GROUP_SCOPE);
        scope.setProtocol("openid-connect");
        scope.setAttributes(Map.of("include.in.token.scope", "true", "display.on.consent.screen", "true"));
        String scopeId;
        try (Response response = realm.admin().clientScopes().create(scope)) {
            scopeId = CreatedResponseUtil.getCreatedId(response);
        }
        realm.admin().clients().findAll().stream()
                .filter(client -> Boolean.TRUE.equals(client.isPublicClient()))
                .filter(client -> !client.getClientId().equals(WITHOUT_ACTIVE_GROUP_SCOPE))
                .filter(client -> client.getClientId().startsWith(APP))
                .forEach(client -> realm.admin().clients().get(client.getId()).addOptionalClientScope(scopeId));
    }

    private static RolesRepresentation roles() {
        RoleRepresentation viewer = role("viewer", "contact:read");
        RoleRepresentation editor = role("editor", "contact:write");
        editor.setComposite(true);
        RoleRepresentation.Composites composites = new RoleRepresentation.Composites();
        composites.setRealm(Set.of("viewer"));
        editor.setComposites(composites);
        RolesRepresentation roles = new RolesRepresentation();
        roles.setRealm(List.of(viewer, editor, role("auditor", "audit:read")));
        roles.setClient(Map.of(API_SERVER, List.of(role("reader", "api:read"))));
        return roles;
    }

    private static RoleRepresentation role(String roleName, String... policies) {
        RoleRepresentation role = new RoleRepresentation();
        role.setName(roleName);
        role.setAttributes(Map.of("policies", List.of(policies)));
        return role;
    }

    private static List<GroupRepresentation> groups() {
        GroupRepresentation physics = group("physics", "lab:use");
        GroupRepresentation faculty = group("faculty", "academic:read");
        faculty.setSubGroups(List.of(physics));
        GroupRepresentation university = group("university", "campus:enter");
        university.setSubGroups(List.of(faculty));
        GroupRepresentation sports = group("sports", "gym:enter");
        sports.setClientRoles(Map.of(API_SERVER, List.of("reader")));
        return List.of(university, sports, group("chess", "chess:play"));
    }

    private static GroupRepresentation group(String groupName, String... policies) {
        GroupRepresentation group = new GroupRepresentation();
        group.setName(groupName);
        group.setPath("/" + groupName);
        group.setAttributes(Map.of("policies", List.of(policies)));
        return group;
    }

    private static List<ClientRepresentation> clients() {
        List<ClientRepresentation> clients = new ArrayList<>();
        clients.add(publicClient(APP, Map.of(), mapper(Map.of("roles.clients", API_SERVER))));
        clients.add(publicClient(PLAIN, Map.of(), null));
        clients.add(publicClient(WITHOUT_ACTIVE_GROUP_SCOPE, Map.of(), mapper(Map.of())));
        clients.add(publicClient(
                LIGHTWEIGHT_WITHOUT_CLAIMS,
                Map.of("client.use.lightweight.access.token.enabled", "true"),
                mapper(Map.of("lightweight.claim", "false"))));
        clients.add(publicClient(
                LIGHTWEIGHT_WITH_CLAIMS,
                Map.of("client.use.lightweight.access.token.enabled", "true"),
                mapper(Map.of("lightweight.claim", "true"))));
        clients.add(publicClient(
                ACCESS_TOKEN_ONLY,
                Map.of(),
                mapper(Map.of(
                        "id.token.claim",
                        "false",
                        "userinfo.token.claim",
                        "false",
                        "introspection.token.claim",
                        "false"))));
        clients.add(publicClient(
                ACTIVE_GROUP_POLICIES,
                Map.of(),
                mapper(Map.of(
                        "groups.full.path",
                        "false",
                        "policies.active_group.only",
                        "true",
                        "policies.claim.name",
                        "permissions",
                        "active_group.claim.name",
                        "tenant.group",
                        "roles.claim",
                        "false"))));
        clients.add(publicClient(SHORT_LIVED, Map.of("access.token.lifespan", "5"), mapper(Map.of())));
        ClientRepresentation apiServer = new ClientRepresentation();
        apiServer.setClientId(API_SERVER);
        apiServer.setEnabled(true);
        apiServer.setPublicClient(false);
        apiServer.setSecret(API_SERVER_SECRET);
        apiServer.setStandardFlowEnabled(false);
        apiServer.setDirectAccessGrantsEnabled(false);
        clients.add(apiServer);
        return clients;
    }

    private static ClientRepresentation publicClient(
            String clientId, Map<String, String> attributes, ProtocolMapperRepresentation mapper) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setEnabled(true);
        client.setPublicClient(true);
        client.setDirectAccessGrantsEnabled(true);
        client.setStandardFlowEnabled(true);
        client.setRedirectUris(List.of(WEB_ORIGIN + "/*"));
        client.setWebOrigins(List.of(WEB_ORIGIN));
        client.setAttributes(new HashMap<>(attributes));
        if (mapper != null) {
            client.setProtocolMappers(List.of(mapper));
        }
        return client;
    }

    /** The policy mapper with every switch on except lightweight, changed by {@code overrides}. */
    private static ProtocolMapperRepresentation mapper(Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(Map.of(
                "access.token.claim",
                "true",
                "id.token.claim",
                "true",
                "userinfo.token.claim",
                "true",
                "introspection.token.claim",
                "true",
                "lightweight.claim",
                "false",
                "roles.clients",
                API_SERVER));
        config.putAll(overrides);
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName("groups, roles, policies, active group");
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper("oidc-policy-mapper");
        mapper.setConfig(config);
        return mapper;
    }
}
