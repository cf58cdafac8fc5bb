package dev.kcbundle.userstorage.document;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The top-level fields one change of a {@link UserDocument} sets or removes; what the document's setters hand out and
 * the store writes as one document update. A later patch's value for a field wins when patches are joined
 * ({@link #and}). Immutable.
 */
public final class UserPatch {

    /** Changes nothing. */
    public static final UserPatch NONE = new UserPatch(Map.of());

    /** Field name to new value; null removes the field. */
    private final Map<String, Object> changes;

    private UserPatch(Map<String, Object> changes) {
        this.changes = changes;
    }

    /** Sets {@code field} to {@code value}; a null value removes the field. */
    public static UserPatch set(String field, Object value) {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put(field, value);
        return new UserPatch(Collections.unmodifiableMap(changes));
    }

    /** Removes {@code field}. */
    public static UserPatch unset(String field) {
        return set(field, null);
    }

    /** This patch followed by {@code later}: where both touch a field, {@code later}'s value counts. */
    public UserPatch and(UserPatch later) {
        if (later.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return later;
        }
        Map<String, Object> joined = new LinkedHashMap<>(changes);
        joined.putAll(later.changes);
        return new UserPatch(Collections.unmodifiableMap(joined));
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** The fields set, with their values (never null). */
    public Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>(changes);
        values.values().removeIf(value -> value == null);
        return values;
    }

    /** The fields removed. */
    public Set<String> removed() {
        return changes.entrySet().stream()
                .filter(change -> change.getValue() == null)
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The fields set or removed. */
    public Set<String> fields() {
        return changes.keySet();
    }

    /** The field names only: a value may be a password hash. */
    @Override
    public String toString() {
        return changes.keySet().toString();
    }
}
