package dev.kcbundle.userstorage.password;

/**
 * A stored hash that cannot be verified: an unknown format, a garbled string or parameters beyond {@link Limits}.
 * The message names the format family and the reason, never the hash, its salt or any part of them.
 */
public final class UnsupportedHashException extends Exception {

    static final String UNKNOWN_FAMILY = "unknown format";

    private final String family;

    UnsupportedHashException(String family, String reason) {
        super(family + " hash: " + reason);
        this.family = family;
    }

    /** The format family ("bcrypt", "argon2id", ..., or "unknown format"). */
    public String family() {
        return family;
    }
}
