package dev.kcbundle.arangodb.testserver.aql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kcbundle.arangodb.testserver.store.DocumentCollection;
import dev.kcbundle.arangodb.testserver.store.PersistentIndex;
import dev.kcbundle.arangodb.testserver.store.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code FOR variable IN collection}. The FILTERs directly after it may narrow the candidates through the primary or a
 * persistent index ({@link IndexLookup}, the first usable one wins; the FILTERs still run on them).
 * When a {@code SORT variable.attribute} with a LIMIT follows those FILTERs and a persistent index keeps that attribute
 * in order, the FOR may instead walk that index and stop after the offset + count documents passing the FILTERs: the
 * rows the SORT and LIMIT would keep, without touching the rest (see {@link #walkPays}).
 */
final class ForOperation implements Operation {

    /**
     * A candidate the walk skips (a key lookup in the candidate set) costs about this fraction of a candidate the
     * FILTERs and the SORT evaluate.
     */
    private static final int SKIP_COST_DIVISOR = 16;

    /** {@code FILTER}s, then {@code SORT variable.attribute [DESC]}, then {@code LIMIT}, right after the FOR. */
    record SortHint(List<Expr> filters, String attribute, boolean ascending, SimpleOperations.Limit limit) {}

    private final String variable;
    private final CollectionName collection;
    private final List<IndexLookup> lookups = new ArrayList<>();
    private SortHint sortHint;

    ForOperation(String variable, CollectionName collection) {
        this.variable = variable;
        this.collection = collection;
    }

    String variable() {
        return variable;
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

    private List<ObjectNode> values(Scope row, QueryContext context) {
        DocumentCollection collection = context.collection(this.collection.resolve(context));
        Set<String> keys = candidateKeys(collection, row, context);
        List<ObjectNode> walked = walkInSortOrder(collection, keys, row, context);
        if (walked != null) {
            return walked;
        }
        if (keys == null) {
            context.scannedFull += collection.count();
            return new ArrayList<>(collection.all());
        }
        context.scannedIndex += keys.size();
        List<ObjectNode> documents = new ArrayList<>(keys.size());
        keys.forEach(key -> documents.add(collection.get(key)));
        return documents;
    }

    private Set<String> candidateKeys(DocumentCollection collection, Scope row, QueryContext context) {
        for (IndexLookup lookup : lookups) {
            Set<String> keys = lookup.candidateKeys(collection, row, context);
            if (keys != null) {
                return keys;
            }
        }
        return null;
    }

    /**
     * The first offset + count documents passing the FILTERs, in the order of the SORT that follows, read from a
     * persistent index on the sort attribute; null when there is no such index or when sorting the candidates costs
     * less (see {@link #walkPays}). The FILTERs and the SORT still run on the documents returned (the SORT keeps ties
     * in index order).
     */
    private List<ObjectNode> walkInSortOrder(
            DocumentCollection collection, Set<String> keys, Scope row, QueryContext context) {
        if (sortHint == null) {
            return null;
        }
        Optional<PersistentIndex> index = collection.sortIndexOn(sortHint.attribute());
        long needed = sortHint.limit().rowsNeeded(row, context);
        if (index.isEmpty() || !walkPays(keys == null ? collection.count() : keys.size(), collection.count(), needed)) {
            return null;
        }
        List<ObjectNode> documents = new ArrayList<>();
        for (String key : index.get().keysInOrder(sortHint.ascending())) {
            if (documents.size() >= needed) {
                break;
            }
            context.scannedIndex++;
            if (keys == null || keys.contains(key)) {
                ObjectNode document = collection.get(key);
                if (passes(row.with(variable, document), context)) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }

    /**
     * Whether walking the sort index beats sorting the candidates: with {@code candidates} of {@code documents}
     * matching, spread evenly, the walk skips about needed * documents / candidates keys, each far cheaper than
     * evaluating one candidate; sorting evaluates every candidate.
     */
    static boolean walkPays(long candidates, long documents, long needed) {
        if (needed >= candidates) {
            return false;
        }
        return candidates == documents
                || (double) needed * documents / candidates <= (double) SKIP_COST_DIVISOR * candidates;
    }

    private boolean passes(Scope candidate, QueryContext context) {
        for (Expr filter : sortHint.filters()) {
            if (!Values.truthy(filter.eval(candidate, context))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void collections(Set<String> names) {
        collection.collect(names);
    }
}
