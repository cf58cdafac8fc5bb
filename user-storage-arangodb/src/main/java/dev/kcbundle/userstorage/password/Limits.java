package dev.kcbundle.userstorage.password;

/**
 * The largest costs a stored hash may ask for. Any tenant's imported data reaches these checks, and every login
 * attempt (also a wrong password) pays the stored cost on Keycloak's shared CPU and heap; beyond these bounds a hash is
 * refused (the user resets the password). Each bound is well above the library defaults of 2026.
 */
final class Limits {

    /** Longer strings are no hash of the supported formats (a PBKDF2-SHA512 one is about 200 characters). */
    static final int MAX_ENCODED_LENGTH = 1024;
    /** bcrypt cost (log2 of the rounds): Go, Node and PHP default to 10, 2^16 rounds take seconds. */
    static final int MAX_BCRYPT_COST = 16;
    /** PBKDF2 iterations: Django 5.2 uses 1,000,000, Werkzeug 3.1 1,000,000, passlib 29,000. */
    static final int MAX_PBKDF2_ITERATIONS = 10_000_000;
    /** argon2 memory in KiB (256 MiB): argon2-cffi's default is 64 MiB, Keycloak's own 7 MiB. */
    static final int MAX_ARGON2_MEMORY_KIB = 256 * 1024;

    static final int MAX_ARGON2_ITERATIONS = 32;
    static final int MAX_ARGON2_PARALLELISM = 16;
    /** Salt and hash lengths in bytes. */
    static final int MIN_SALT_BYTES = 8;

    static final int MAX_SALT_BYTES = 256;
    static final int MIN_HASH_BYTES = 16;
    static final int MAX_HASH_BYTES = 256;

    private Limits() {}

    /** A decimal number in [min, max], or the exception naming {@code what}. */
    static int number(String text, int min, int max, String family, String what) throws UnsupportedHashException {
        if (text == null
                || text.isEmpty()
                || text.length() > 10
                || !text.chars().allMatch(Character::isDigit)) {
            throw new UnsupportedHashException(family, what + " is not a number");
        }
        long value = Long.parseLong(text);
        if (value < min || value > max) {
            throw new UnsupportedHashException(family, what + " " + value + " is outside " + min + ".." + max);
        }
        return (int) value;
    }

    /** Salt or hash bytes within the bounds. */
    static byte[] length(byte[] bytes, int min, int max, String family, String what) throws UnsupportedHashException {
        if (bytes.length < min || bytes.length > max) {
            throw new UnsupportedHashException(
                    family, what + " has " + bytes.length + " bytes, not " + min + ".." + max);
        }
        return bytes;
    }
}
