package dev.kcbundle.userstorage;

import java.util.List;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelValidationException;

/**
 * Bounds on the custom attributes of one ArangoDB user: every value becomes a key of the {@code kc_lookup_keys}
 * index, so a user may hold at most {@value #MAX_VALUES} values in all and no value longer than
 * {@value #MAX_VALUE_LENGTH} characters (Keycloak's user profile refuses longer values of unmanaged attributes
 * itself). A change beyond them is refused (HTTP 400 from the admin API, naming the reason on update) and nothing is
 * written.
 */
public final class AttributeLimits {

    /** Custom attribute values per user, summed over all attributes. */
    public static final int MAX_VALUES = 1000;
    /** Characters (code points) of one custom attribute value. */
    public static final int MAX_VALUE_LENGTH = 2048;

    private static final String CREATED_ATTRIBUTE = "arangodb.user-created.";

    private AttributeLimits() {}

    /** Remembers for this request that the user with this document key is being created (see {@link #check}). */
    public static void markCreated(KeycloakSession session, String key) {
        session.setAttribute(CREATED_ATTRIBUTE + key, Boolean.TRUE);
    }

    /**
     * Refuses setting {@code name} to {@code values} when the user's attributes would exceed a bound, so that
     * Keycloak answers 400: while the user is being created (admin "Create user") with a
     * {@link ModelValidationException}, which the admin API answers with 400 "Could not create user" (the reason is
     * logged); for an existing user with an {@link AttributeLimitExceededException}, which the admin API's user update
     * answers with 400 and the reason. (A {@code ReadOnlyException} during creation would be a 500.)
     */
    public static void check(
            KeycloakSession session, String key, Map<String, List<String>> current, String name, List<String> values) {
        String problem = problem(current, name, values);
        if (problem == null) {
            return;
        }
        if (session.getAttribute(CREATED_ATTRIBUTE + key) != null) {
            throw new ModelValidationException(problem);
        }
        throw new AttributeLimitExceededException(problem);
    }

    /** Why the change is refused, or null when it stays within the bounds. */
    static String problem(Map<String, List<String>> current, String name, List<String> values) {
        for (String value : values) {
            if (value.codePointCount(0, value.length()) > MAX_VALUE_LENGTH) {
                return "Attribute " + name + " has a value longer than " + MAX_VALUE_LENGTH + " characters";
            }
        }
        long total = values.size();
        for (Map.Entry<String, List<String>> attribute : current.entrySet()) {
            if (!attribute.getKey().equals(name)) {
                total += attribute.getValue().size();
            }
        }
        if (total > MAX_VALUES) {
            return "A user may hold at most " + MAX_VALUES + " attribute values (" + name + " would make it " + total
                    + ")";
        }
        return null;
    }
}
