package dev.kcbundle.userstorage;

import dev.kcbundle.userstorage.document.CredentialFields;
import java.util.LinkedHashMap;
import java.util.Map;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * Keycloak's password credential as kept in the user document's {@code credential} field: Keycloak's own
 * credentialData (algorithm, iterations, parameters) and secretData (hash, salt) JSON strings, unchanged, so the
 * same {@code PasswordHashProvider} verifies it. The hash never leaves this module.
 */
final class StoredPassword {

    static final String TYPE = CredentialFields.TYPE;
    static final String ALGORITHM = CredentialFields.ALGORITHM;
    static final String CREATED_DATE = CredentialFields.CREATED_DATE;
    static final String CREDENTIAL_DATA = CredentialFields.CREDENTIAL_DATA;
    static final String SECRET_DATA = CredentialFields.SECRET_DATA;

    private StoredPassword() {}

    static Map<String, Object> toDocument(PasswordCredentialModel credential) {
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put(TYPE, PasswordCredentialModel.TYPE);
        stored.put(ALGORITHM, credential.getPasswordCredentialData().getAlgorithm());
        stored.put(CREATED_DATE, credential.getCreatedDate());
        stored.put(CREDENTIAL_DATA, credential.getCredentialData());
        stored.put(SECRET_DATA, credential.getSecretData());
        return stored;
    }

    /** When the stored password (Keycloak's form or a legacy hash) was set, or null when unknown. */
    static Long createdDate(Map<String, Object> stored) {
        return stored != null && stored.get(CREATED_DATE) instanceof Number created ? created.longValue() : null;
    }

    /** The credential model, or null when the document holds no (or no usable) password. */
    static PasswordCredentialModel fromDocument(Map<String, Object> stored) {
        if (stored == null
                || !(stored.get(CREDENTIAL_DATA) instanceof String credentialData)
                || !(stored.get(SECRET_DATA) instanceof String secretData)) {
            return null;
        }
        org.keycloak.credential.CredentialModel model = new org.keycloak.credential.CredentialModel();
        model.setType(PasswordCredentialModel.TYPE);
        model.setCredentialData(credentialData);
        model.setSecretData(secretData);
        model.setCreatedDate(createdDate(stored));
        return PasswordCredentialModel.createFromCredentialModel(model);
    }
}
