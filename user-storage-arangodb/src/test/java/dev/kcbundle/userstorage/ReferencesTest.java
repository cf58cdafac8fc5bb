package dev.kcbundle.userstorage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.GroupProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

class ReferencesTest {

    private final KeycloakSession session = mock(KeycloakSession.class);
    private final GroupProvider groupProvider = mock(GroupProvider.class);
    private final RealmModel realm = mock(RealmModel.class);
    private final References references = new References(session, realm, "component-1");
    private final GroupModel staff = group("id-staff", "staff");
    private final GroupModel teamA = group("id-team-a", "team");
    private final GroupModel teamB = group("id-team-b", "team");
    private final RoleModel editor = role("id-editor", "editor", null);
    private final ClientModel api = client("https://api.example.org/v1");
    private final RoleModel reader = role("id-reader", "reader", api);

    ReferencesTest() {
        when(session.groups()).thenReturn(groupProvider);
        when(realm.getName()).thenReturn("acme");
        when(groupProvider.getGroupById(realm, "id-staff")).thenReturn(staff);
        when(groupProvider.searchForGroupByNameStream(eq(realm), anyString(), eq(true), any(), any()))
                .thenAnswer(call -> Stream.empty());
        when(groupProvider.searchForGroupByNameStream(realm, "staff", true, 0, 2))
                .thenAnswer(call -> Stream.of(staff));
        when(groupProvider.searchForGroupByNameStream(realm, "team", true, 0, 2))
                .thenAnswer(call -> Stream.of(teamA, teamB));
        when(realm.getRoleById("id-editor")).thenReturn(editor);
        when(realm.getRole("editor")).thenReturn(editor);
        when(realm.getClientByClientId("https://api.example.org/v1")).thenReturn(api);
        when(api.getRole("reader")).thenReturn(reader);
    }

    @Test
    void aGroupIsFoundByIdOrByItsUniqueNameOnceEach() {
        assertThat(references.groups(List.of("id-staff", "staff"))).containsExactly(staff);
    }

    @Test
    void aNameSeveralGroupsHaveAndANameNoGroupHasMatchNothing() {
        assertThat(references.groups(List.of("team", "nobody", "id-staff"))).containsExactly(staff);
    }

    @Test
    void theResolvedGroupsAreKeptUntilTheReferencesChange() {
        references.groups(List.of("staff"));
        references.groups(List.of("staff"));
        verify(groupProvider, times(1)).searchForGroupByNameStream(realm, "staff", true, 0, 2);

        references.groups(List.of("staff", "id-staff"));
        verify(groupProvider, times(2)).searchForGroupByNameStream(realm, "staff", true, 0, 2);
    }

    @Test
    void aRoleIsFoundByIdRealmRoleNameOrClientIdSlashNameEvenWhenTheClientIdHasSlashes() {
        assertThat(references.roles(List.of(
                        "id-editor",
                        "editor",
                        "https://api.example.org/v1/reader",
                        "https://api.example.org/v1/writer",
                        "missing",
                        "/reader")))
                .containsExactly(editor, reader);
    }

    @Test
    void everyFormOfAReferenceNamesItsGroupOrRole() {
        assertThat(References.refersTo("id-staff", staff)).isTrue();
        assertThat(References.refersTo("staff", staff)).isTrue();
        assertThat(References.refersTo("/staff", staff)).isTrue();
        assertThat(References.refersTo("/other/staff", staff)).isFalse();
        assertThat(References.refersTo("team", staff)).isFalse();

        assertThat(References.refersTo("id-editor", editor)).isTrue();
        assertThat(References.refersTo("editor", editor)).isTrue();
        assertThat(References.refersTo("https://api.example.org/v1/reader", reader))
                .isTrue();
        assertThat(References.refersTo("reader", reader))
                .as("a client role is not named alone")
                .isFalse();
    }

    @Test
    void aDeletedGroupTakesItsPathAndItsNameEvenAnAmbiguousOneButNotAnotherGroupsId() {
        assertThat(References.removedForms(session, realm, staff)).containsExactly("/staff", "staff");
        assertThat(References.removedForms(session, realm, teamA))
                .as("ambiguous before the delete, the remaining group's name after it")
                .containsExactly("/team", "team");
        GroupModel namedLikeAnId = group("id-other", "id-staff");
        assertThat(References.removedForms(session, realm, namedLikeAnId))
                .as("the reference id-staff names the group staff")
                .containsExactly("/id-staff");
    }

    @Test
    void aDeletedRoleTakesItsNameOrClientIdSlashNameOnlyWhenThatNamesIt() {
        assertThat(references.removedForms(editor)).containsExactly("editor");
        assertThat(references.removedForms(reader)).containsExactly("https://api.example.org/v1/reader");
        RoleModel namedLikeAnId = role("id-other", "id-editor", null);
        when(realm.getRole("id-editor")).thenReturn(namedLikeAnId);
        assertThat(references.removedForms(namedLikeAnId))
                .as("the reference id-editor names the role editor")
                .isEmpty();
    }

    @Test
    void eachProblemIsLoggedOnceAndTheMemoryOfThemIsBounded() {
        LoggedOnce logged = new LoggedOnce();
        assertThat(logged.first("component-1", "Group", "team")).isTrue();
        assertThat(logged.first("component-1", "Group", "team")).isFalse();
        assertThat(logged.first("component-2", "Group", "team")).isTrue();
        for (int i = 0; i < LoggedOnce.MAX_KEYS; i++) {
            logged.first("component-1", "Group", "value-" + i);
        }
        assertThat(logged.first("component-1", "Group", "team"))
                .as("forgotten: the oldest key")
                .isTrue();
    }

    private static GroupModel group(String id, String name) {
        GroupModel group = mock(GroupModel.class);
        when(group.getId()).thenReturn(id);
        when(group.getName()).thenReturn(name);
        return group;
    }

    private static RoleModel role(String id, String name, ClientModel client) {
        RoleModel role = mock(RoleModel.class);
        when(role.getId()).thenReturn(id);
        when(role.getName()).thenReturn(name);
        when(role.isClientRole()).thenReturn(client != null);
        when(role.getContainer()).thenReturn(client);
        return role;
    }

    private static ClientModel client(String clientId) {
        ClientModel client = mock(ClientModel.class);
        when(client.getClientId()).thenReturn(clientId);
        return client;
    }
}
