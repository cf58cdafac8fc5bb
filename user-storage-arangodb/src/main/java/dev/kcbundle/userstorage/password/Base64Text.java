package dev.kcbundle.userstorage.password;

import java.util.Base64;

/** The base64 of salts and hashes in the stored strings. */
final class Base64Text {

    private Base64Text() {}

    /** Standard base64, padded or not, in its canonical form only (unused low bits zero, as every encoder writes). */
    static byte[] decode(String text, String family, String what) throws UnsupportedHashException {
        String unpadded = text.endsWith("==")
                ? text.substring(0, text.length() - 2)
                : text.endsWith("=") ? text.substring(0, text.length() - 1) : text;
        try {
            byte[] bytes = Base64.getDecoder().decode(unpadded);
            if (Base64.getEncoder().withoutPadding().encodeToString(bytes).equals(unpadded)) {
                return bytes;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new UnsupportedHashException(family, "the " + what + " is not valid base64");
    }
}
