package dev.kcbundle.policy;

import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPAttributePermissions;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.representations.userprofile.config.UPConfig.UnmanagedAttributePolicy;

/**
 * Whether admins can set a user's own {@code policies} in a realm: Keycloak 26 keeps (and shows) a user attribute only
 * when the realm's user profile declares it, or when unmanaged attributes are editable by admins. The template realm
 * and the tenant command declare it (group "Access", with display names and help texts from this jar's messages).
 */
final class PoliciesAttribute {

    private static final String ADMIN = "admin";

    private PoliciesAttribute() {}

    static boolean editableByAdmins(UPConfig userProfile) {
        if (userProfile == null) {
            return false;
        }
        UnmanagedAttributePolicy unmanaged = userProfile.getUnmanagedAttributePolicy();
        if (unmanaged == UnmanagedAttributePolicy.ENABLED || unmanaged == UnmanagedAttributePolicy.ADMIN_EDIT) {
            return true;
        }
        UPAttribute declared =
                userProfile.getAttributes() == null ? null : userProfile.getAttribute(ModelAttributes.POLICIES);
        UPAttributePermissions permissions = declared == null ? null : declared.getPermissions();
        return permissions != null
                && permissions.getEdit() != null
                && permissions.getEdit().contains(ADMIN);
    }
}
