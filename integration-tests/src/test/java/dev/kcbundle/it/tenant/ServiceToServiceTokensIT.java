package dev.kcbundle.it.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcbundle.it.HttpJson;
import dev.kcbundle.it.TestRealm;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The template's microservice example: micro-service-0 asks for client-credentials tokens whose scopes grant read or
 * write on micro-service-1's academic data and micro-service-2's contact data; it gets only what its service account
 * holds, and the services check such tokens by introspection.
 */
class ServiceToServiceTokensIT {

    @RegisterExtension
    static final TestRealm tenant = TestRealm.fromTemplate("services", Map.of());

    @Test
    void grantedScopesNameTheServicesAsAudience() {
        JsonNode token = tenant.clientCredentialsToken("micro-service-0", "academic:write contact:read");
        JsonNode claims = HttpJson.jwtPayload(token.get("access_token").asText());

        assertThat(claims.get("scope").asText().split(" ")).contains("academic:write", "contact:read");
        assertThat(claims.get("aud").toString()).contains("micro-service-1", "micro-service-2");
        assertThat(claims.get("azp").asText()).isEqualTo("micro-service-0");
    }

    @Test
    void aScopeTheServiceAccountDoesNotHoldIsNotGranted() {
        JsonNode token = tenant.clientCredentialsToken("micro-service-0", "contact:write academic:read");
        JsonNode claims = HttpJson.jwtPayload(token.get("access_token").asText());

        assertThat(claims.get("scope").asText().split(" "))
                .contains("academic:read")
                .doesNotContain("contact:write");
        assertThat(claims.path("aud").toString()).contains("micro-service-1").doesNotContain("micro-service-2");
    }

    @Test
    void theCalledServiceValidatesTheTokenByIntrospection() {
        String accessToken = tenant.clientCredentialsToken("micro-service-0", "academic:read")
                .get("access_token")
                .asText();

        HttpJson.Answer introspection =
                tenant.postForm("/protocol/openid-connect/token/introspect", "micro-service-1", "token=" + accessToken);

        assertThat(introspection.status()).isEqualTo(200);
        assertThat(introspection.body().get("active").asBoolean()).isTrue();
        assertThat(introspection.body().get("scope").asText()).contains("academic:read");
        assertThat(introspection.body().get("client_id").asText()).isEqualTo("micro-service-0");
    }
}
