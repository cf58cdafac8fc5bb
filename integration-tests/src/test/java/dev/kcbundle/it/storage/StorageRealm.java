package dev.kcbundle.it.storage;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcbundle.it.AdminUsers;
import dev.kcbundle.it.HttpJson;
import dev.kcbundle.it.KeycloakTestServer;
import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.userprofile.config.UPConfig;

/**
 * A realm of its own for one storage test class: user federation {@code arangodb} configured through the admin REST
 * API with its own ArangoDB database and account ({@code kc_<realm>}, never the admin), a public test client with
 * direct access grants, and ArangoDB's HTTP API (as the admin) to look at the documents themselves. {@link #close()} removes the realm (the ArangoDB data stays, as in production).
 */
final class StorageRealm implements AutoCloseable {

    static final String CLIENT_ID = "storage-test";
    private static final String CALLBACK = "http://localhost/callback";
    static final String STORAGE_TYPE = "org.keycloak.storage.UserStorageProvider";
    private static final ObjectMapper JSON = new ObjectMapper();

    final KeycloakTestServer server;
    final String name;
    final String database;
    final String componentId;
    /** The realm's own ArangoDB account, which its federation signs in with (read/write on its database only). */
    final KeycloakTestServer.TenantAccount account;
    private final ArangoHttp arango;

    private StorageRealm(KeycloakTestServer server, String name, String componentId,
                         KeycloakTestServer.TenantAccount account, ArangoHttp arango) {
        this.server = server;
        this.name = name;
        this.database = name;
        this.componentId = componentId;
        this.account = account;
        this.arango = arango;
    }

    static StorageRealm create(String prefix, String editMode) {
        return create(prefix, editMode, "DEFAULT");
    }

