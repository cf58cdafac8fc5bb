package dev.kcbundle.userstorage;

import org.keycloak.storage.ReadOnlyException;

/**
 * A change to a user's custom attributes beyond {@link AttributeLimits}. A {@link ReadOnlyException} because that is
 * the model exception Keycloak's user profile passes on and its admin API answers with 400 and this message (any
 * other exception becomes "Could not update user!" or a 500); creating a user with too many values answers 400
 * "Could not create user" and writes nothing.
 */
public class AttributeLimitExceededException extends ReadOnlyException {

    public AttributeLimitExceededException(String message) {
        super(message);
    }
}
