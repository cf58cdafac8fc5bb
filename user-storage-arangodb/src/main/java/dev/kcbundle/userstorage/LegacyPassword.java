package dev.kcbundle.userstorage;

import dev.kcbundle.userstorage.document.CredentialFields;
import dev.kcbundle.userstorage.password.LegacyHash;
import dev.kcbundle.userstorage.password.UnsupportedHashException;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.jboss.logging.Logger;

/**
 * A password as the application before Keycloak hashed it: the document's {@code credential} is
 * {@code {"type": "password", "legacyHash": "<the hash as stored>", "createdDate": <ms>}}, without Keycloak's
 * credentialData and secretData. It is verified by {@link LegacyHash}; after the first successful login of a WRITABLE
 * federation the provider replaces it with Keycloak's format, so no legacy hash outlives one login.
 */
final class LegacyPassword {

    private static final Logger LOG = Logger.getLogger(LegacyPassword.class);
    private static final LoggedOnce UNREADABLE = new LoggedOnce();
    /** As Keycloak's own argon2 provider does: at most one hashing per CPU core at a time, the others queue. */
    private static final Semaphore HASHING = new Semaphore(Runtime.getRuntime().availableProcessors());

    private LegacyPassword() {}

    /** The legacy hash of a stored credential, or null when it is in Keycloak's form (or there is none). */
    static String hashOf(Map<String, Object> stored) {
        return stored != null && stored.get(CredentialFields.LEGACY_HASH) instanceof String hash ? hash : null;
    }

    /**
     * Whether {@code password} matches {@code legacyHash}. A hash that cannot be read fails closed: one warning per
     * federation, user and format family (naming the format's problem, never the hash), and {@code equalCost} (the
     * realm's own hashing) runs, so the refusal takes as long as a wrong password.
     */
    static boolean verify(String legacyHash, String password, String componentId, String username, Runnable equalCost) {
        LegacyHash hash;
        try {
            hash = LegacyHash.parse(legacyHash);
        } catch (UnsupportedHashException e) {
            if (UNREADABLE.first(componentId, username, e.family())) {
                LOG.warnf(
                        "User %s cannot sign in with the password hash stored by the previous application (%s); "
                                + "an admin can set a new password",
                        username, e.getMessage());
            }
            equalCost.run();
            return false;
        }
        return verifyQueued(hash, password);
    }

    /** Whether a password history entry in the legacy form is {@code password} (unreadable ones never are). */
    static boolean matches(Map<String, Object> stored, String password) {
        try {
            String legacyHash = hashOf(stored);
            return legacyHash != null && verifyQueued(LegacyHash.parse(legacyHash), password);
        } catch (UnsupportedHashException e) {
            return false;
        }
    }

    private static boolean verifyQueued(LegacyHash hash, String password) {
        HASHING.acquireUninterruptibly();
        try {
            return hash.verify(password);
        } finally {
            HASHING.release();
        }
    }

    /** Why the provider cannot verify a stored legacy hash, or null when it can (for the sync's document check). */
    static String problem(String legacyHash) {
        try {
            LegacyHash.parse(legacyHash);
            return null;
        } catch (UnsupportedHashException e) {
            return e.getMessage();
        }
    }
}
