package dev.kcbundle.policy;

import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/** Small Mockito stand-ins of Keycloak's model interfaces, answering only what the mapper reads. */
final class Models {

    private Models() {}

    static GroupModel group(String id, String name, GroupModel parent, String... policies) {
        String parentId = parent == null ? null : parent.getId();
        GroupModel group = mock(GroupModel.class, "group " + name);
        lenient().when(group.getId()).thenReturn(id);
        lenient().when(group.getName()).thenReturn(name);
        lenient().when(group.getParent()).thenReturn(parent);
        lenient().when(group.getParentId()).thenReturn(parentId);
        lenient().when(group.getAttributeStream(ModelAttributes.POLICIES)).thenAnswer(call -> Arrays.stream(policies));
        return group;
    }

    static RoleModel realmRole(String name, String... policies) {
        RealmModel realm = mock(RealmModel.class);
        RoleModel role = mock(RoleModel.class, "realm role " + name);
        lenient().when(role.getName()).thenReturn(name);
        lenient().when(role.isClientRole()).thenReturn(false);
        lenient().when(role.getContainer()).thenReturn(realm);
        lenient().when(role.getAttributeStream(ModelAttributes.POLICIES)).thenAnswer(call -> Arrays.stream(policies));
        return role;
    }

    static RoleModel clientRole(String clientId, String name, String... policies) {
        ClientModel client = mock(ClientModel.class, "client " + clientId);
        lenient().when(client.getClientId()).thenReturn(clientId);
        RoleModel role = mock(RoleModel.class, "client role " + clientId + ":" + name);
        lenient().when(role.getName()).thenReturn(name);
        lenient().when(role.isClientRole()).thenReturn(true);
        lenient().when(role.getContainer()).thenReturn(client);
        lenient().when(role.getAttributeStream(ModelAttributes.POLICIES)).thenAnswer(call -> Arrays.stream(policies));
        return role;
    }

    static UserModel user(List<GroupModel> groups, String activeGroupId, String... policies) {
        UserModel user = mock(UserModel.class, "user");
        lenient().when(user.getId()).thenReturn("user-1");
        lenient().when(user.getGroupsStream()).thenAnswer(call -> groups.stream());
        lenient().when(user.getFirstAttribute(ModelAttributes.ACTIVE_GROUP)).thenReturn(activeGroupId);
        lenient().when(user.getAttributeStream(ModelAttributes.POLICIES)).thenAnswer(call -> Arrays.stream(policies));
        lenient()
                .when(user.getAttributeStream(ModelAttributes.ACTIVE_GROUP))
                .thenAnswer(call -> activeGroupId == null ? Stream.empty() : Stream.of(activeGroupId));
        return user;
    }

    static Map<String, String> config(String... keysAndValues) {
        java.util.Map<String, String> config = new java.util.HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return config;
    }
}
