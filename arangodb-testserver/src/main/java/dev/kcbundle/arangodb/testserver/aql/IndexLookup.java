package dev.kcbundle.arangodb.testserver.aql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kcbundle.arangodb.testserver.store.DocumentCollection;
import dev.kcbundle.arangodb.testserver.store.PersistentIndex;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    record Equality(String attribute, Expr value) {
    }

    static IndexLookup of(Equality equality) {
        return new IndexLookup(List.of(List.of(equality)));
    }

    /** The candidate documents, or null when some branch has no equality an index can answer. */
    List<ObjectNode> candidates(DocumentCollection collection, Scope row, QueryContext context) {
        if (branches.size() == 1) {
            return firstAnswered(branches.get(0), collection, row, context);
        }
        Map<String, ObjectNode> union = new LinkedHashMap<>();
        for (List<Equality> branch : branches) {
            List<ObjectNode> found = firstAnswered(branch, collection, row, context);
            if (found == null) {
                return null;
            }
            found.forEach(document -> union.putIfAbsent(document.get("_key").textValue(), document));
        }
        return new ArrayList<>(union.values());
    }

    private static List<ObjectNode> firstAnswered(List<Equality> equalities, DocumentCollection collection, Scope row,
                                                  QueryContext context) {
        for (Equality equality : equalities) {
            List<ObjectNode> found = answer(equality, collection, row, context);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static List<ObjectNode> answer(Equality equality, DocumentCollection collection, Scope row,
                                           QueryContext context) {
        if (equality.attribute().equals("_key")) {
            JsonNode key = equality.value().eval(row, context);
            ObjectNode document = key.isTextual() ? collection.get(key.textValue()) : null;
            return document == null ? List.of() : List.of(document);
        }
        Optional<PersistentIndex> index = collection.equalityIndexOn(equality.attribute());
        if (index.isEmpty()) {
            return null;
        }
        Set<String> keys = index.get().lookup(equality.value().eval(row, context));
        if (keys == null) {
            return null;
        }
        List<ObjectNode> documents = new ArrayList<>(keys.size());
        keys.forEach(key -> documents.add(collection.get(key)));
        return documents;
    }
}
