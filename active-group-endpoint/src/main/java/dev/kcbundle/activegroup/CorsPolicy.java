package dev.kcbundle.activegroup;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Set;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.utils.WebOriginsUtils;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.cors.Cors;

/**
 * CORS through Keycloak's own {@link Cors} helper, honouring the web origins of the calling client.
 *
 * <p>A preflight carries no token, so it cannot name the client: it is answered for an origin that is a valid web
 * origin of at least one enabled client of the realm, and left without CORS headers (the browser then refuses) for any
 * other. The request itself is checked against the web origins of the client its token was issued for; a foreign origin
 * is refused with 403 before anything changes.
 */
final class CorsPolicy {

    static final String[] METHODS = {"GET", "PUT", "DELETE", "OPTIONS"};

    private CorsPolicy() {}

    static void preflight(KeycloakSession session) {
        String origin = session.getContext().getRequestHeaders().getHeaderString(Cors.ORIGIN_HEADER);
        if (origin != null && isWebOriginOfAnyClient(session, origin)) {
            Cors.builder().auth().allowedMethods(METHODS).preflight().add();
        }
    }

    static void forRequest(AccessToken token) {
        try {
            Cors.builder()
                    .checkAllowedOrigins(token)
                    .allowedMethods(METHODS)
                    .auth()
                    .exposedHeaders(HttpHeaders.WWW_AUTHENTICATE)
                    .add();
        } catch (ForbiddenException e) {
            throw ApiError.invalidOrigin("Origin is not a web origin of client " + token.getIssuedFor());
        }
    }

    private static boolean isWebOriginOfAnyClient(KeycloakSession session, String origin) {
        return session.getContext()
                .getRealm()
                .getClientsStream()
                .filter(ClientModel::isEnabled)
                .map(client -> WebOriginsUtils.resolveValidWebOrigins(session, client))
                .anyMatch(origins -> allows(origins, origin));
    }

    private static boolean allows(Set<String> origins, String origin) {
        return origins.contains(origin) || origins.contains(Cors.ACCESS_CONTROL_ALLOW_ORIGIN_WILDCARD);
    }
}
