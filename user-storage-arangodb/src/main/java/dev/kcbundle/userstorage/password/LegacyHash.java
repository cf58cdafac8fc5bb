package dev.kcbundle.userstorage.password;

/**
 * A password hash as another application stored it, verified with the parameters it carries. {@link #parse} knows
 * <ul>
 *   <li>bcrypt: {@code $2a$}, {@code $2b$}, {@code $2y$} (Go's x/crypto, Node's bcrypt and bcryptjs, PHP, Spring);</li>
 *   <li>PBKDF2-HMAC-SHA256 and -SHA512: passlib's {@code $pbkdf2-sha256$<rounds>$<salt>$<hash>} (its adapted base64),
 *       Django's {@code pbkdf2_sha256$<iterations>$<salt>$<hash>} (and {@code pbkdf2_sha512} of the same shape) and
 *       Werkzeug's {@code pbkdf2:sha256:<iterations>$<salt>$<hex hash>};</li>
 *   <li>argon2 PHC strings: {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>}, also argon2i and
 *       argon2d, version 19 or 16 (a string without {@code v=} is version 16, as in the reference implementation).</li>
 * </ul>
 * Costs are bounded ({@link Limits}), so a stored hash cannot make one login take minutes or gigabytes. Every failure
 * to read a hash is an {@link UnsupportedHashException} naming the format family and the reason, never the hash.
 */
public interface LegacyHash {

    /** The format family, for log lines: "bcrypt", "pbkdf2-sha256 (passlib)", "argon2id", ... */
    String family();

    /** Whether {@code password} (UTF-8) is the one hashed; the comparison takes constant time. */
    boolean verify(String password);

    /** Reads a stored hash; throws when its format or parameters are not supported. */
    static LegacyHash parse(String encoded) throws UnsupportedHashException {
        if (encoded == null || encoded.isBlank()) {
            throw new UnsupportedHashException(UnsupportedHashException.UNKNOWN_FAMILY, "the hash is empty");
        }
        if (encoded.length() > Limits.MAX_ENCODED_LENGTH) {
            throw new UnsupportedHashException(
                    UnsupportedHashException.UNKNOWN_FAMILY,
                    "the hash is longer than " + Limits.MAX_ENCODED_LENGTH + " characters");
        }
        if (encoded.startsWith("$2")) {
            return BcryptHash.parse(encoded);
        }
        if (encoded.startsWith("$argon2")) {
            return Argon2Hash.parse(encoded);
        }
        if (encoded.startsWith("$pbkdf2") || encoded.startsWith("pbkdf2_") || encoded.startsWith("pbkdf2:")) {
            return Pbkdf2Hash.parse(encoded);
        }
        throw new UnsupportedHashException(
                UnsupportedHashException.UNKNOWN_FAMILY,
                "not a bcrypt, PBKDF2 (passlib, Django, Werkzeug) or argon2 PHC string");
    }
}
