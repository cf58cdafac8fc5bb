package dev.kcbundle.userstorage.arango;

import com.arangodb.ArangoDBException;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.ModelException;
import org.keycloak.models.UserModel;

/** Turns driver exceptions into Keycloak's model exceptions, so Keycloak shows its normal errors. */
final class ArangoErrors {

    static final int CONFLICT = 1200;
    static final int DOCUMENT_NOT_FOUND = 1202;
    static final int UNIQUE_CONSTRAINT_VIOLATED = 1210;
    static final int DATABASE_NOT_FOUND = 1228;
    static final int DUPLICATE_NAME = 1207;

    private ArangoErrors() {
    }

    /** ArangoDB's "conflict, _rev values do not match" (HTTP 412 from the document API, also raised by AQL). */
    static boolean isRevisionConflict(ArangoDBException e) {
        return e.getErrorNum() != null && e.getErrorNum() == CONFLICT;
    }

    static boolean isDocumentNotFound(ArangoDBException e) {
        return e.getErrorNum() != null && e.getErrorNum() == DOCUMENT_NOT_FOUND;
    }

    static ModelException translate(String action, ArangoDBException e) {
        Integer errorNum = e.getErrorNum();
        Integer status = e.getResponseCode();
        if (errorNum != null && errorNum == UNIQUE_CONSTRAINT_VIOLATED) {
            return duplicate(e);
        }
        if (status == null) {
            return new ArangoUnavailableException("ArangoDB is unreachable (" + action + ")", e);
        }
        if (status == 401) {
            return new ArangoUnavailableException("ArangoDB rejected the configured user and password (" + action + ")", e);
        }
        if (errorNum != null && errorNum == DATABASE_NOT_FOUND) {
            return new ArangoUnavailableException("ArangoDB database does not exist (" + action + ")", e);
        }
        if (status >= 500) {
            return new ArangoUnavailableException("ArangoDB failed (" + action + "): HTTP " + status, e);
        }
        return new ModelException("ArangoDB refused " + action + ": " + e.getErrorMessage(), e);
    }

    /** ArangoDB names the violated index in its message; the exception names the field, as Keycloak's own do. */
    private static ModelDuplicateException duplicate(ArangoDBException e) {
        String message = e.getErrorMessage();
        boolean email = message != null && message.contains(UserIndexes.EMAIL_INDEX);
        String field = email ? UserModel.EMAIL : UserModel.USERNAME;
        ModelDuplicateException duplicate = new ModelDuplicateException("User exists with same " + field, field);
        duplicate.initCause(e);
        return duplicate;
    }
}
