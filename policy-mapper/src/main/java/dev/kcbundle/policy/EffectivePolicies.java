package dev.kcbundle.policy;

import java.util.Collection;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * The effective policy set of a user: the user's own {@code policies}, those of every effective role, and those of the
 * chosen groups and all their parents; trimmed, blank values dropped, de-duplicated and sorted.
 * Reads attributes of models Keycloak already loaded; it issues no query of its own.
 */
final class EffectivePolicies {

    private EffectivePolicies() {}

    /**
     * @param user           the user whose own policies count
     * @param effectiveRoles the user's roles with composites already expanded
     * @param policyGroups   the groups whose policies count (their parents are added here)
     */
    static SortedSet<String> of(UserModel user, Collection<RoleModel> effectiveRoles, Stream<GroupModel> policyGroups) {
        SortedSet<String> policies = new TreeSet<>();
        addAll(policies, user.getAttributeStream(ModelAttributes.POLICIES));
        effectiveRoles.forEach(role -> addAll(policies, role.getAttributeStream(ModelAttributes.POLICIES)));
        GroupLineage.withAncestors(policyGroups)
                .forEach(group -> addAll(policies, group.getAttributeStream(ModelAttributes.POLICIES)));
        return policies;
    }

    private static void addAll(SortedSet<String> policies, Stream<String> values) {
        if (values == null) {
            return;
        }
        values.filter(Objects::nonNull)
                .map(String::trim)
                .filter(value -> !value.isEmpty())
                .forEach(policies::add);
    }

    /** For callers holding a single group or none. */
    static Stream<GroupModel> only(GroupModel group) {
        return group == null ? Stream.empty() : Stream.of(group);
    }
}
