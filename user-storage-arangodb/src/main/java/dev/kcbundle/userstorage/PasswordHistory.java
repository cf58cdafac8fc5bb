package dev.kcbundle.userstorage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * The realm's {@code passwordHistory(N)} policy for passwords kept in ArangoDB: a new password may equal neither the
 * current one nor the N-1 before it. Keycloak's own history check reads Keycloak's credential store, which holds no
 * password of an ArangoDB user, so the provider keeps the previous hashes in the document ({@code passwordHistory},
 * newest first) and checks them here with the hash provider each was made with.
 */
final class PasswordHistory {

    /** Keycloak's message key, so the login theme shows its usual text. */
    static final String REUSED_MESSAGE = "invalidPasswordHistoryMessage";

    private final KeycloakSession session;
    private final int length;

    private PasswordHistory(KeycloakSession session, int length) {
        this.session = session;
        this.length = length;
    }

    /** The policy's history length, 0 when the realm has no password history policy. */
    static PasswordHistory of(KeycloakSession session, PasswordPolicy policy) {
        Integer length = policy != null && policy.getPolicies().contains(PasswordPolicy.PASSWORD_HISTORY_ID)
                ? policy.getPolicyConfig(PasswordPolicy.PASSWORD_HISTORY_ID) : null;
        return new PasswordHistory(session, length == null ? 0 : length);
    }

    boolean enabled() {
        return length > 0;
    }

    /** Throws Keycloak's "must not be equal to any of last N passwords" error when the password was used recently. */
    void rejectReuse(String newPassword, Map<String, Object> current, List<Map<String, Object>> previous) {
        if (!enabled()) {
            return;
        }
        List<Map<String, Object>> recent = new ArrayList<>();
        recent.add(current);
        recent.addAll(previous.subList(0, Math.min(previous.size(), length - 1)));
        for (Map<String, Object> stored : recent) {
            PasswordCredentialModel password = StoredPassword.fromDocument(stored);
            if (password != null && matches(newPassword, password)) {
                throw new ModelException(REUSED_MESSAGE, length);
            }
        }
    }

    /** The history to store with a new password: the replaced one first, cut to what the policy still needs. */
    List<Map<String, Object>> after(Map<String, Object> replaced, List<Map<String, Object>> previous) {
        if (!enabled()) {
            return List.of();
        }
        List<Map<String, Object>> history = new ArrayList<>();
        if (replaced != null) {
            history.add(replaced);
        }
        previous.stream().filter(Objects::nonNull).forEach(history::add);
        return List.copyOf(history.subList(0, Math.min(history.size(), length - 1)));
    }

    private boolean matches(String candidate, PasswordCredentialModel password) {
        PasswordHashProvider hash = session.getProvider(PasswordHashProvider.class,
                password.getPasswordCredentialData().getAlgorithm());
        return hash != null && hash.verify(candidate, password);
    }
}
