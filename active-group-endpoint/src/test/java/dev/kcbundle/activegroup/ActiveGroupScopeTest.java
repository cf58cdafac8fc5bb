package dev.kcbundle.activegroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.ws.rs.core.Response.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.AccessToken;

class ActiveGroupScopeTest {

    @ParameterizedTest
    @ValueSource(strings = {"active-group", "openid active-group profile", "openid profile active-group"})
    void aTokenWithTheScopeMayUseTheEndpoint(String scope) {
        assertThatCode(() -> ActiveGroupScope.require(caller(scope))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"openid profile email", "active-groups", "openid xactive-group", "active_group"})
    void anyOtherTokenIs403InsufficientScopeNamingTheClient(String scope) {
        assertThatThrownBy(() -> ActiveGroupScope.require(caller(scope)))
                .isInstanceOfSatisfying(ApiError.class, error -> {
                    assertThat(error.status()).isEqualTo(Status.FORBIDDEN);
                    assertThat(error.error()).isEqualTo("insufficient_scope");
                    assertThat(error.description()).contains("partner-portal", "active-group");
                    assertThat(error.isBearerChallenge()).isTrue();
                });
    }

    @Test
    void theChallengeNamesTheRealmTheErrorAndTheMissingScope() {
        RealmModel realm = mock(RealmModel.class);
        when(realm.getName()).thenReturn("acme");

        assertThat(BearerChallenge.of(realm, ApiError.insufficientScope("x")))
                .isEqualTo("Bearer realm=\"acme\", error=\"insufficient_scope\", scope=\"active-group\"");
        assertThat(BearerChallenge.of(realm, ApiError.unauthorized("x")))
                .isEqualTo("Bearer realm=\"acme\", error=\"invalid_token\"");
        assertThat(ApiError.notAMember("x").isBearerChallenge()).isFalse();
    }

    private static Caller caller(String scope) {
        AccessToken token = new AccessToken();
        token.setScope(scope);
        token.issuedFor("partner-portal");
        return new Caller(null, token, null);
    }
}