    static StorageRealm create(String prefix, String editMode, String cachePolicy) {
        KeycloakTestServer server = KeycloakTestServer.shared();
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        RealmRepresentation realm = new RealmRepresentation();
        realm.setRealm(name);
        realm.setEnabled(true);
        realm.setRegistrationAllowed(true);
        realm.setLoginWithEmailAllowed(true);
        realm.setDuplicateEmailsAllowed(false);
        realm.setEventsEnabled(true);
        server.admin().realms().create(realm);
        RealmResource admin = server.admin().realm(name);
        // custom attributes (policies, active_group, ...) are edited through the admin API like in the tenant template
        UPConfig profile = admin.users().userProfile().getConfiguration();
        profile.setUnmanagedAttributePolicy(UPConfig.UnmanagedAttributePolicy.ENABLED);
        admin.users().userProfile().update(profile);

        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(CLIENT_ID);
        client.setPublicClient(true);
        client.setDirectAccessGrantsEnabled(true);
        client.setStandardFlowEnabled(true);
        client.setRedirectUris(List.of(CALLBACK));
        admin.clients().create(client).close();

        ComponentRepresentation component = new ComponentRepresentation();
        component.setName("ArangoDB users");
        component.setProviderId("arangodb");
        component.setProviderType(STORAGE_TYPE);
        component.setParentId(admin.toRepresentation().getId());
        component.setConfig(new org.keycloak.common.util.MultivaluedHashMap<>());
        component.getConfig().putSingle("hosts", server.arango().hosts());
        component.getConfig().putSingle("useTls", "false");
        component.getConfig().putSingle("protocol", server.arango().protocol());
        KeycloakTestServer.TenantAccount account = server.arango().tenantAccount(name);
        component.getConfig().putSingle("user", account.user());
        component.getConfig().putSingle("password", account.password());
        component.getConfig().putSingle("database", name);
        component.getConfig().putSingle("usersCollection", "users");
        component.getConfig().putSingle("editMode", editMode);
        component.getConfig().putSingle("cachePolicy", cachePolicy);
        component.getConfig().putSingle("enabled", "true");
        component.getConfig().putSingle("priority", "0");
        String componentId;
        try (Response response = admin.components().add(component)) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException("arangodb component: HTTP " + response.getStatus() + " "
                        + response.readEntity(String.class));
            }
            componentId = CreatedResponseUtil.getCreatedId(response);
        }
        return new StorageRealm(server, name, componentId, account,
                new ArangoHttp(server.arango().hosts(), server.arango().user(), server.arango().password(), name));
    }

    RealmResource admin() {
        return server.admin().realm(name);
    }

    /** The users collection of this realm's database, over ArangoDB's HTTP API. */
    ArangoHttp users() {
        return arango;
    }

    /** The ArangoDB document of a user (by normalized username), or null. */
    Map<String, Object> document(String username) {
        return arango.userByUsername(username);
    }

    long documentsWithEmail(String email) {
        return arango.usersWithEmail(email);
    }

    /** Creates a user through the admin API (the admin console's "Create user"); returns its Keycloak id. */
    String createUser(String username, String email, String password) {
        return AdminUsers.create(admin(), username, email, password);
    }

    UserResource user(String id) {
        return admin().users().get(id);
    }

    /** Resource owner password grant at the token endpoint of this realm. */
    HttpJson.Answer passwordGrant(String username, String password) {
        String form = "grant_type=password&client_id=" + CLIENT_ID + "&scope=openid"
                + "&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return HttpJson.send(HttpRequest.newBuilder(URI.create(server.realmUrl(name) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /**
     * A browser's sign-in without a browser: the login form submitted, then the code from the callback exchanged at
     * the token endpoint (the request that builds the tokens, after the one that checked the password).
     */
    HttpJson.Answer codeFlowLogin(String username, String password) {
        LoginPages browser = new LoginPages();
        LoginPages.Page callback = browser.submit(browser.open(authUrl()), "#kc-form-login",
                Map.of("username", username, "password", password));
        if (!LoginPages.reachedCallback(callback)) {
            throw new IllegalStateException("no code for " + username + ": " + callback.uri() + " " + callback.messages());
        }
        String code = Arrays.stream(callback.uri().getQuery().split("&"))
                .filter(parameter -> parameter.startsWith("code=")).findFirst().orElseThrow().substring(5);
        String form = "grant_type=authorization_code&client_id=" + CLIENT_ID
                + "&code=" + URLEncoder.encode(code, StandardCharsets.UTF_8)
                + "&redirect_uri=" + URLEncoder.encode(CALLBACK, StandardCharsets.UTF_8);
        return HttpJson.send(HttpRequest.newBuilder(URI.create(server.realmUrl(name) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /**
     * One call to this realm's admin REST API ({@code /admin/realms/<realm><path>}) as the console makes it, with the
     * admin's token; the answer as it is (status and JSON body).
     */
    HttpJson.Answer adminCall(String method, String path, Object body) {
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
            return HttpJson.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/admin/realms/" + name + path))
                    .header("Authorization", "Bearer " + server.admin().tokenManager().getAccessTokenString())
                    .header("Content-Type", "application/json")
                    .method(method, publisher));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code body} under the realm password policy {@code policy}, then restores the policy the realm had. */
    void withPasswordPolicy(String policy, Runnable body) {
        String previous = admin().toRepresentation().getPasswordPolicy();
        setPasswordPolicy(policy);
        try {
            body.run();
        } finally {
            setPasswordPolicy(previous == null ? "" : previous); // null would mean "unchanged"
        }
    }

    private void setPasswordPolicy(String policy) {
        RealmRepresentation settings = admin().toRepresentation();
        settings.setPasswordPolicy(policy);
        admin().update(settings);
    }

    /** Saves the federation with these settings changed, as an admin does in the console (the password stays). */
    void updateComponent(Map<String, String> settings) {
        ComponentRepresentation component = admin().components().component(componentId).toRepresentation();
        settings.forEach(component.getConfig()::putSingle);
        admin().components().component(componentId).update(component);
    }

    /** Empties Keycloak's user cache of this realm, so the next lookup reads ArangoDB. */
    void clearUserCache() {
        admin().clearUserCache();
    }

    String authUrl() {
        return server.realmUrl(name) + "/protocol/openid-connect/auth?client_id=" + CLIENT_ID
                + "&response_type=code&scope=openid&redirect_uri="
                + URLEncoder.encode(CALLBACK, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        admin().remove();
    }
}
