package dev.kcbundle.it.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcbundle.it.HttpJson;
import dev.kcbundle.it.KeycloakClusterTestServer;
import dev.kcbundle.it.TokenEndpoint;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
        return tokens(node).passwordGrant(CLIENT_ID, username, password, scope);
    }

    HttpJson.Answer refresh(int node, JsonNode tokenResponse) {
        return tokens(node)
                .refreshGrant(CLIENT_ID, tokenResponse.get("refresh_token").asText());
    }

    HttpJson.Answer userInfo(int node, JsonNode tokenResponse) {
        return HttpJson.send(
                HttpRequest.newBuilder(URI.create(cluster.realmUrl(node, REALM) + "/protocol/openid-connect/userinfo"))
                        .header(
                                "Authorization",
                                "Bearer " + tokenResponse.get("access_token").asText())
                        .GET());
    }

    /** RP-initiated logout with the refresh token, as a public client's back end does: 204 when the session ended. */
    HttpJson.Answer logout(int node, JsonNode tokenResponse) {
        String refreshToken =
                URLEncoder.encode(tokenResponse.get("refresh_token").asText(), StandardCharsets.UTF_8);
        return tokens(node)
                .post(
                        "/protocol/openid-connect/logout",
                        CLIENT_ID,
                        null,
                        "client_id=" + CLIENT_ID + "&refresh_token=" + refreshToken);
    }

    /** PUT /realms/acme/active-group on a node with an access token that has the active-group scope. */
    HttpJson.Answer selectActiveGroup(int node, JsonNode tokenResponse, String group) {
        return HttpJson.send(HttpRequest.newBuilder(URI.create(cluster.realmUrl(node, REALM) + "/active-group"))
                .header(
                        "Authorization",
                        "Bearer " + tokenResponse.get("access_token").asText())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"group\": \"" + group + "\"}")));
    }

    static JsonNode accessToken(HttpJson.Answer tokenResponse) {
        return HttpJson.jwtPayload(tokenResponse.body().get("access_token").asText());
    }

    /** acme's token endpoint on node {@code node}. */
    private TokenEndpoint tokens(int node) {
        return new TokenEndpoint(cluster.realmUrl(node, REALM));
    }
}
