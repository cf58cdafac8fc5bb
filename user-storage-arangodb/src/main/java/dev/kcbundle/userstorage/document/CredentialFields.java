package dev.kcbundle.userstorage.document;

/**
 * Field names inside a user document's {@code credential} object. A current password holds Keycloak's own
 * {@code credentialData} and {@code secretData} JSON strings; a password imported from another application holds
 * that application's hash string in {@code legacyHash} instead (verified at login, then replaced by Keycloak's form).
 */
public final class CredentialFields {

    public static final String TYPE = "type";
    /** The one credential type the document holds. */
    public static final String PASSWORD = "password";

    public static final String ALGORITHM = "algorithm";
    public static final String CREATED_DATE = "createdDate";
    public static final String CREDENTIAL_DATA = "credentialData";
    public static final String SECRET_DATA = "secretData";
    public static final String LEGACY_HASH = "legacyHash";

    private CredentialFields() {}
}
