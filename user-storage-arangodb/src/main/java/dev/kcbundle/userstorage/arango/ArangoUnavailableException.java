package dev.kcbundle.userstorage.arango;

import org.keycloak.models.ModelException;

/** ArangoDB could not be reached or refused the request; the message is safe to show and log (no secrets). */
public class ArangoUnavailableException extends ModelException {

    public ArangoUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
