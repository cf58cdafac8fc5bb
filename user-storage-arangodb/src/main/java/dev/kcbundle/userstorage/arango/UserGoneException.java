package dev.kcbundle.userstorage.arango;

import org.keycloak.models.ModelException;

/** A write found no user document: it was deleted since it was read. */
public class UserGoneException extends ModelException {

    public UserGoneException(String key) {
        super("User document " + key + " no longer exists in ArangoDB");
    }
}
