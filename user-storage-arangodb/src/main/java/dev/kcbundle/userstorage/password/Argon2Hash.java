package dev.kcbundle.userstorage.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * argon2 (RFC 9106) in the PHC string format of the reference implementation, argon2-cffi, Go's and Node's
 * libraries: {@code $argon2id$v=19$m=65536,t=3,p=4$<salt>$<hash>}, salt and hash in base64 without padding; types
 * argon2id, argon2i and argon2d; version 19 (1.3) or 16 (1.0, also when {@code v=} is absent). Computed with
 * BouncyCastle's {@link Argon2BytesGenerator} (as Keycloak's own argon2 provider does), compared in constant time.
 * Secrets and associated data ({@code keyid=}, {@code data=}) are not supported.
 */
final class Argon2Hash implements LegacyHash {

    private static final Pattern FORMAT = Pattern.compile(
            "\\$(argon2id|argon2i|argon2d)(?:\\$v=(\\d+))?\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

    private final String family;
    private final Argon2Parameters parameters;
    private final byte[] expected;

    private Argon2Hash(String family, Argon2Parameters parameters, byte[] expected) {
        this.family = family;
        this.parameters = parameters;
        this.expected = expected;
    }

    static Argon2Hash parse(String encoded) throws UnsupportedHashException {
        Matcher matcher = FORMAT.matcher(encoded);
        if (!matcher.matches()) {
            String type = encoded.substring(1).split("\\$", 2)[0];
            String family = type.matches("argon2(id|i|d)") ? type : "argon2";
            throw new UnsupportedHashException(
                    family, "not of the form $" + family + "$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>");
        }
        String family = matcher.group(1);
        int version = matcher.group(2) == null
                ? Argon2Parameters.ARGON2_VERSION_10
                : Limits.number(matcher.group(2), 16, 19, family, "version");
        if (version != Argon2Parameters.ARGON2_VERSION_10 && version != Argon2Parameters.ARGON2_VERSION_13) {
            throw new UnsupportedHashException(family, "version " + version + " is not 16 or 19");
        }
        int parallelism = Limits.number(matcher.group(5), 1, Limits.MAX_ARGON2_PARALLELISM, family, "parallelism");
        int memory =
                Limits.number(matcher.group(3), 8 * parallelism, Limits.MAX_ARGON2_MEMORY_KIB, family, "memory (KiB)");
        int iterations = Limits.number(matcher.group(4), 1, Limits.MAX_ARGON2_ITERATIONS, family, "iterations");
        byte[] salt = Limits.length(
                Base64Text.decode(matcher.group(6), family, "salt"),
                Limits.MIN_SALT_BYTES,
                Limits.MAX_SALT_BYTES,
                family,
                "the salt");
        byte[] hash = Limits.length(
                Base64Text.decode(matcher.group(7), family, "hash"),
                Limits.MIN_HASH_BYTES,
                Limits.MAX_HASH_BYTES,
                family,
                "the hash");
        Argon2Parameters parameters = new Argon2Parameters.Builder(type(family))
                .withVersion(version)
                .withMemoryAsKB(memory)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        return new Argon2Hash(family, parameters, hash);
    }

    private static int type(String family) {
        return switch (family) {
            case "argon2i" -> Argon2Parameters.ARGON2_i;
            case "argon2d" -> Argon2Parameters.ARGON2_d;
            default -> Argon2Parameters.ARGON2_id;
        };
    }

    @Override
    public String family() {
        return family;
    }

    @Override
    public boolean verify(String password) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        byte[] derived = new byte[expected.length];
        generator.generateBytes(bytes, derived);
        try {
            return MessageDigest.isEqual(derived, expected);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            Arrays.fill(derived, (byte) 0);
        }
    }
}
