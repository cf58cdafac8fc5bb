package dev.kcbundle.policy;

import static dev.kcbundle.policy.Models.group;
import static dev.kcbundle.policy.Models.realmRole;
import static dev.kcbundle.policy.Models.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

class EffectivePoliciesTest {

    private final GroupModel university = group("g-uni", "university", null, "campus:enter");
    private final GroupModel faculty = group("g-fac", "faculty", university, "academic:read");
    private final GroupModel physics = group("g-phy", "physics", faculty, "lab:use", "academic:read");
    private final GroupModel sports = group("g-spo", "sports", null, "gym:enter");

    @Test
    void unionOfUserRolesAndGroupsWithTheirParentsSortedWithoutDuplicates() {
        UserModel user = user(List.of(physics, sports), null, "self:read", "academic:read");
        Set<RoleModel> roles = Set.of(realmRole("editor", "contact:write"), realmRole("viewer", "contact:read"));

        assertThat(EffectivePolicies.of(user, roles, Stream.of(physics, sports)))
                .containsExactly(
                        "academic:read",
                        "campus:enter",
                        "contact:read",
                        "contact:write",
                        "gym:enter",
                        "lab:use",
                        "self:read");
    }

    @Test
    void onlyTheGivenGroupsAndTheirParentsContribute() {
        UserModel user = user(List.of(physics, sports), "g-spo");

        assertThat(EffectivePolicies.of(user, Set.of(), Stream.of(sports))).containsExactly("gym:enter");
        assertThat(EffectivePolicies.of(user, Set.of(), Stream.of(faculty)))
                .containsExactly("academic:read", "campus:enter");
    }

    @Test
    void blankValuesAreDroppedAndValuesTrimmed() {
        UserModel user = user(List.of(), null, " self:read ", "", "   ");

        assertThat(EffectivePolicies.of(user, Set.of(), Stream.empty())).containsExactly("self:read");
    }

    @Test
    void aUserWithoutAnyPolicyHasAnEmptySet() {
        assertThat(EffectivePolicies.of(user(List.of(), null), Set.of(realmRole("plain")), Stream.empty()))
                .isEmpty();
    }

    @Test
    void aParentCycleEndsTheWalkInsteadOfLooping() {
        GroupModel a = Models.group("a", "a", null, "a:read");
        GroupModel b = Models.group("b", "b", a, "b:read");
        org.mockito.Mockito.when(a.getParentId()).thenReturn("b");
        org.mockito.Mockito.when(a.getParent()).thenReturn(b);

        assertThat(GroupLineage.selfAndAncestors(b)).containsExactly(b, a);
        assertThat(EffectivePolicies.of(user(List.of(b), null), Set.of(), Stream.of(b)))
                .containsExactly("a:read", "b:read");
    }
}
