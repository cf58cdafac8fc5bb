package dev.kcbundle.userstorage;

import java.util.List;
import java.util.Map;

/**
 * Bounds on the custom attributes of one ArangoDB user: every value becomes a key of the {@code kc_lookup_keys}
 * index, so a user may hold at most {@value #MAX_VALUES} values in all and no value longer than
 * {@value #MAX_VALUE_LENGTH} characters (Keycloak's user profile refuses longer values of unmanaged attributes
 * itself). A change beyond them is refused ({@link AttributeLimitExceededException}: HTTP 400 with the reason from the
 * admin API) and nothing is written.
 */
public final class AttributeLimits {

    /** Custom attribute values per user, summed over all attributes. */
    public static final int MAX_VALUES = 1000;
    /** Characters (code points) of one custom attribute value. */
    public static final int MAX_VALUE_LENGTH = 2048;

    private AttributeLimits() {
    }

    /**
     * Refuses setting {@code name} to {@code values} when the user's attributes would exceed a bound.
     *
     * @throws AttributeLimitExceededException naming the bound
     */
    public static void check(Map<String, List<String>> current, String name, List<String> values) {
        String problem = problem(current, name, values);
        if (problem != null) {
            throw new AttributeLimitExceededException(problem);
        }
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
            return "A user may hold at most " + MAX_VALUES + " attribute values (" + name + " would make it "
                    + total + ")";
        }
        return null;
    }
}
