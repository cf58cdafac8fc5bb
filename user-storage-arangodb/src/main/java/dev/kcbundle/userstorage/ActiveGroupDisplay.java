package dev.kcbundle.userstorage;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.userprofile.AttributeContext;
import org.keycloak.userprofile.AttributeMetadata;
import org.keycloak.userprofile.UserProfileMetadata;

/**
 * Shows a user's active group in the admin console as the group's path, not its id. The user profile attribute
 * {@code active_group} holds the id (what tokens and the active-group endpoint use); for the user in view this adds
 * the annotations the console's user form reads to label a value: a select field whose one option, the stored id, is
 * labelled with the path ({@code inputType=select}, {@code inputOptionLabels={id: path}}). Admins cannot edit the
 * attribute (the template declares it read-only for them), so the field is a read-only display. One cached group
 * lookup per user form; nothing when the realm does not declare the attribute or the user has no active group.
 */
final class ActiveGroupDisplay {

    static final String ACTIVE_GROUP = "active_group";

    private ActiveGroupDisplay() {}

    static List<AttributeMetadata> decorate(UserProfileMetadata metadata) {
        return metadata.getAttribute(ACTIVE_GROUP).stream()
                .map(declared -> {
                    AttributeMetadata shown = declared.clone();
                    shown.setAnnotationDecorator(context -> annotations(declared, context));
                    return shown;
                })
                .toList();
    }

    private static Map<String, Object> annotations(AttributeMetadata declared, AttributeContext context) {
        Map<String, Object> declaredAnnotations = declared.getAnnotations(context);
        Map<String, Object> annotations =
                declaredAnnotations == null ? new HashMap<>() : new HashMap<>(declaredAnnotations);
        UserModel user = context.getUser();
        KeycloakSession session = context.getSession();
        RealmModel realm = session.getContext().getRealm();
        String groupId = user == null || realm == null ? null : user.getFirstAttribute(ACTIVE_GROUP);
        GroupModel group = groupId == null ? null : session.groups().getGroupById(realm, groupId);
        if (group != null) {
            annotations.put("inputType", "select");
            annotations.put("inputOptionLabels", Map.of(groupId, KeycloakModelUtils.buildGroupPath(group)));
        }
        return annotations;
    }
}
