package dev.kcbundle.arangodb.testserver.aql;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcbundle.arangodb.testserver.store.DocumentCollection;
import dev.kcbundle.arangodb.testserver.store.PersistentIndex;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A way to narrow the documents of a FOR through indexes, found in the FILTERs right after it: the union over its
 * branches (the parts of an {@code OR}; one branch without {@code OR}), each answered by the first of its
 * equalities an index can answer. Usable only when every branch is; the FILTER still runs on the candidates.
 */
record IndexLookup(List<List<Equality>> branches) {

    /**
     * {@code variable.attribute == value}, or {@code value IN variable.path[*]} (attribute {@code path[*]}, answered by
     * an array index); {@code value} does not depend on the loop variable.
     */
    record Equality(String attribute, Expr value) {}

    static IndexLookup of(Equality equality) {
        return new IndexLookup(List.of(List.of(equality)));
    }

    /**
     * The keys of the candidate documents (a view of the index: read it before the query writes), or null when some
     * branch has no equality an index can answer.
     */
    Set<String> candidateKeys(DocumentCollection collection, Scope row, QueryContext context) {
        if (branches.size() == 1) {
            return firstAnswered(branches.get(0), collection, row, context);
        }
        Set<String> union = new LinkedHashSet<>();
        for (List<Equality> branch : branches) {
            Set<String> found = firstAnswered(branch, collection, row, context);
            if (found == null) {
                return null;
            }
            union.addAll(found);
        }
        return union;
    }

    private static Set<String> firstAnswered(
            List<Equality> equalities, DocumentCollection collection, Scope row, QueryContext context) {
        for (Equality equality : equalities) {
            Set<String> found = answer(equality, collection, row, context);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static Set<String> answer(
            Equality equality, DocumentCollection collection, Scope row, QueryContext context) {
        if (equality.attribute().equals("_key")) {
            JsonNode key = equality.value().eval(row, context);
            return key.isTextual() && collection.get(key.textValue()) != null ? Set.of(key.textValue()) : Set.of();
        }
        Optional<PersistentIndex> index = collection.equalityIndexOn(equality.attribute());
        return index.isEmpty() ? null : index.get().lookup(equality.value().eval(row, context));
    }
}
