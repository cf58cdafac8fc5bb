package dev.kcbundle.userstorage.arango;

import org.keycloak.models.ModelException;

/** A conditional write found the user document changed since it was read (ArangoDB error 1200, HTTP 412). */
public class RevisionConflictException extends ModelException {

    public RevisionConflictException(String key, Throwable cause) {
        super("User document " + key + " was changed by another request since it was read", cause);
    }
}
