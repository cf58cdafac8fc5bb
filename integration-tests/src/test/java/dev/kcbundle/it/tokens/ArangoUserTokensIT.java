package dev.kcbundle.it.tokens;

import org.junit.jupiter.api.Disabled;

/** The same token contract for users stored in ArangoDB through the {@code arangodb} user federation. */
@Disabled("needs feat/storage")
class ArangoUserTokensIT extends PolicyTokensContract {

    @Override
    boolean usersInArangoDb() {
        return true;
    }
}
