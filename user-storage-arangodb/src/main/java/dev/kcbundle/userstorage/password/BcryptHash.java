package dev.kcbundle.userstorage.password;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * bcrypt in the modular crypt format {@code $2b$<cost>$<22 characters salt><31 characters hash>}, versions 2a, 2b
 * and 2y (identical for passwords up to 72 bytes, the bcrypt limit; like OpenBSD, Go and Node, only the first 72
 * bytes of a longer password count). 2x (hashes of crypt_blowfish's 8-bit bug) is refused. Verified by BouncyCastle's
 * {@link OpenBSDBCrypt}, which compares in constant time.
 */
final class BcryptHash implements LegacyHash {

    static final String FAMILY = "bcrypt";
    private static final Pattern FORMAT = Pattern.compile("\\$(2[abxy]?)\\$(\\d{1,2})\\$([./A-Za-z0-9]{53})");
    private static final int MIN_COST = 4;
    private static final int MAX_PASSWORD_BYTES = 72;

    private final String encoded;

    private BcryptHash(String encoded) {
        this.encoded = encoded;
    }

    static BcryptHash parse(String encoded) throws UnsupportedHashException {
        Matcher matcher = FORMAT.matcher(encoded);
        if (!matcher.matches()) {
            throw new UnsupportedHashException(FAMILY, "not of the form $2b$<cost>$<53 characters>");
        }
        String version = matcher.group(1);
        if (!version.equals("2a") && !version.equals("2b") && !version.equals("2y")) {
            throw new UnsupportedHashException(FAMILY, "version $" + version + "$ is not supported (only 2a, 2b, 2y)");
        }
        String cost = matcher.group(2);
        if (cost.length() != 2) {
            throw new UnsupportedHashException(FAMILY, "the cost is not two digits");
        }
        Limits.number(cost, MIN_COST, Limits.MAX_BCRYPT_COST, FAMILY, "cost");
        return new BcryptHash(encoded);
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public boolean verify(String password) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        byte[] counted = bytes.length > MAX_PASSWORD_BYTES ? Arrays.copyOf(bytes, MAX_PASSWORD_BYTES) : bytes;
        try {
            return OpenBSDBCrypt.checkPassword(encoded, counted);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            Arrays.fill(counted, (byte) 0);
        }
    }
}
