package dev.kcbundle.it.tokens;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.kcbundle.it.KeycloakTestServer;
import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.keycloak.representations.idm.ComponentExportRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.RolesRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.userprofile.config.UPConfig;

/**
 * A realm of its own for the token tests: roles, groups and users with policies at all three levels, and test clients
 * each carrying the {@code oidc-policy-mapper} in another configuration. Users live in Keycloak's database, or in
 * ArangoDB through an {@code arangodb} user federation when asked. Removed by {@link #close()}.
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
final class PolicyRealm implements AutoCloseable {

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

    private final KeycloakTestServer server;
    private final String name;
    private final String apiServerSecret;

    private PolicyRealm(KeycloakTestServer server, String name, String apiServerSecret) {
        this.server = server;
        this.name = name;
        this.apiServerSecret = apiServerSecret;
    }

    static PolicyRealm create(KeycloakTestServer server, String prefix, boolean usersInArangoDb) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String apiServerSecret = UUID.randomUUID().toString();
        RealmRepresentation realm = new RealmRepresentation();
        realm.setRealm(name);
        realm.setEnabled(true);
        realm.setEventsEnabled(true);
        realm.setEnabledEventTypes(List.of("UPDATE_PROFILE", "UPDATE_PROFILE_ERROR", "LOGIN", "REFRESH_TOKEN"));
        realm.setRoles(roles());
        realm.setGroups(groups());
        realm.setClients(clients(apiServerSecret));
        if (usersInArangoDb) {
            realm.setComponents(arangoDbFederation(server, name));
        }
        server.admin().realms().create(realm);
        PolicyRealm created = new PolicyRealm(server, name, apiServerSecret);
        created.allowPolicyAttributesOnUsers();
        created.grantActiveGroupScope();
        return created;
    }

    String name() {
        return name;
    }

    String issuer() {
        return server.realmUrl(name);
    }

    RealmResource admin() {
        return server.admin().realm(name);
    }

    Tokens tokens() {
        return new Tokens(issuer(), API_SERVER, apiServerSecret);
    }

    ActiveGroupApi activeGroupApi() {
        return new ActiveGroupApi(issuer() + "/active-group");
    }

    /** A fresh user set up as the class comment says; returns its username (the password is {@link #PASSWORD}). */
    String createStandardUser() {
        String username = "user-" + UUID.randomUUID().toString().substring(0, 8);
        String id = createUser(username, Map.of("policies", List.of("self:read", "academic:read")));
        admin().users().get(id).roles().realmLevel().add(List.of(admin().roles().get("editor").toRepresentation()));
        joinGroup(username, "/university/faculty/physics");
        joinGroup(username, "/sports");
        return username;
    }

    String createUser(String username, Map<String, List<String>> attributes) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(username + "@" + name + ".example");
        user.setFirstName("Test");
        user.setLastName(username);
        user.setEnabled(true);
        user.setEmailVerified(true);
        user.setAttributes(new HashMap<>(attributes));
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(PASSWORD);
        credential.setTemporary(false);
        user.setCredentials(List.of(credential));
        try (Response response = admin().users().create(user)) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException("Creating user " + username + ": HTTP " + response.getStatus() + " "
                        + response.readEntity(String.class));
            }
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    String userId(String username) {
        return admin().users().searchByUsername(username, true).get(0).getId();
    }

    String groupId(String path) {
        return admin().getGroupByPath(path).getId();
    }

    void joinGroup(String username, String path) {
        admin().users().get(userId(username)).joinGroup(groupId(path));
    }

    void leaveGroup(String username, String path) {
        admin().users().get(userId(username)).leaveGroup(groupId(path));
    }

    /** A top-level group with policies, created after the realm (for tests that delete it again). */
    String createGroup(String groupName, String... policies) {
        GroupRepresentation group = new GroupRepresentation();
        group.setName(groupName);
        group.setAttributes(Map.of("policies", List.of(policies)));
        try (Response response = admin().groups().add(group)) {
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    @Override
    public void close() {
        server.admin().realm(name).remove();
    }

    /**
     * Creates the client scope {@value #ACTIVE_GROUP_SCOPE} (in the token's scope claim, no mappers) and makes it an
     * optional scope of every public client except {@link #WITHOUT_ACTIVE_GROUP_SCOPE}, as the acme template does.
     */
    private void grantActiveGroupScope() {
        ClientScopeRepresentation scope = new ClientScopeRepresentation();
        scope.setName(ACTIVE_GROUP_SCOPE);
        scope.setProtocol("openid-connect");
        scope.setAttributes(Map.of("include.in.token.scope", "true", "display.on.consent.screen", "true"));
        String scopeId;
        try (Response response = admin().clientScopes().create(scope)) {
            scopeId = CreatedResponseUtil.getCreatedId(response);
        }
        admin().clients().findAll().stream()
                .filter(client -> Boolean.TRUE.equals(client.isPublicClient()))
                .filter(client -> !client.getClientId().equals(WITHOUT_ACTIVE_GROUP_SCOPE))
                .filter(client -> client.getClientId().startsWith(APP))
                .forEach(client -> admin().clients().get(client.getId()).addOptionalClientScope(scopeId));
    }

    /** Keycloak 26 ignores attributes the user profile does not declare unless unmanaged attributes are enabled. */
    private void allowPolicyAttributesOnUsers() {
        UPConfig profile = admin().users().userProfile().getConfiguration();
        profile.setUnmanagedAttributePolicy(UPConfig.UnmanagedAttributePolicy.ADMIN_EDIT);
        admin().users().userProfile().update(profile);
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

    private static List<ClientRepresentation> clients(String apiServerSecret) {
        List<ClientRepresentation> clients = new ArrayList<>();
        clients.add(publicClient(APP, Map.of(), mapper(Map.of("roles.clients", API_SERVER))));
        clients.add(publicClient(PLAIN, Map.of(), null));
        clients.add(publicClient(WITHOUT_ACTIVE_GROUP_SCOPE, Map.of(), mapper(Map.of())));
        clients.add(publicClient(LIGHTWEIGHT_WITHOUT_CLAIMS, Map.of("client.use.lightweight.access.token.enabled", "true"),
                mapper(Map.of("lightweight.claim", "false"))));
        clients.add(publicClient(LIGHTWEIGHT_WITH_CLAIMS, Map.of("client.use.lightweight.access.token.enabled", "true"),
                mapper(Map.of("lightweight.claim", "true"))));
        clients.add(publicClient(ACCESS_TOKEN_ONLY, Map.of(), mapper(Map.of("id.token.claim", "false",
                "userinfo.token.claim", "false", "introspection.token.claim", "false"))));
        clients.add(publicClient(ACTIVE_GROUP_POLICIES, Map.of(), mapper(Map.of("groups.full.path", "false",
                "policies.active_group.only", "true", "policies.claim.name", "permissions",
                "active_group.claim.name", "tenant.group", "roles.claim", "false"))));
        clients.add(publicClient(SHORT_LIVED, Map.of("access.token.lifespan", "5"), mapper(Map.of())));
        ClientRepresentation apiServer = new ClientRepresentation();
        apiServer.setClientId(API_SERVER);
        apiServer.setEnabled(true);
        apiServer.setPublicClient(false);
        apiServer.setSecret(apiServerSecret);
        apiServer.setStandardFlowEnabled(false);
        apiServer.setDirectAccessGrantsEnabled(false);
        clients.add(apiServer);
        return clients;
    }

    private static ClientRepresentation publicClient(String clientId, Map<String, String> attributes,
                                                     ProtocolMapperRepresentation mapper) {
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
        Map<String, String> config = new HashMap<>(Map.of("access.token.claim", "true", "id.token.claim", "true",
                "userinfo.token.claim", "true", "introspection.token.claim", "true", "lightweight.claim", "false",
                "roles.clients", API_SERVER));
        config.putAll(overrides);
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName("groups, roles, policies, active group");
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper("oidc-policy-mapper");
        mapper.setConfig(config);
        return mapper;
    }

    private static MultivaluedHashMap<String, ComponentExportRepresentation> arangoDbFederation(
            KeycloakTestServer server, String realmName) {
        ComponentExportRepresentation federation = new ComponentExportRepresentation();
        federation.setName("ArangoDB users");
        federation.setProviderId("arangodb");
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        config.putSingle("enabled", "true");
        config.putSingle("priority", "0");
        config.putSingle("hosts", server.arango().hosts());
        config.putSingle("useTls", "false");
        config.putSingle("protocol", server.arango().protocol());
        String database = realmName.replace('-', '_');
        KeycloakTestServer.TenantAccount account = server.arango().tenantAccount(database);
        config.putSingle("user", account.user());
        config.putSingle("password", account.password());
        config.putSingle("database", database);
        config.putSingle("usersCollection", "users");
        config.putSingle("editMode", "WRITABLE");
        federation.setConfig(config);
        MultivaluedHashMap<String, ComponentExportRepresentation> components = new MultivaluedHashMap<>();
        components.add("org.keycloak.storage.UserStorageProvider", federation);
        return components;
    }
}
