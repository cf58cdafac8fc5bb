package dev.kcbundle.policy;

import java.util.List;
import java.util.Optional;
import org.keycloak.models.GroupModel;
import org.keycloak.models.UserModel;

/**
 * The user's active group: the group whose id the user attribute {@code active_group} holds, and only while the user
 * is still a direct member of it. A membership that ended or a deleted group yields no active group.
 */
public final class ActiveGroups {

    private ActiveGroups() {}

    /** The id stored on the user, without any membership check. */
    public static Optional<String> storedId(UserModel user) {
        return Optional.ofNullable(user.getFirstAttribute(ModelAttributes.ACTIVE_GROUP))
                .map(String::trim)
                .filter(id -> !id.isEmpty());
    }

    /** The active group among the user's groups, re-checked against the current memberships. */
    public static Optional<GroupModel> of(UserModel user, List<GroupModel> userGroups) {
        return storedId(user)
                .flatMap(id -> userGroups.stream()
                        .filter(group -> id.equals(group.getId()))
                        .findFirst());
    }

    /** Direct membership, the same test {@link #of} applies; subgroup members are not members of the parent here. */
    public static boolean isDirectMember(UserModel user, GroupModel group) {
        return user.getGroupsStream().anyMatch(candidate -> group.getId().equals(candidate.getId()));
    }
}
