package dev.kcbundle.arangodb.testserver.aql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kcbundle.arangodb.testserver.store.ArangoError;
import dev.kcbundle.arangodb.testserver.store.Database;
import dev.kcbundle.arangodb.testserver.store.Json;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs one AQL query: parses it (parsed queries are cached by text), checks bind parameters (1551 / 1552) and
 * collections (1203), then executes it under the database's read lock, or its write lock when it modifies data, in
 * which case a failure rolls every write of the query back. A modifying query of a caller who may only read the
 * database fails with 403 / 1004 ("read only") before anything runs.
 */
public final class QueryEngine {

    private static final int CACHE_LIMIT = 1000;

    private final Map<String, Parser.Parsed> cache = new ConcurrentHashMap<>();

    /** Results plus the {@code extra} object ArangoDB returns with a cursor (stats, warnings). */
    public record Result(List<JsonNode> values, ObjectNode extra) {}

    public Result execute(Database database, String query, ObjectNode bindVars) {
        return execute(database, query, bindVars, true);
    }

    public Result execute(Database database, String query, ObjectNode bindVars, boolean mayWrite) {
        Parser.Parsed parsed = parse(query);
        Map<String, JsonNode> binds = new java.util.HashMap<>();
        if (bindVars != null) {
            bindVars.fields().forEachRemaining(e -> binds.put(e.getKey(), e.getValue()));
        }
        checkBindParameters(parsed.bindParameters(), binds);
        QueryContext context = new QueryContext(database, binds);
        checkCollections(parsed.query(), context);
        if (parsed.modifies() && !mayWrite) {
            throw new ArangoError(403, ArangoError.READ_ONLY, "AQL: read only (while executing)");
        }
        long started = System.nanoTime();
        List<JsonNode> values = parsed.modifies()
                ? database.write(() -> modifying(parsed.query(), context))
                : database.read(() -> parsed.query().execute(Scope.EMPTY, context));
        return new Result(values, extra(context, System.nanoTime() - started));
    }

    private Parser.Parsed parse(String query) {
        Parser.Parsed parsed = cache.get(query);
        if (parsed == null) {
            parsed = Parser.parse(query);
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(query, parsed);
        }
        return parsed;
    }

    private static List<JsonNode> modifying(Query query, QueryContext context) {
        try {
            return query.execute(Scope.EMPTY, context);
        } catch (RuntimeException e) {
            context.undo.rollback();
            throw e;
        }
    }

    private static void checkBindParameters(Set<String> declared, Map<String, JsonNode> given) {
        for (String name : declared) {
            if (!given.containsKey(name)) {
                throw new ArangoError(
                        ArangoError.HTTP_BAD,
                        ArangoError.QUERY_BIND_PARAMETER_MISSING,
                        "AQL: no value specified for declared bind parameter '" + name + "' (while parsing)");
            }
        }
        for (String name : given.keySet()) {
            if (!declared.contains(name)) {
                throw new ArangoError(
                        ArangoError.HTTP_BAD,
                        ArangoError.QUERY_BIND_PARAMETER_UNDECLARED,
                        "AQL: bind parameter '" + name + "' was not declared in the query (while parsing)");
            }
        }
    }

    private static void checkCollections(Query query, QueryContext context) {
        Set<String> names = new HashSet<>();
        query.collections(names);
        for (String name : names) {
            String resolved =
                    name.startsWith("@") ? CollectionName.resolve(context.bind(name), name.substring(1)) : name;
            if (context.database.findCollection(resolved) == null) {
                throw new ArangoError(
                        ArangoError.HTTP_NOT_FOUND,
                        ArangoError.DATA_SOURCE_NOT_FOUND,
                        "AQL: collection or view not found: " + resolved + " (while parsing)");
            }
        }
    }

    private static ObjectNode extra(QueryContext context, long nanos) {
        ObjectNode extra = Json.object();
        ArrayNode warnings = extra.putArray("warnings");
        warnings.addAll(context.warnings);
        ObjectNode stats = extra.putObject("stats");
        stats.put("writesExecuted", context.writesExecuted);
        stats.put("writesIgnored", 0);
        stats.put("documentLookups", 0);
        stats.put("seeks", 0);
        stats.put("scannedFull", context.scannedFull);
        stats.put("scannedIndex", context.scannedIndex);
        stats.put("cursorsCreated", 0);
        stats.put("cursorsRearmed", 0);
        stats.put("cacheHits", 0);
        stats.put("cacheMisses", 0);
        stats.put("filtered", context.filtered);
        stats.put("httpRequests", 0);
        stats.put("executionTime", nanos / 1e9);
        stats.put("peakMemoryUsage", 0);
        return extra;
    }
}
