package dev.kcbundle.arangodb.testserver.aql;

import java.util.List;
import java.util.Set;

/** One statement of a query body (FOR, FILTER, LET, SORT, LIMIT, COLLECT or a data modification). */
interface Operation {

    /** The rows after this statement, given the rows before it; {@code base} is the scope the body started in. */
    List<Scope> apply(List<Scope> rows, Scope base, QueryContext context);

    default void collections(Set<String> names) {}

    default boolean modifies() {
        return false;
    }
}
