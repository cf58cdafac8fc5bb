package dev.kcbundle.userstorage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.keycloak.common.util.Time;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * The realm's password reuse policies for passwords kept in ArangoDB: {@code passwordHistory(N)} (a new password may
 * equal neither the current one nor the N-1 before it) and {@code passwordAge(D)} ("not recently used": neither the
 * current one nor one used in the last D days). Keycloak's own checks read Keycloak's credential store, which holds no
 * password of an ArangoDB user, so the provider keeps the previous hashes in the document ({@code passwordHistory},
 * newest first) and checks them here with the hash provider each was made with.
 */
final class PasswordHistory {

    /** Keycloak's message keys, so the login theme shows its usual texts. */
    static final String REUSED_MESSAGE = "invalidPasswordHistoryMessage";

    static final String RECENTLY_USED_MESSAGE = "invalidPasswordGenericMessage";

    private final KeycloakSession session;
    private final int length;
    private final int ageDays;

    private PasswordHistory(KeycloakSession session, int length, int ageDays) {
        this.session = session;
        this.length = length;
        this.ageDays = ageDays;
    }

    /** The policies' history length and age, 0 for a policy the realm does not have. */
    static PasswordHistory of(KeycloakSession session, PasswordPolicy policy) {
        return new PasswordHistory(
                session,
                setting(policy, PasswordPolicy.PASSWORD_HISTORY_ID),
                setting(policy, PasswordPolicy.PASSWORD_AGE));
    }

    private static int setting(PasswordPolicy policy, String id) {
        Integer value = policy != null && policy.getPolicies().contains(id) ? policy.getPolicyConfig(id) : null;
        return value == null ? 0 : value;
    }

    boolean enabled() {
        return length > 0 || ageDays > 0;
    }

    /** Throws Keycloak's policy error when the password is the current one or one the policies still remember. */
    void rejectReuse(String newPassword, Map<String, Object> current, List<Map<String, Object>> previous) {
        if (!enabled()) {
            return;
        }
        if (matches(newPassword, current)) {
            throw length > 0 ? reusedError() : recentlyUsedError();
        }
        long recentSince = recentSince();
        for (int i = 0; i < previous.size(); i++) {
            Map<String, Object> stored = previous.get(i);
            if (inHistory(i) && matches(newPassword, stored)) {
                throw reusedError();
            }
            if (recent(stored, recentSince) && matches(newPassword, stored)) {
                throw recentlyUsedError();
            }
        }
    }

    /**
     * The history to store with a new password: the replaced one first, then what the policies still remember (the
     * N-1 newest, and those used in the last D days).
     */
    List<Map<String, Object>> after(Map<String, Object> replaced, List<Map<String, Object>> previous) {
        List<Map<String, Object>> candidates = new ArrayList<>();
        if (replaced != null) {
            candidates.add(replaced);
        }
        previous.stream().filter(Objects::nonNull).forEach(candidates::add);
        long recentSince = recentSince();
        List<Map<String, Object>> kept = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            if (inHistory(i) || recent(candidates.get(i), recentSince)) {
                kept.add(candidates.get(i));
            }
        }
        return List.copyOf(kept);
    }

    /** Whether the i-th previous password (0 = the one before the current) is within passwordHistory(N). */
    private boolean inHistory(int index) {
        return index < length - 1;
    }

    private boolean recent(Map<String, Object> stored, long recentSince) {
        return ageDays > 0 && createdDate(stored) >= recentSince;
    }

    private ModelException reusedError() {
        return new ModelException(REUSED_MESSAGE, length);
    }

    private ModelException recentlyUsedError() {
        return new ModelException(RECENTLY_USED_MESSAGE, ageDays);
    }

    private long recentSince() {
        return Time.currentTimeMillis() - Duration.ofDays(ageDays).toMillis();
    }

    private static long createdDate(Map<String, Object> stored) {
        return stored.get(StoredPassword.CREATED_DATE) instanceof Number created ? created.longValue() : 0;
    }

    private boolean matches(String candidate, Map<String, Object> stored) {
        PasswordCredentialModel password = StoredPassword.fromDocument(stored);
        if (password == null) {
            return LegacyPassword.matches(stored, candidate);
        }
        PasswordHashProvider hash = session.getProvider(
                PasswordHashProvider.class, password.getPasswordCredentialData().getAlgorithm());
        return hash != null && hash.verify(candidate, password);
    }
}
