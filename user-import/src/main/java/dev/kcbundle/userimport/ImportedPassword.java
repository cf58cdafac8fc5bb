package dev.kcbundle.userimport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcbundle.userstorage.document.CredentialFields;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A password as a source gives it: Keycloak's own form (a realm export's {@code credentials} entry: credentialData
 * and secretData JSON strings, createdDate) or the hash string another application stored (bcrypt, PBKDF2, argon2
 * ...), which the provider verifies at the first login and replaces with Keycloak's form. Never printed.
 */
public record ImportedPassword(String legacyHash, String credentialData, String secretData, Long createdDate) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static ImportedPassword legacy(String hash, Long createdDate) {
        return new ImportedPassword(hash, null, null, createdDate);
    }

    public static ImportedPassword keycloak(String credentialData, String secretData, Long createdDate) {
        return new ImportedPassword(null, credentialData, secretData, createdDate);
    }

    /** The {@code credential} field of the user document, created at {@code now} when the source gave no date. */
    public Map<String, Object> toStored(long now) {
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put(CredentialFields.TYPE, CredentialFields.PASSWORD);
        if (legacyHash != null) {
            stored.put(CredentialFields.LEGACY_HASH, legacyHash);
            stored.put(CredentialFields.CREATED_DATE, createdDate == null ? now : createdDate);
            return stored;
        }
        stored.put(CredentialFields.ALGORITHM, algorithm(credentialData));
        stored.put(CredentialFields.CREATED_DATE, createdDate == null ? now : createdDate);
        stored.put(CredentialFields.CREDENTIAL_DATA, credentialData);
        stored.put(CredentialFields.SECRET_DATA, secretData);
        return stored;
    }

    /**
     * The credential an existing user ends up with. The stored one stays when it holds this same password, and when
     * it may be newer than the source's: a login replaced an imported legacy hash by Keycloak's form, or the user
     * changed the password in Keycloak. The source's wins when the stored one is an older legacy hash (the other
     * application changed the password since the last import), when nothing is stored, or when the source's
     * createdDate is later than the stored one's.
     */
    public Map<String, Object> mergeInto(Map<String, Object> stored, long now) {
        if (stored == null) {
            return toStored(now);
        }
        Object storedHash = stored.get(CredentialFields.LEGACY_HASH);
        if (storedHash != null) {
            return storedHash.equals(legacyHash) ? stored : toStored(now);
        }
        if (credentialData != null
                && credentialData.equals(stored.get(CredentialFields.CREDENTIAL_DATA))
                && secretData.equals(stored.get(CredentialFields.SECRET_DATA))) {
            return stored;
        }
        long storedDate =
                stored.get(CredentialFields.CREATED_DATE) instanceof Number n ? n.longValue() : Long.MIN_VALUE;
        return createdDate != null && createdDate > storedDate ? toStored(now) : stored;
    }

    /** Keycloak's algorithm name inside credentialData ({@code {"algorithm":"argon2",...}}), as the provider stores it. */
    private static String algorithm(String credentialData) {
        try {
            return JSON.readTree(credentialData).path("algorithm").asText(null);
        } catch (Exception e) {
            throw new IllegalArgumentException("credentialData is not JSON");
        }
    }

    /** Checks Keycloak's form: both JSON strings, credentialData naming an algorithm; the problem or null. */
    public String problem() {
        if (legacyHash != null) {
            return legacyHash.isBlank() ? "the password hash is empty" : null;
        }
        if (credentialData == null || secretData == null) {
            return "a Keycloak credential needs both credentialData and secretData";
        }
        try {
            JsonNode data = JSON.readTree(credentialData);
            JSON.readTree(secretData);
            return data.path("algorithm").isTextual() ? null : "credentialData names no algorithm";
        } catch (Exception e) {
            return "credentialData and secretData must be JSON strings, as in a Keycloak realm export";
        }
    }

    /** Never the hash. */
    @Override
    public String toString() {
        return legacyHash != null
                ? "ImportedPassword[legacy]"
                : "ImportedPassword[keycloak, " + Objects.requireNonNullElse(createdDate, 0L) + "]";
    }
}
