package dev.kcbundle.arangodb.testserver.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error as ArangoDB reports it: HTTP status, {@code errorNum} and {@code errorMessage}. Thrown anywhere in the
 * server and turned into ArangoDB's JSON error body by the HTTP layer.
 */
public final class ArangoError extends RuntimeException {

    public static final int HTTP_BAD = 400;
    public static final int HTTP_NOT_FOUND = 404;
    public static final int HTTP_CONFLICT = 409;
    public static final int HTTP_PRECONDITION_FAILED = 412;

    public static final int BAD_PARAMETER = 10;
    public static final int FORBIDDEN = 11;
    public static final int READ_ONLY = 1004;
    public static final int NOT_IMPLEMENTED = 9;
    public static final int CORRUPTED_JSON = 600;
    public static final int CONFLICT = 1200;
    public static final int DOCUMENT_NOT_FOUND = 1202;
    public static final int DATA_SOURCE_NOT_FOUND = 1203;
    public static final int DUPLICATE_NAME = 1207;
    public static final int ILLEGAL_NAME = 1208;
    public static final int UNIQUE_CONSTRAINT_VIOLATED = 1210;
    public static final int DOCUMENT_KEY_BAD = 1221;
    public static final int DOCUMENT_TYPE_INVALID = 1227;
    public static final int DATABASE_NOT_FOUND = 1228;
    public static final int DATABASE_NAME_INVALID = 1229;
    public static final int USE_SYSTEM_DATABASE = 1230;
    public static final int QUERY_PARSE = 1501;
    public static final int QUERY_NUMBER_OUT_OF_RANGE = 1504;
    public static final int QUERY_FUNCTION_NAME_UNKNOWN = 1540;
    public static final int QUERY_FUNCTION_ARGUMENT_NUMBER_MISMATCH = 1541;
    public static final int QUERY_BIND_PARAMETER_MISSING = 1551;
    public static final int QUERY_BIND_PARAMETER_UNDECLARED = 1552;
    public static final int QUERY_BIND_PARAMETER_TYPE = 1553;
    public static final int QUERY_VARIABLE_REDECLARED = 1511;
    public static final int QUERY_EMPTY = 1502;
    public static final int CURSOR_NOT_FOUND = 1600;

    private final int status;
    private final int errorNum;
    private final transient ObjectNode extraFields;

    public ArangoError(int status, int errorNum, String message) {
        this(status, errorNum, message, null);
    }

    public ArangoError(int status, int errorNum, String message, ObjectNode extraFields) {
        super(message, null, false, false);
        this.status = status;
        this.errorNum = errorNum;
        this.extraFields = extraFields;
    }

    public int status() {
        return status;
    }

    public int errorNum() {
        return errorNum;
    }

    /** Fields ArangoDB adds to some error bodies (e.g. {@code _id}, {@code _key}, {@code _rev} on a 412). */
    public ObjectNode extraFields() {
        return extraFields;
    }

    public static ArangoError documentNotFound() {
        return new ArangoError(HTTP_NOT_FOUND, DOCUMENT_NOT_FOUND, "document not found");
    }

    public static ArangoError collectionNotFound(String name) {
        return new ArangoError(HTTP_NOT_FOUND, DATA_SOURCE_NOT_FOUND, "collection or view not found: " + name);
    }

    public static ArangoError databaseNotFound() {
        return new ArangoError(HTTP_NOT_FOUND, DATABASE_NOT_FOUND, "database not found");
    }

    public static ArangoError badParameter(String message) {
        return new ArangoError(HTTP_BAD, BAD_PARAMETER, message);
    }

    public static ArangoError notImplemented(String what) {
        return new ArangoError(501, NOT_IMPLEMENTED, "not implemented by the in-memory ArangoDB stand-in: " + what);
    }

    public static ArangoError queryParse(String message) {
        return new ArangoError(HTTP_BAD, QUERY_PARSE, "AQL: " + message + " (while parsing)");
    }
}
