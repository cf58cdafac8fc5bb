package dev.kcbundle.userstorage;

/**
 * A change to a user could not be written because other requests kept changing the same document in between (see
 * {@link UserWrites}, which answers it with HTTP 409). Not a {@code ModelException}: Keycloak's admin API turns those
 * into 400.
 */
public class ConcurrentChangeException extends RuntimeException {

    public ConcurrentChangeException(String message, Throwable cause) {
        super(message, cause);
    }
}
