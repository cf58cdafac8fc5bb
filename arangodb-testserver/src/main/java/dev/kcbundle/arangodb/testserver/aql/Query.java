package dev.kcbundle.arangodb.testserver.aql;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcbundle.arangodb.testserver.store.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A query body: statements, then RETURN (absent only after a data modification). */
final class Query {

    private final List<Operation> operations;
    private final Expr returnValue;

    Query(List<Operation> operations, Expr returnValue) {
        this.operations = List.copyOf(operations);
        this.returnValue = returnValue;
    }

    List<Operation> operations() {
        return operations;
    }

    boolean modifies() {
        return operations.stream().anyMatch(Operation::modifies);
    }

    void collections(Set<String> names) {
        operations.forEach(o -> o.collections(names));
    }

    List<JsonNode> execute(Scope base, QueryContext context) {
        List<Scope> rows = new ArrayList<>();
        rows.add(base);
        for (Operation operation : operations) {
            rows = operation.apply(rows, base, context);
        }
        List<JsonNode> results = new ArrayList<>(rows.size());
        if (returnValue == null) {
            return results;
        }
        for (Scope row : rows) {
            results.add(Values.orNull(returnValue.eval(row, context)));
        }
        return results;
    }
}
