package dev.kcbundle.activegroup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kcbundle.policy.ActiveGroups;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.keycloak.models.GroupModel;
import org.keycloak.models.UserModel;

/**
 * The answer of GET and PUT: the caller's groups sorted by path, and the active group (null when none is chosen, or
 * when the chosen group is no longer one of the caller's groups: the same re-check the token mapper makes).
 */
record ActiveGroupState(
        List<GroupView> groups,

        @JsonProperty("active_group") @JsonInclude(JsonInclude.Include.ALWAYS)
        GroupView activeGroup) {

    static ActiveGroupState of(UserModel user) {
        List<GroupModel> userGroups = user.getGroupsStream().collect(Collectors.toList());
        Optional<GroupModel> active = ActiveGroups.of(user, userGroups);
        return new ActiveGroupState(
                userGroups.stream()
                        .map(GroupView::of)
                        .sorted(Comparator.comparing(GroupView::path))
                        .collect(Collectors.toList()),
                active.map(GroupView::of).orElse(null));
    }
}
