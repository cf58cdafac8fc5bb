package dev.kcbundle.userstorage.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * PBKDF2-HMAC-SHA256 or -SHA512 (RFC 8018) in the encodings of three common libraries:
 * <ul>
 *   <li>passlib: {@code $pbkdf2-sha256$<rounds>$<salt>$<hash>}, salt and hash in passlib's adapted base64
 *       ({@code .} for {@code +}, no padding);</li>
 *   <li>Django: {@code pbkdf2_sha256$<iterations>$<salt>$<hash>}, the salt used as its UTF-8 text, the hash in
 *       standard base64 ({@code pbkdf2_sha512} of the same shape for subclassed hashers);</li>
 *   <li>Werkzeug: {@code pbkdf2:sha256:<iterations>$<salt>$<hash>}, the salt as its text, the hash in hex.</li>
 * </ul>
 * The hash is the digest's full length (32 or 64 bytes), as all three write it. Computed with BouncyCastle's PKCS5S2 generator on the password's
 * UTF-8 bytes (as all three libraries do), compared in constant time.
 */
final class Pbkdf2Hash implements LegacyHash {

    private final String family;
    private final String digest;
    private final int iterations;
    private final byte[] salt;
    private final byte[] expected;

    private Pbkdf2Hash(String family, String digest, int iterations, byte[] salt, byte[] expected) {
        this.family = family;
        this.digest = digest;
        this.iterations = iterations;
        this.salt = salt;
        this.expected = expected;
    }

    static Pbkdf2Hash parse(String encoded) throws UnsupportedHashException {
        if (encoded.startsWith("$pbkdf2")) {
            return passlib(encoded);
        }
        if (encoded.startsWith("pbkdf2_")) {
            return django(encoded);
        }
        return werkzeug(encoded);
    }

    /** {@code $pbkdf2-sha256$29000$<ab64 salt>$<ab64 hash>} */
    private static Pbkdf2Hash passlib(String encoded) throws UnsupportedHashException {
        String[] parts = encoded.split("\\$", -1);
        String digest = parts[1].startsWith("pbkdf2-") ? parts[1].substring("pbkdf2-".length()) : "sha1";
        String family = family(digest, "passlib");
        if (parts.length != 5 || !parts[0].isEmpty()) {
            throw new UnsupportedHashException(family, "not of the form $pbkdf2-<digest>$<rounds>$<salt>$<hash>");
        }
        return create(
                family,
                digest,
                parts[2],
                adaptedBase64(parts[3], family, "salt"),
                adaptedBase64(parts[4], family, "hash"));
    }

    /** {@code pbkdf2_sha256$1000000$<salt text>$<base64 hash>} */
    private static Pbkdf2Hash django(String encoded) throws UnsupportedHashException {
        String[] parts = encoded.split("\\$", -1);
        String digest = parts[0].substring("pbkdf2_".length());
        String family = family(digest, "Django");
        if (parts.length != 4) {
            throw new UnsupportedHashException(family, "not of the form pbkdf2_<digest>$<iterations>$<salt>$<hash>");
        }
        return create(family, digest, parts[1], text(parts[2]), Base64Text.decode(parts[3], family, "hash"));
    }

    /** {@code pbkdf2:sha256:1000000$<salt text>$<hex hash>} */
    private static Pbkdf2Hash werkzeug(String encoded) throws UnsupportedHashException {
        String[] parts = encoded.split("\\$", -1);
        String[] method = parts[0].split(":", -1);
        String digest = method.length > 1 ? method[1] : "";
        String family = family(digest, "Werkzeug");
        if (parts.length != 3 || method.length != 3) {
            throw new UnsupportedHashException(
                    family,
                    "not of the form pbkdf2:<digest>:<iterations>$<salt>$<hex hash>"
                            + " (a method without iterations depends on the Werkzeug version and is not supported)");
        }
        byte[] hash;
        try {
            hash = HexFormat.of().parseHex(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedHashException(family, "the hash is not hexadecimal");
        }
        return create(family, digest, method[2], text(parts[1]), hash);
    }

    private static Pbkdf2Hash create(String family, String digest, String iterations, byte[] salt, byte[] hash)
            throws UnsupportedHashException {
        // all three store the digest's full length: a shorter hash is a cut one (and would accept a prefix match)
        int hashBytes = digest.equals("sha512") ? 64 : 32;
        return new Pbkdf2Hash(
                family,
                digest,
                Limits.number(iterations, 1, Limits.MAX_PBKDF2_ITERATIONS, family, "iteration count"),
                Limits.length(salt, 1, Limits.MAX_SALT_BYTES, family, "the salt"),
                Limits.length(hash, hashBytes, hashBytes, family, "the hash"));
    }

    /**
     * The family for log lines, naming only digests known to exist (the text comes from the stored string); throws
     * for a digest other than SHA-256 and SHA-512.
     */
    private static String family(String digest, String library) throws UnsupportedHashException {
        if (digest.equals("sha256") || digest.equals("sha512")) {
            return "pbkdf2-" + digest + " (" + library + ")";
        }
        String named = digest.matches("sha1|sha224|sha384|md5") ? "pbkdf2-" + digest : "pbkdf2";
        throw new UnsupportedHashException(
                named + " (" + library + ")", "only PBKDF2 with SHA-256 or SHA-512 is supported");
    }

    private static byte[] text(String salt) {
        return salt.getBytes(StandardCharsets.UTF_8);
    }

    /** passlib's ab64: standard base64 with {@code .} for {@code +} and without padding. */
    private static byte[] adaptedBase64(String text, String family, String what) throws UnsupportedHashException {
        if (text.indexOf('+') >= 0) {
            throw new UnsupportedHashException(family, "the " + what + " is not in passlib's base64");
        }
        return Base64Text.decode(text.replace('.', '+'), family, what);
    }

    @Override
    public String family() {
        return family;
    }

    @Override
    public boolean verify(String password) {
        Digest hmacDigest = digest.equals("sha512") ? new SHA512Digest() : new SHA256Digest();
        PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(hmacDigest);
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        generator.init(bytes, salt, iterations);
        byte[] derived = ((KeyParameter) generator.generateDerivedParameters(expected.length * 8)).getKey();
        try {
            return MessageDigest.isEqual(derived, expected);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            Arrays.fill(derived, (byte) 0);
        }
    }
}
