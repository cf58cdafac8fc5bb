package dev.kcbundle.it.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kcbundle.it.Federation;
import dev.kcbundle.it.HttpJson;
import dev.kcbundle.it.TestRealm;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two tenants made from the template the documented way are isolated from each other. */
class TenantIsolationIT {

    @RegisterExtension
    static final TestRealm first = TestRealm.fromTemplate("first", Map.of());

    @RegisterExtension
    static final TestRealm second = TestRealm.fromTemplate("second", Map.of());

    @Test
    void eachTenantKeepsItsUsersInItsOwnArangoDatabase() {
        assertThat(storageDatabase(first)).isEqualTo(first.name());
        assertThat(storageDatabase(second)).isEqualTo(second.name());
    }

    @Test
    void theSameEmailMayLiveInTwoTenants() {
        String email = "shared.person@example.org";
        String inFirst = first.createUser("shared-person", email, "a-long-secret-1");
        String inSecond = second.createUser("shared-person", email, "another-secret-2");

        assertThat(first.admin().users().get(inFirst).toRepresentation().getEmail())
                .isEqualTo(email);
        assertThat(second.admin().users().get(inSecond).toRepresentation().getEmail())
                .isEqualTo(email);
    }

    @Test
    void aTokenOfOneTenantIsRejectedByTheOthersEndpoints() {
        String firstToken = first.clientCredentialsToken("micro-service-0", "openid academic:read")
                .get("access_token")
                .asText();

        assertThat(userInfo(first, firstToken).status()).as("own tenant").isEqualTo(200);
        assertThat(userInfo(second, firstToken).status()).as("other tenant").isEqualTo(401);
        HttpJson.Answer introspection =
                second.postForm("/protocol/openid-connect/token/introspect", "api-server", "token=" + firstToken);
        assertThat(introspection.body().get("active").asBoolean())
                .as("other tenant's introspection")
                .isFalse();
    }

    private static HttpJson.Answer userInfo(TestRealm tenant, String accessToken) {
        return HttpJson.send(HttpRequest.newBuilder(URI.create(tenant.issuer() + "/protocol/openid-connect/userinfo"))
                .header("Authorization", "Bearer " + accessToken));
    }

    private static String storageDatabase(TestRealm tenant) {
        return Federation.of(tenant.admin()).stream()
                .filter(component -> Federation.PROVIDER_ID.equals(component.getProviderId()))
                .findFirst()
                .orElseThrow()
                .getConfig()
                .getFirst("database");
    }
}
