package dev.kcbundle.it.cluster;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcbundle.it.HttpJson;
import dev.kcbundle.it.KeycloakClusterTestServer;
import org.keycloak.representations.idm.ClientRepresentation;

/**
 * The acme realm's OIDC endpoints on a chosen node, called as an app does, with a public test client that may use
 * the password grant (acme's own apps use the code flow only) and gets acme's token claims.
 */
final class AcmeOnNodes {

    static final String REALM = "acme";
    static final String CLIENT_ID = "cluster-test";

    private final KeycloakClusterTestServer cluster;

    AcmeOnNodes(KeycloakClusterTestServer cluster) {
        this.cluster = cluster;
    }

    /** Creates the test client once (the realm lives in the shared PostgreSQL, so every node sees it). */
    void createClient() {
        var clients = cluster.admin(1).realm(REALM).clients();
        if (!clients.findByClientId(CLIENT_ID).isEmpty()) {
            return;
        }
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(CLIENT_ID);
        client.setPublicClient(true);
        client.setDirectAccessGrantsEnabled(true);
        client.setStandardFlowEnabled(false);
        client.setDefaultClientScopes(List.of("basic", "profile", "email", "roles", "tenant-authorization"));
        client.setOptionalClientScopes(List.of("active-group"));
        clients.create(client).close();
    }

    HttpJson.Answer login(int node, String username, String password, String scope) {
        return token(node, "grant_type=password&client_id=" + CLIENT_ID + "&scope=" + encode(scope)
                + "&username=" + encode(username) + "&password=" + encode(password));
    }

    HttpJson.Answer refresh(int node, JsonNode tokenResponse) {
        return token(node, "grant_type=refresh_token&client_id=" + CLIENT_ID + "&refresh_token="
                + encode(tokenResponse.get("refresh_token").asText()));
    }

    HttpJson.Answer userInfo(int node, JsonNode tokenResponse) {
        return HttpJson.send(HttpRequest.newBuilder(URI.create(cluster.realmUrl(node, REALM)
                        + "/protocol/openid-connect/userinfo"))
                .header("Authorization", "Bearer " + tokenResponse.get("access_token").asText()).GET());
    }

    /** RP-initiated logout with the refresh token, as a public client's back end does: 204 when the session ended. */
    HttpJson.Answer logout(int node, JsonNode tokenResponse) {
        return post(node, "/protocol/openid-connect/logout", "client_id=" + CLIENT_ID + "&refresh_token="
                + encode(tokenResponse.get("refresh_token").asText()));
    }

    /** PUT /realms/acme/active-group on a node with an access token that has the active-group scope. */
    HttpJson.Answer selectActiveGroup(int node, JsonNode tokenResponse, String group) {
        return HttpJson.send(HttpRequest.newBuilder(URI.create(cluster.realmUrl(node, REALM) + "/active-group"))
                .header("Authorization", "Bearer " + tokenResponse.get("access_token").asText())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"group\": \"" + group + "\"}")));
    }

    static JsonNode accessToken(HttpJson.Answer tokenResponse) {
        return HttpJson.jwtPayload(tokenResponse.body().get("access_token").asText());
    }

    private HttpJson.Answer token(int node, String form) {
        return post(node, "/protocol/openid-connect/token", form);
    }

    private HttpJson.Answer post(int node, String path, String form) {
        return HttpJson.send(HttpRequest.newBuilder(URI.create(cluster.realmUrl(node, REALM) + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
