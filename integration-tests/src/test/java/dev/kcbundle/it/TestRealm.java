package dev.kcbundle.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcbundle.it.storage.ArangoHttp;
import dev.kcbundle.launcher.RealmTemplate;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.storage.CacheableStorageProviderModel.CachePolicy;
import org.keycloak.storage.UserStorageProvider.EditMode;

/**
 * A realm of its own for one test class, on the test run's Keycloak: blank or made from {@code realm-export.json}
 * (as the {@code NewTenant} command makes a tenant), optionally with its users in ArangoDB through the
 * {@code arangodb} federation on a database and account of its own ({@code kc_<realm>}, never the admin). As a JUnit 5
 * extension it is created before the class's {@code @BeforeAll} methods and deleted after its {@code @AfterAll}
 * methods, also when a test fails; the ArangoDB data stays, as in production.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final TestRealm realm = TestRealm.blank("storage").withArangoUsers(EditMode.WRITABLE);
 * }</pre>
 */
public final class TestRealm implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    /** The public client of a blank realm: direct access grants, and the code flow back to {@link #REDIRECT_URI}. */
    public static final String CLIENT_ID = "test-client";

    public static final String REDIRECT_URI = "http://localhost/callback";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String prefix;
    /** The template's placeholders; null for a blank realm. */
    private final Map<String, String> templateVariables;

    private final List<Consumer<RealmRepresentation>> settings = new ArrayList<>();
    private final List<Consumer<TestRealm>> afterCreation = new ArrayList<>();
    private UPConfig.UnmanagedAttributePolicy unmanagedAttributes;
    private EditMode arangoUsers;
    private CachePolicy cachePolicy = CachePolicy.DEFAULT;

    private KeycloakTestServer server;
    private String name;
    private String federationId;
    private KeycloakTestServer.TenantAccount account;
    private ArangoHttp documents;

    private TestRealm(String prefix, Map<String, String> templateVariables) {
        this.prefix = prefix;
        this.templateVariables = templateVariables;
    }

    /**
     * A realm {@code <prefix>-<random>} with registration, login by email, events and the public client
     * {@value #CLIENT_ID}; users stay in Keycloak unless {@link #withArangoUsers}.
     */
    public static TestRealm blank(String prefix) {
        return new TestRealm(prefix, null);
    }

    /**
     * A realm {@code <prefix>-<random>} from the template {@code realm-export.json} with its ArangoDB federation;
     * {@code variables} fill the template's placeholders (web app URLs, ...).
     */
    public static TestRealm fromTemplate(String prefix, Map<String, String> variables) {
        return new TestRealm(prefix, Map.copyOf(variables));
    }

    /** Users in ArangoDB: an {@code arangodb} federation in {@code editMode} (a blank realm only). */
    public TestRealm withArangoUsers(EditMode editMode) {
        return withArangoUsers(editMode, CachePolicy.DEFAULT);
    }

    public TestRealm withArangoUsers(EditMode editMode, CachePolicy policy) {
        requireBlank("an arangodb federation of its own");
        this.arangoUsers = editMode;
        this.cachePolicy = policy;
        return this;
    }

    /** The user profile's unmanaged attribute policy (policies, active_group, ... on users); blank: ENABLED. */
    public TestRealm withUnmanagedAttributes(UPConfig.UnmanagedAttributePolicy policy) {
        this.unmanagedAttributes = policy;
        return this;
    }

    /** Changes the realm representation before it is created: roles, groups, clients, realm settings. */
    public TestRealm with(Consumer<RealmRepresentation> change) {
        settings.add(change);
        return this;
    }

    /** Runs after the realm (and its federation) exists, before the test class's {@code @BeforeAll} methods. */
    public TestRealm afterCreation(Consumer<TestRealm> step) {
        afterCreation.add(step);
        return this;
    }

    /** Creates the realm now (the extension does this before all tests); removed again by {@link #close()}. */
    public TestRealm create() {
        if (name != null) {
            throw new IllegalStateException("realm " + name + " exists already");
        }
        server = KeycloakTestServer.shared();
        String realmName = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        account = templateVariables != null || arangoUsers != null
                ? server.arango().tenantAccount(realmName)
                : null;
        server.admin().realms().create(representation(realmName));
        name = realmName;
        try {
            if (unmanagedAttributes != null || templateVariables == null) {
                UPConfig profile = admin().users().userProfile().getConfiguration();
                profile.setUnmanagedAttributePolicy(
                        unmanagedAttributes != null ? unmanagedAttributes : UPConfig.UnmanagedAttributePolicy.ENABLED);
                admin().users().userProfile().update(profile);
            }
            if (templateVariables != null) {
                federationId = RealmTemplate.federationComponentId(name);
            } else if (arangoUsers != null) {
                federationId =
                        Federation.add(admin(), server.arango().hosts(), account, database(), arangoUsers, cachePolicy);
            }
            afterCreation.forEach(step -> step.accept(this));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    private RealmRepresentation representation(String realmName) {
        RealmRepresentation realm;
        if (templateVariables == null) {
            realm = new RealmRepresentation();
            realm.setRealm(realmName);
            realm.setEnabled(true);
            realm.setRegistrationAllowed(true);
            realm.setLoginWithEmailAllowed(true);
            realm.setDuplicateEmailsAllowed(false);
            realm.setEventsEnabled(true);
            ClientRepresentation client = new ClientRepresentation();
            client.setClientId(CLIENT_ID);
            client.setPublicClient(true);
            client.setDirectAccessGrantsEnabled(true);
            client.setStandardFlowEnabled(true);
            client.setRedirectUris(List.of(REDIRECT_URI));
            realm.setClients(new ArrayList<>(List.of(client)));
        } else {
            Map<String, String> variables = new HashMap<>(templateVariables);
            variables.put("ARANGODB_HOSTS", server.arango().hosts());
            variables.put("ARANGODB_PROTOCOL", server.arango().protocol());
            variables.put("ARANGODB_TENANT_PASSWORD", account.password());
            realm = JSON.convertValue(
                    RealmTemplate.load(KeycloakTestServer.projectFile("realm-export.json"))
                            .forTenant(realmName, prefix, variables),
                    RealmRepresentation.class);
        }
        settings.forEach(change -> change.accept(realm));
        return realm;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        create();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Deletes the realm (when it was created); it may be created again. */
    @Override
    public void close() {
        if (name != null) {
            try {
                server.admin().realm(name).remove();
            } finally {
                name = null;
                federationId = null;
                documents = null;
            }
        }
    }

    public KeycloakTestServer server() {
        return requireCreated(server);
    }

    public String name() {
        return requireCreated(name);
    }

    /** The realm's ArangoDB database: named like the realm. */
    public String database() {
        return name();
    }

    public String issuer() {
        return server().realmUrl(name());
    }

    /** The realm's admin API, as the master realm's admin. */
    public RealmResource admin() {
        return server().admin().realm(name());
    }

    /** The id of the realm's {@code arangodb} federation (none: an IllegalStateException). */
    public String federationId() {
        return requireCreated(federationId);
    }

    /** The realm's own ArangoDB account, which its federation signs in with (read/write on its database only). */
    public KeycloakTestServer.TenantAccount arangoAccount() {
        return requireCreated(account);
    }

    /** The realm's {@code arangodb} federation as stored (the master admin's view). */
    public ComponentRepresentation federation() {
        return admin().components().component(federationId()).toRepresentation();
    }

    /** Saves the federation with these settings changed, as an admin does in the console (the password stays). */
    public void updateFederation(Map<String, String> settings) {
        Federation.update(admin(), federationId(), settings);
    }

    /** The realm's token, userinfo and introspection endpoints. */
    public TokenEndpoint tokens() {
        return new TokenEndpoint(issuer());
    }

    /** Password grant of the public client {@value #CLIENT_ID}, scope openid, the answer as it is. */
    public HttpJson.Answer passwordGrant(String username, String password) {
        return tokens().passwordGrant(CLIENT_ID, username, password, "openid");
    }

    /** The login page's URL: the code flow of {@value #CLIENT_ID} back to {@value #REDIRECT_URI}. */
    public String authUrl() {
        return issuer() + "/protocol/openid-connect/auth?client_id=" + CLIENT_ID + "&response_type=code&scope=openid"
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT_URI, StandardCharsets.UTF_8);
    }

    /** A client-credentials token response of a confidential client of this realm. */
    public JsonNode clientCredentialsToken(String clientId, String scope) {
        return tokens().clientCredentials(clientId, clientSecret(clientId), scope);
    }

    /** POSTs a form to an endpoint of this realm as a confidential client of this realm (HTTP Basic). */
    public HttpJson.Answer postForm(String realmPath, String clientId, String form) {
        return tokens().post(realmPath, clientId, clientSecret(clientId), form);
    }

    /** The generated secret of a confidential client of this realm. */
    public String clientSecret(String clientId) {
        ClientRepresentation client = admin().clients().findByClientId(clientId).get(0);
        return admin().clients().get(client.getId()).getSecret().getValue();
    }

    /** A user created through the admin API (so it lands where the realm keeps users); returns its id. */
    public String createUser(String username, String email, String password) {
        return AdminUsers.create(admin(), username, email, password);
    }

    /** {@link #createUser(String, String, String)} with the email {@code <username>@<realm>.example}. */
    public String createUser(String username, String password) {
        return createUser(username, username + "@" + name() + ".example", password);
    }

    public UserResource user(String id) {
        return admin().users().get(id);
    }

    public String userId(String username) {
        return admin().users().searchByUsername(username, true).get(0).getId();
    }

    public String groupId(String path) {
        return admin().getGroupByPath(path).getId();
    }

    /** The ArangoDB document of a user (by its lower-case username), or null. */
    public Map<String, Object> document(String username) {
        return documents().userByUsername(username);
    }

    /** The realm's ArangoDB database over ArangoDB's HTTP API, as the operator (to look behind the provider). */
    public ArangoHttp documents() {
        if (documents == null) {
            KeycloakTestServer.ArangoConnection arango = server().arango();
            documents = new ArangoHttp(arango.hosts(), arango.user(), arango.password(), database());
        }
        return documents;
    }

    /**
     * One call to this realm's admin REST API ({@code /admin/realms/<realm><path>}) as the console makes it, with the
     * admin's token; the answer as it is (status and JSON body).
     */
    public HttpJson.Answer adminCall(String method, String path, Object body) {
        try {
            HttpRequest.BodyPublisher publisher = body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
            URI uri = URI.create(server().baseUrl() + "/admin/realms/" + name() + path);
            return HttpJson.send(HttpRequest.newBuilder(uri)
                    .header(
                            "Authorization",
                            "Bearer " + server().admin().tokenManager().getAccessTokenString())
                    .header("Content-Type", "application/json")
                    .method(method, publisher));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code body} under the realm password policy {@code policy}, then restores the policy the realm had. */
    public void withPasswordPolicy(String policy, Runnable body) {
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

    private void requireBlank(String what) {
        if (templateVariables != null) {
            throw new IllegalStateException("a realm from the template has its federation already, not " + what);
        }
    }

    private <T> T requireCreated(T value) {
        if (name == null) {
            throw new IllegalStateException("the test realm " + prefix + "-* is not created (register it with "
                    + "@RegisterExtension, or call create())");
        }
        if (value == null) {
            throw new IllegalStateException("realm " + name + " has no arangodb federation (withArangoUsers)");
        }
        return value;
    }
}
