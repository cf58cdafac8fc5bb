package dev.kcbundle.arangodb.testserver.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/** HTTP basic authentication of the single user {@code root}. */
public final class BasicAuthentication {

    public static final String USER = "root";

    private final byte[] expected;

    public BasicAuthentication(String rootPassword) {
        String credentials = USER + ":" + (rootPassword == null ? "" : rootPassword);
        this.expected = ("Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.UTF_8);
    }

    public boolean accepts(String authorizationHeader) {
        if (authorizationHeader == null) {
            return false;
        }
        return MessageDigest.isEqual(expected, authorizationHeader.trim().getBytes(StandardCharsets.UTF_8));
    }
}
