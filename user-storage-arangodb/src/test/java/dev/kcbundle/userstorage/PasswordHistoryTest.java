package dev.kcbundle.userstorage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.credential.PasswordCredentialModel;

class PasswordHistoryTest {

    private static final String ALGORITHM = "test-sha256";
    private final PasswordHashProvider hash = new Sha256TestHash(ALGORITHM);
    private final KeycloakSession session = mock(KeycloakSession.class);

    PasswordHistoryTest() {
        when(session.getProvider(PasswordHashProvider.class, ALGORITHM)).thenReturn(hash);
    }

    @Test
    void theCurrentAndTheLastNMinusOnePasswordsCannotBeReused() {
        PasswordHistory history = PasswordHistory.of(session, historyPolicy(3));
        List<Map<String, Object>> previous = List.of(stored("second"), stored("first"), stored("oldest"));

        assertThatThrownBy(() -> history.rejectReuse("current", stored("current"), previous))
                .isInstanceOf(ModelException.class)
                .hasMessage(PasswordHistory.REUSED_MESSAGE)
                .satisfies(e -> assertThat(((ModelException) e).getParameters()).containsExactly(3));
        assertThatThrownBy(() -> history.rejectReuse("first", stored("current"), previous))
                .isInstanceOf(ModelException.class);
        history.rejectReuse("oldest", stored("current"), previous);
        history.rejectReuse("brand-new", null, List.of());
    }

    @Test
    void theReplacedPasswordLeadsTheHistoryWhichKeepsNMinusOneEntries() {
        PasswordHistory history = PasswordHistory.of(session, historyPolicy(3));
        Map<String, Object> current = stored("current");
        Map<String, Object> second = stored("second");

        assertThat(history.after(current, List.of(second, stored("first")))).containsExactly(current, second);
        assertThat(history.after(null, List.of())).isEmpty();
    }

    @Test
    void passwordAgeRemembersWhatWasUsedInTheLastDaysHoweverMany() {
        PasswordHistory history = PasswordHistory.of(session, policy(PasswordPolicy.PASSWORD_AGE, 30));
        Map<String, Object> lastWeek = stored("last-week", 7);
        Map<String, Object> lastYear = stored("last-year", 365);

        assertThatThrownBy(() -> history.rejectReuse("current", stored("current"), List.of()))
                .isInstanceOf(ModelException.class)
                .hasMessage(PasswordHistory.RECENTLY_USED_MESSAGE);
        assertThatThrownBy(() -> history.rejectReuse("last-week", stored("current"), List.of(lastWeek, lastYear)))
                .isInstanceOf(ModelException.class)
                .hasMessage(PasswordHistory.RECENTLY_USED_MESSAGE)
                .satisfies(e -> assertThat(((ModelException) e).getParameters()).containsExactly(30));
        history.rejectReuse("last-year", stored("current"), List.of(lastWeek, lastYear));

        Map<String, Object> current = stored("current");
        assertThat(history.after(current, List.of(lastWeek, lastYear))).containsExactly(current, lastWeek);
    }

    @Test
    void withoutThePolicyNothingIsKeptOrChecked() {
        PasswordPolicy policy = mock(PasswordPolicy.class);
        when(policy.getPolicies()).thenReturn(Set.of());
        PasswordHistory history = PasswordHistory.of(session, policy);

        assertThat(history.enabled()).isFalse();
        history.rejectReuse("current", stored("current"), List.of());
        assertThat(history.after(stored("current"), List.of())).isEmpty();
    }

    private Map<String, Object> stored(String password) {
        return stored(password, 0);
    }

    private Map<String, Object> stored(String password, int daysAgo) {
        PasswordCredentialModel credential = hash.encodedCredential(password, 1000);
        credential.setCreatedDate(
                System.currentTimeMillis() - Duration.ofDays(daysAgo).toMillis());
        return StoredPassword.toDocument(credential);
    }

    /** A salted SHA-256 stand-in for Keycloak's hash providers (which need Keycloak's crypto provider at run time). */
    private record Sha256TestHash(String algorithm) implements PasswordHashProvider {

        @Override
        public boolean policyCheck(PasswordPolicy policy, PasswordCredentialModel credential) {
            return true;
        }

        @Override
        public PasswordCredentialModel encodedCredential(String rawPassword, int iterations) {
            byte[] salt = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
            return PasswordCredentialModel.createFromValues(algorithm, salt, iterations, digest(rawPassword, salt));
        }

        @Override
        public boolean verify(String rawPassword, PasswordCredentialModel credential) {
            byte[] salt = credential.getPasswordSecretData().getSalt();
            return digest(rawPassword, salt)
                    .equals(credential.getPasswordSecretData().getValue());
        }

        @Override
        public void close() {}

        private static String digest(String password, byte[] salt) {
            try {
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                sha256.update(salt);
                return Base64.getEncoder().encodeToString(sha256.digest(password.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static PasswordPolicy historyPolicy(int length) {
        return policy(PasswordPolicy.PASSWORD_HISTORY_ID, length);
    }

    private static PasswordPolicy policy(String id, int value) {
        PasswordPolicy policy = mock(PasswordPolicy.class);
        when(policy.getPolicies()).thenReturn(Set.of(id));
        when(policy.getPolicyConfig(id)).thenReturn(value);
        return policy;
    }
}
