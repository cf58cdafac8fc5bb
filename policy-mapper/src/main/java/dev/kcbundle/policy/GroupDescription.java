package dev.kcbundle.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.keycloak.models.GroupModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/** How a group is shown in the active group claim and by the active-group endpoint: id, name and full path. */
public final class GroupDescription {

    private GroupDescription() {}

    /** The full path, e.g. {@code /university/physics}, built from the cached parent chain as Keycloak does. */
    public static String path(GroupModel group) {
        return KeycloakModelUtils.buildGroupPath(group);
    }

    /** {@code {id, name, path}}, in that order. */
    public static Map<String, String> describe(GroupModel group) {
        Map<String, String> description = new LinkedHashMap<>();
        description.put("id", group.getId());
        description.put("name", group.getName());
        description.put("path", path(group));
        return description;
    }
}
