package dev.kcbundle.userstorage;

import dev.kcbundle.userstorage.document.UserDocument;
import dev.kcbundle.userstorage.document.UserPatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

/**
 * Role mappings written by earlier versions of this provider are role names ({@code roles.realm}) and role names by
 * clientId ({@code roles.clients}). When such a document is read, the names are looked up in the realm as it is now
 * and the document is switched to role ids in memory; the id form is stored with the document's next write. Names
 * of roles that no longer exist are dropped.
 */
final class LegacyRoles {

    private LegacyRoles() {}

    /** The patch storing the id form, or {@link UserPatch#NONE} when the document already has it. */
    static UserPatch upgrade(RealmModel realm, UserDocument document) {
        if (!document.hasLegacyRoles()) {
            return UserPatch.NONE;
        }
        List<String> roleIds = new ArrayList<>();
        document.legacyRealmRoles().stream()
                .map(realm::getRole)
                .filter(Objects::nonNull)
                .forEach(role -> roleIds.add(role.getId()));
        document.legacyClientRoles().forEach((clientId, names) -> {
            ClientModel client = realm.getClientByClientId(clientId);
            if (client != null) {
                names.stream()
                        .map(client::getRole)
                        .filter(Objects::nonNull)
                        .map(RoleModel::getId)
                        .forEach(roleIds::add);
            }
        });
        return document.setRoleIds(roleIds.stream().distinct().toList());
    }
}
