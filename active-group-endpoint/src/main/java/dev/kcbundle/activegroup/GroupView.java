package dev.kcbundle.activegroup;

import dev.kcbundle.policy.GroupDescription;
import org.keycloak.models.GroupModel;

/** One group as the endpoint shows it. */
record GroupView(String id, String name, String path) {

    static GroupView of(GroupModel group) {
        return new GroupView(group.getId(), group.getName(), GroupDescription.path(group));
    }
}
