package dev.kcbundle.activegroup;

import jakarta.ws.rs.core.Response.Status;

/**
 * A refused request: its HTTP status and the {@code error} / {@code error_description} pair of the JSON body.
 * Thrown by the steps of a request and turned into the response by {@link ActiveGroupResource}.
 */
final class ApiError extends RuntimeException {

    static final String INVALID_TOKEN = "invalid_token";
    static final String INVALID_REQUEST = "invalid_request";
    static final String INVALID_ORIGIN = "invalid_origin";
    static final String NOT_A_MEMBER = "not_a_member";
    static final String GROUP_NOT_FOUND = "group_not_found";
    static final String USER_READ_ONLY = "user_read_only";
    static final String INSUFFICIENT_SCOPE = "insufficient_scope";
    static final String REQUEST_TOO_LARGE = "request_too_large";
    static final String TEMPORARILY_UNAVAILABLE = "temporarily_unavailable";

    private final Status status;
    private final String error;

    private ApiError(Status status, String error, String description) {
        super(description);
        this.status = status;
        this.error = error;
    }

    static ApiError unauthorized(String description) {
        return new ApiError(Status.UNAUTHORIZED, INVALID_TOKEN, description);
    }

    static ApiError badRequest(String description) {
        return new ApiError(Status.BAD_REQUEST, INVALID_REQUEST, description);
    }

    static ApiError insufficientScope(String description) {
        return new ApiError(Status.FORBIDDEN, INSUFFICIENT_SCOPE, description);
    }

    static ApiError tooLarge(String description) {
        return new ApiError(Status.REQUEST_ENTITY_TOO_LARGE, REQUEST_TOO_LARGE, description);
    }

    static ApiError invalidOrigin(String description) {
        return new ApiError(Status.FORBIDDEN, INVALID_ORIGIN, description);
    }

    static ApiError notAMember(String description) {
        return new ApiError(Status.FORBIDDEN, NOT_A_MEMBER, description);
    }

    static ApiError groupNotFound(String description) {
        return new ApiError(Status.NOT_FOUND, GROUP_NOT_FOUND, description);
    }

    static ApiError readOnly(String description) {
        return new ApiError(Status.CONFLICT, USER_READ_ONLY, description);
    }

    /**
     * The user store failed while answering (e.g. ArangoDB unreachable, or the user's document removed during the
     * request): nothing was changed, and repeating the request gets the real answer once the store answers again
     * (401 for a user that no longer exists).
     */
    static ApiError unavailable(String description) {
        return new ApiError(Status.SERVICE_UNAVAILABLE, TEMPORARILY_UNAVAILABLE, description);
    }

    /** Whether the answer carries a {@code WWW-Authenticate} challenge (RFC 6750 section 3). */
    boolean isBearerChallenge() {
        return status == Status.UNAUTHORIZED || INSUFFICIENT_SCOPE.equals(error);
    }

    Status status() {
        return status;
    }

    String error() {
        return error;
    }

    String description() {
        return getMessage();
    }
}
