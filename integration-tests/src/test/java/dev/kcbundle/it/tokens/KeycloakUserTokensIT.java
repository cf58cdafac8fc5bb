package dev.kcbundle.it.tokens;

/** The token contract for users stored in Keycloak's own database. */
class KeycloakUserTokensIT extends PolicyTokensContract {

    @Override
    boolean usersInArangoDb() {
        return false;
    }
}
