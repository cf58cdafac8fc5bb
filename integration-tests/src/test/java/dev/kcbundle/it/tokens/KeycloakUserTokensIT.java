package dev.kcbundle.it.tokens;

import dev.kcbundle.it.TestRealm;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The token contract for users stored in Keycloak's own database. */
class KeycloakUserTokensIT extends PolicyTokensContract {

    @RegisterExtension
    static final TestRealm keycloakUsers = PolicyScenario.realm("tokens-local", false);

    @Override
    TestRealm policyRealm() {
        return keycloakUsers;
    }
}
