package dev.kcbundle.arangodb.testserver.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** The writes of one operation, so a failing AQL query leaves the data as it found it (ArangoDB queries are atomic). */
public final class UndoLog {

    private record Change(DocumentCollection collection, String key, ObjectNode previous) {}

    private final List<Change> changes = new ArrayList<>();

    void record(DocumentCollection collection, String key, ObjectNode previous) {
        changes.add(new Change(collection, key, previous));
    }

    public int size() {
        return changes.size();
    }

    /** Restores every recorded document, newest change first. */
    public void rollback() {
        for (int i = changes.size() - 1; i >= 0; i--) {
            Change change = changes.get(i);
            change.collection().restore(change.key(), change.previous());
        }
        changes.clear();
    }
}
