package dev.kcbundle.arangodb.testserver.aql;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcbundle.arangodb.testserver.store.Values;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A query body: statements, then RETURN [DISTINCT] (absent only after a data modification). */
final class Query {

    private final List<Operation> operations;
    private final Expr returnValue;
    private final boolean distinct;

    Query(List<Operation> operations, Expr returnValue, boolean distinct) {
        this.operations = List.copyOf(operations);
        this.returnValue = returnValue;
        this.distinct = distinct;
    }

    List<Operation> operations() {
        return operations;
    }

    boolean modifies() {
        return operations.stream().anyMatch(Operation::modifies);
    }

    void collections(Set<String> names) {
        operations.forEach(o -> o.collections(names));
        if (returnValue != null) {
            returnValue.collections(names);
        }
    }

    /** Marks the last top-level LIMIT as the one {@code fullCount} counts before. */
    void markLastLimit() {
        for (int i = operations.size() - 1; i >= 0; i--) {
            if (operations.get(i) instanceof SimpleOperations.Limit) {
                ((SimpleOperations.Limit) operations.get(i)).markLastTopLevel();
                return;
            }
        }
    }

    List<JsonNode> execute(Scope base, QueryContext context, boolean topLevel) {
        List<Scope> rows = new ArrayList<>();
        rows.add(base);
        for (Operation operation : operations) {
            rows = operation.apply(rows, base, context);
        }
        List<JsonNode> results = new ArrayList<>(rows.size());
        if (returnValue == null) {
            return results;
        }
        Set<Object> seen = distinct ? new HashSet<>() : null;
        for (Scope row : rows) {
            JsonNode value = Values.orNull(returnValue.eval(row, context));
            if (seen == null || seen.add(Values.canonical(value))) {
                results.add(value);
            }
        }
        return results;
    }
}
