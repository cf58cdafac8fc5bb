package dev.kcbundle.it;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kcbundle.launcher.RealmTemplate;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * A tenant realm made from {@code realm-export.json} the documented way ({@link RealmTemplate}, as the
 * {@code NewTenant} command does), with its own ArangoDB database and account ({@code kc_<realm>}), removed again by
 * {@link #close()}.
 */
public final class TenantRealm implements AutoCloseable {

    private final KeycloakTestServer server;
    private final String name;
    private final KeycloakTestServer.TenantAccount account;

    private TenantRealm(KeycloakTestServer server, String name, KeycloakTestServer.TenantAccount account) {
        this.server = server;
        this.name = name;
        this.account = account;
    }

    /**
     * Creates {@code <prefix>-<random>} from the template; {@code variables} fill the template's placeholders
     * (web app URLs, ...), the ArangoDB connection comes from the test run, the realm's own ArangoDB account is
     * provisioned with the test run's admin credential.
     */
    public static TenantRealm create(KeycloakTestServer server, String prefix, Map<String, String> variables) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> all = new HashMap<>(variables);
        KeycloakTestServer.TenantAccount account = server.arango().tenantAccount(name);
        all.put("ARANGODB_HOSTS", server.arango().hosts());
        all.put("ARANGODB_PROTOCOL", server.arango().protocol());
        all.put("ARANGODB_TENANT_PASSWORD", account.password());
        ObjectNode realm = RealmTemplate.load(KeycloakTestServer.projectFile("realm-export.json"))
                .forTenant(name, prefix, all);
        server.admin().realms().create(new ObjectMapper().convertValue(realm, RealmRepresentation.class));
        return new TenantRealm(server, name, account);
    }

    /** The realm's own ArangoDB account (read/write on its database, which is named like the realm). */
    public KeycloakTestServer.TenantAccount arangoAccount() {
        return account;
    }

    public String name() {
        return name;
    }

    public String issuer() {
        return server.realmUrl(name);
    }

    public RealmResource admin() {
        return server.admin().realm(name);
    }

    /** A user created through the admin API (so it lands where the realm keeps users: ArangoDB); returns its id. */
    public String createUser(String username, String password) {
        return createUser(username, username + "@" + name + ".example", password);
    }

    public String createUser(String username, String email, String password) {
        return AdminUsers.create(admin(), username, email, password);
    }

    /** A client-credentials token of a confidential client of this realm, as the token endpoint answers it. */
    public JsonNode clientCredentialsToken(String clientId, String scope) {
        String form = "grant_type=client_credentials&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8);
        HttpJson.Answer answer = postForm("/protocol/openid-connect/token", clientId, form);
        if (answer.status() != 200) {
            throw new IllegalStateException("Token request of " + clientId + ": HTTP " + answer.status() + " "
                    + answer.body());
        }
        return answer.body();
    }

    /** POSTs a form to an endpoint of this realm with a confidential client's credentials (HTTP Basic). */
    public HttpJson.Answer postForm(String realmPath, String clientId, String form) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + clientSecret(clientId))
                .getBytes(StandardCharsets.UTF_8));
        return HttpJson.send(HttpRequest.newBuilder(URI.create(issuer() + realmPath))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** The generated secret of a confidential client of this realm. */
    public String clientSecret(String clientId) {
        ClientRepresentation client = admin().clients().findByClientId(clientId).get(0);
        return admin().clients().get(client.getId()).getSecret().getValue();
    }

    @Override
    public void close() {
        server.admin().realm(name).remove();
    }
}
