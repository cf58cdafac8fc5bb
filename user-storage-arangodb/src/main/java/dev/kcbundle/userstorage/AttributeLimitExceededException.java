package dev.kcbundle.userstorage;

import org.keycloak.storage.ReadOnlyException;

/**
 * A change to an existing user's custom attributes beyond {@link AttributeLimits}. A {@link ReadOnlyException}
 * because that is the model exception Keycloak's user profile passes on and its admin API's user update answers with
 * 400 and this message (any other exception becomes "Could not update user!").
 */
public class AttributeLimitExceededException extends ReadOnlyException {

    public AttributeLimitExceededException(String message) {
        super(message);
    }
}
