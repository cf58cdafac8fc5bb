package dev.kcbundle.arangodb.testserver.aql;

import java.util.Locale;
import java.util.Set;

/** AQL's reserved words (case-insensitive); those outside the supported subset make the parser fail with 1501. */
final class Keywords {

    private static final Set<String> RESERVED = Set.of(
            "FOR",
            "RETURN",
            "FILTER",
            "SEARCH",
            "SORT",
            "LIMIT",
            "LET",
            "COLLECT",
            "WINDOW",
            "INSERT",
            "UPDATE",
            "REPLACE",
            "REMOVE",
            "UPSERT",
            "WITH",
            "AGGREGATE",
            "ALL",
            "ALL_SHORTEST_PATHS",
            "AND",
            "ANY",
            "ASC",
            "DESC",
            "DISTINCT",
            "FALSE",
            "GRAPH",
            "IN",
            "INBOUND",
            "INTO",
            "K_PATHS",
            "K_SHORTEST_PATHS",
            "LIKE",
            "NONE",
            "NOT",
            "NULL",
            "OR",
            "OUTBOUND",
            "SHORTEST_PATH",
            "TRUE");

    private Keywords() {}

    static boolean isReserved(String word) {
        return RESERVED.contains(word.toUpperCase(Locale.ROOT));
    }
}
