package dev.kcbundle.arangodb.testserver.aql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kcbundle.arangodb.testserver.store.ArangoError;
import dev.kcbundle.arangodb.testserver.store.DocumentCollection;
import dev.kcbundle.arangodb.testserver.store.PersistentIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code FOR variable IN source}. Over a collection, the FILTERs directly after it may narrow the candidates through
 * the primary or a persistent index ({@link IndexLookup}, the first usable one wins; the FILTERs still run on them).
 */
final class ForOperation implements Operation {

    /** {@code SORT variable.attribute [DESC]} then LIMIT right after the FOR: read a persistent index in order. */
    record SortHint(String attribute, boolean ascending, SimpleOperations.Limit limit) {
    }

    private final String variable;
    private final Expr source;
    private final List<IndexLookup> lookups = new ArrayList<>();
    private SortHint sortHint;

    ForOperation(String variable, Expr source) {
        this.variable = variable;
        this.source = source;
    }

    String variable() {
        return variable;
    }

    boolean overCollection() {
        return source instanceof Expr.CollectionRef;
    }

    void addLookup(IndexLookup lookup) {
        lookups.add(lookup);
    }

    void sortHint(SortHint hint) {
        this.sortHint = hint;
    }

    @Override
    public List<Scope> apply(List<Scope> rows, Scope base, QueryContext context) {
        List<Scope> out = new ArrayList<>();
        for (Scope row : rows) {
            for (JsonNode value : values(row, context)) {
                out.add(row.with(variable, value));
            }
        }
        return out;
    }

    private Iterable<? extends JsonNode> values(Scope row, QueryContext context) {
        if (source instanceof Expr.CollectionRef) {
            DocumentCollection collection = context.collection(
                    ((Expr.CollectionRef) source).collection().resolve(context));
            List<ObjectNode> candidates = indexed(collection, row, context);
            if (candidates == null) {
                candidates = inIndexOrder(collection, row, context);
            }
            if (candidates != null) {
                context.scannedIndex += candidates.size();
                return candidates;
            }
            context.scannedFull += collection.count();
            return new ArrayList<>(collection.all());
        }
        JsonNode value = source.eval(row, context);
        if (!value.isArray()) {
            throw new ArangoError(ArangoError.HTTP_BAD, 1563, "AQL: collection or array expected as operand to FOR "
                    + "loop; you provided a value of type '" + typeName(value) + "' (while executing)");
        }
        return value;
    }

    private List<ObjectNode> indexed(DocumentCollection collection, Scope row, QueryContext context) {
        for (IndexLookup lookup : lookups) {
            List<ObjectNode> candidates = lookup.candidates(collection, row, context);
            if (candidates != null) {
                return candidates;
            }
        }
        return null;
    }

    /**
     * The first offset + count documents in the order of the SORT that follows, read from a persistent index. Only
     * without fullCount (which must count every document); the SORT still runs on them and keeps ties stable.
     */
    private List<ObjectNode> inIndexOrder(DocumentCollection collection, Scope row, QueryContext context) {
        if (sortHint == null || context.fullCountRequested) {
            return null;
        }
        Optional<PersistentIndex> index = collection.sortIndexOn(sortHint.attribute());
        if (index.isEmpty()) {
            return null;
        }
        long needed = sortHint.limit().rowsNeeded(row, context);
        List<ObjectNode> documents = new ArrayList<>();
        index.get().keysInOrder(sortHint.ascending(), needed).forEach(key -> documents.add(collection.get(key)));
        return documents;
    }

    static String typeName(JsonNode value) {
        if (value.isNull()) {
            return "null";
        }
        if (value.isBoolean()) {
            return "bool";
        }
        if (value.isNumber()) {
            return "number";
        }
        if (value.isTextual()) {
            return "string";
        }
        return value.isArray() ? "array" : "object";
    }

    @Override
    public void collections(Set<String> names) {
        source.collections(names);
    }
}
