package dev.kcbundle.activegroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import jakarta.ws.rs.core.Response.Status;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.ModelIllegalStateException;

/**
 * A failing user store (ArangoDB unreachable, the user's document removed during the request) is answered 503
 * {@code temporarily_unavailable}, not a bare 500. The JAX-RS Response itself needs a server runtime; the resource
 * builds it from this ApiError exactly as for every other refusal.
 */
class ActiveGroupResourceTest {

    private final KeycloakSession session = mock(KeycloakSession.class, RETURNS_DEEP_STUBS);

    @Test
    void aFailingUserStoreIs503TemporarilyUnavailableWithoutItsInternalsAndNothingIsCommitted() {
        ApiError error =
                ActiveGroupResource.storeFailed(session, new ModelException("Connection refused: arangodb:8529"));

        assertThat(error.status()).isEqualTo(Status.SERVICE_UNAVAILABLE);
        assertThat(error.error()).isEqualTo("temporarily_unavailable");
        assertThat(error.description())
                .contains("nothing was changed", "try again")
                .doesNotContain("arangodb");
        assertThat(error.isBearerChallenge()).isFalse();
        verify(session.getTransactionManager()).setRollbackOnly();
    }

    @Test
    void aSubclassOfModelExceptionIsAnsweredTheSameWay() {
        ApiError error = ActiveGroupResource.storeFailed(session, new ModelIllegalStateException("document removed"));

        assertThat(error.status().getStatusCode()).isEqualTo(503);
    }
}
