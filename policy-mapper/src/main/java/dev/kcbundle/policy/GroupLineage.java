package dev.kcbundle.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.keycloak.models.GroupModel;

/** A group and its parents up to the top level, walked through the (cached) group models themselves. */
final class GroupLineage {

    private GroupLineage() {}

    /** The group first, then its parent, grand-parent, ... A cycle (corrupt data) ends the walk instead of looping. */
    static List<GroupModel> selfAndAncestors(GroupModel group) {
        List<GroupModel> lineage = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (GroupModel current = group; current != null && seen.add(current.getId()); current = parentOf(current)) {
            lineage.add(current);
        }
        return lineage;
    }

    /** Every group in the given groups' lineages, each once. */
    static Stream<GroupModel> withAncestors(Stream<GroupModel> groups) {
        Set<String> seen = new HashSet<>();
        return groups.flatMap(group -> selfAndAncestors(group).stream()).filter(group -> seen.add(group.getId()));
    }

    private static GroupModel parentOf(GroupModel group) {
        return group.getParentId() == null ? null : group.getParent();
    }
}
