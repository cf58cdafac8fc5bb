package dev.kcbundle.userstorage.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LegacyHashTest {

    static List<HashVectors> vectors() {
        return HashVectors.read("vectors.tsv");
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void aHashMadeByAnotherLibraryAcceptsItsPasswordAndNoOther(HashVectors vector) throws Exception {
        LegacyHash hash = LegacyHash.parse(vector.encoded());

        assertThat(hash.verify(vector.password())).as("right password").isTrue();
        if (vector.password().length() < 72) { // bcrypt counts 72 bytes (below)
            assertThat(hash.verify(vector.password() + "!"))
                    .as("one character more")
                    .isFalse();
        }
        assertThat(hash.verify(vector.password().toUpperCase()))
                .as("other case")
                .isFalse();
        assertThat(hash.verify("")).as("empty").isFalse();
    }

    @Test
    void theFamilyNamesTheFormat() throws Exception {
        assertThat(vectors())
                .extracting(vector -> LegacyHash.parse(vector.encoded()).family())
                .contains(
                        "bcrypt",
                        "pbkdf2-sha256 (passlib)",
                        "pbkdf2-sha512 (passlib)",
                        "pbkdf2-sha256 (Django)",
                        "pbkdf2-sha512 (Django)",
                        "pbkdf2-sha256 (Werkzeug)",
                        "pbkdf2-sha512 (Werkzeug)",
                        "argon2id",
                        "argon2i",
                        "argon2d");
    }

    /** The reference implementation's own test vectors (phc-winner-argon2, test.c): "password", salt "somesalt". */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA",
                "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"
            })
    void argon2ReferenceVectorsVerify(String encoded) throws Exception {
        assertThat(LegacyHash.parse(encoded).verify("password")).isTrue();
        assertThat(LegacyHash.parse(encoded).verify("passworD")).isFalse();
    }

    /** A second bcrypt implementation (Patrick Favre's, as Java applications use it) in all three versions. */
    @ParameterizedTest
    @ValueSource(strings = {"2a", "2b", "2y"})
    void bcryptOfEveryVersionMadeInJavaVerifies(String version) throws Exception {
        BCrypt.Version bcryptVersion = switch (version) {
            case "2a" -> BCrypt.Version.VERSION_2A;
            case "2b" -> BCrypt.Version.VERSION_2B;
            default -> BCrypt.Version.VERSION_2Y;
        };
        String encoded =
                new String(BCrypt.with(bcryptVersion).hash(4, "Tr0ub4dor&3".toCharArray()), StandardCharsets.UTF_8);
        assertThat(encoded).startsWith("$" + version + "$04$");

        LegacyHash hash = LegacyHash.parse(encoded);
        assertThat(hash.verify("Tr0ub4dor&3")).isTrue();
        assertThat(hash.verify("Tr0ub4dor&4")).isFalse();
    }

    @Test
    void bcryptCountsTheFirst72BytesOfALongerPasswordLikeOpenBsdGoAndNode() throws Exception {
        HashVectors vector = vectors().stream()
                .filter(v -> v.producer().endsWith("first-72-bytes"))
                .findFirst()
                .orElseThrow();
        LegacyHash hash = LegacyHash.parse(vector.encoded());

        assertThat(hash.verify("x".repeat(72))).isTrue();
        assertThat(hash.verify("x".repeat(71))).isFalse();
    }

    /** A cut or damaged hash never accepts the password: it is refused as a format, or verifies nothing. */
    @ParameterizedTest
    @MethodSource("vectors")
    void aTruncatedOrGarbledHashNeverAcceptsThePassword(HashVectors vector) {
        String encoded = vector.encoded().replaceAll("=+$", ""); // base64 padding changes nothing, so cut it first
        String lastCharacterChanged = encoded.substring(0, encoded.length() - 1) + (encoded.endsWith("A") ? "B" : "A");
        String middleCharacterChanged =
                encoded.substring(0, encoded.length() - 12) + "." + encoded.substring(encoded.length() - 11);
        for (String damaged : List.of(
                encoded.substring(0, encoded.length() - 1),
                encoded.substring(0, encoded.length() / 2),
                encoded.substring(0, encoded.lastIndexOf('$')),
                lastCharacterChanged,
                middleCharacterChanged,
                encoded + "$",
                " " + encoded)) {
            assertThat(acceptsPassword(damaged, vector.password())).as(damaged).isFalse();
        }
    }

    private static boolean acceptsPassword(String encoded, String password) {
        try {
            return LegacyHash.parse(encoded).verify(password);
        } catch (UnsupportedHashException refused) {
            return false;
        }
    }

    static Stream<String[]> unsupported() {
        String salt = "c29tZXNhbHQxMjM0NTY3OA";
        String hash = "CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        return Stream.of(
                new String[] {"", "unknown format hash: the hash is empty"},
                new String[] {"correct horse", "unknown format hash: not a bcrypt, PBKDF2"},
                new String[] {"5f4dcc3b5aa765d61d8327deb882cf99", "unknown format hash: not a bcrypt, PBKDF2"},
                new String[] {"{SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=", "unknown format hash"},
                new String[] {"$1$saltsalt$qjXMvbEw8oaL.CzflDugX/", "unknown format hash"},
                new String[] {"$2x$10$" + "a".repeat(53), "bcrypt hash: version $2x$ is not supported"},
                new String[] {"$2$10$" + "a".repeat(53), "bcrypt hash: version $2$ is not supported"},
                new String[] {"$2b$17$" + "a".repeat(53), "bcrypt hash: cost 17 is outside 4..16"},
                new String[] {"$2b$03$" + "a".repeat(53), "bcrypt hash: cost 3 is outside 4..16"},
                new String[] {"$2b$10$" + "a".repeat(52), "bcrypt hash: not of the form"},
                new String[] {"$pbkdf2$29000$" + salt + "$" + hash, "pbkdf2-sha1 (passlib) hash: only PBKDF2 with"},
                new String[] {
                    "$pbkdf2-sha256$20000000$" + salt + "$" + hash,
                    "pbkdf2-sha256 (passlib) hash: iteration count 20000000 is outside 1..10000000"
                },
                new String[] {
                    "$pbkdf2-sha256$29000$" + salt + "$",
                    "pbkdf2-sha256 (passlib) hash: the hash has 0 bytes, not 32..32"
                },
                new String[] {
                    "$pbkdf2-sha256$29000$" + salt + "$" + hash + "+", "pbkdf2-sha256 (passlib) hash: the hash is not"
                },
                new String[] {"pbkdf2_sha1$260000$salt$" + hash, "pbkdf2-sha1 (Django) hash: only PBKDF2 with"},
                new String[] {
                    "pbkdf2_sha256$abc$salt$" + hash, "pbkdf2-sha256 (Django) hash: iteration count is not a number"
                },
                new String[] {
                    "pbkdf2_sha256$-1$salt$" + hash, "pbkdf2-sha256 (Django) hash: iteration count is not a number"
                },
                new String[] {"pbkdf2:sha256$salt$00ff", "pbkdf2-sha256 (Werkzeug) hash: not of the form"},
                new String[] {
                    "pbkdf2:sha256:1000$salt$zz" + "0".repeat(62),
                    "pbkdf2-sha256 (Werkzeug) hash: the hash is not hexadecimal"
                },
                new String[] {
                    "$argon2id$v=19$m=1048576,t=3,p=4$" + salt + "$" + hash,
                    "argon2id hash: memory (KiB) 1048576 is outside 32..262144"
                },
                new String[] {
                    "$argon2id$v=19$m=65536,t=0,p=4$" + salt + "$" + hash, "argon2id hash: iterations 0 is outside"
                },
                new String[] {
                    "$argon2id$v=19$m=65536,t=3,p=0$" + salt + "$" + hash, "argon2id hash: parallelism 0 is outside"
                },
                new String[] {
                    "$argon2id$v=17$m=65536,t=3,p=4$" + salt + "$" + hash, "argon2id hash: version 17 is not 16 or 19"
                },
                new String[] {
                    "$argon2id$v=19$m=65536,t=3,p=4,keyid=abc$" + salt + "$" + hash, "argon2id hash: not of the form"
                },
                new String[] {"$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$" + hash, "argon2id hash: the salt has 4 bytes"},
                new String[] {"$argon2x$v=19$m=65536,t=3,p=4$" + salt + "$" + hash, "argon2 hash: not of the form"},
                new String[] {"$2b$10$" + "a".repeat(2000), "unknown format hash: the hash is longer than 1024"});
    }

    @ParameterizedTest
    @MethodSource("unsupported")
    void unknownFormatsAndUnsupportedParametersAreRefusedNamingTheReasonNeverTheHash(String encoded, String message) {
        assertThatThrownBy(() -> LegacyHash.parse(encoded))
                .isInstanceOf(UnsupportedHashException.class)
                .hasMessageStartingWith(message)
                .satisfies(e -> {
                    for (String part : encoded.split("[$:,]")) {
                        if (part.length() >= 16) { // salts and hashes; not the names of formats
                            assertThat(e.getMessage())
                                    .as("names no part of the hash")
                                    .doesNotContain(part);
                        }
                    }
                });
    }
}
