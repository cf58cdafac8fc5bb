package dev.kcbundle.arangodb.testserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kcbundle.arangodb.testserver.http.RequestListener;
import dev.kcbundle.arangodb.testserver.store.Json;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the requests the in-memory server received per operation, and sums the time it spent answering each (from
 * the request's arrival at its handler to its answer serialized, ready to send), so a benchmark can tell the
 * stand-in's share of a latency from the client's. An operation is the method and the path without the {@code /_db/<name>} prefix and the
 * query string, with document keys and cursor ids as placeholders: {@code "POST /_api/cursor"},
 * {@code "GET /_api/document/users/{key}"}, {@code "POST /_api/cursor/{id}"}. Thread-safe. Also served over HTTP as
 * {@code GET /_admin/kcbundle/requests} (see the module README); reading it is not counted.
 */
public final class RequestCounter implements RequestListener {

    private final Map<String, Tally> operations = new ConcurrentHashMap<>();

    /** Requests and answering time of one operation. */
    private static final class Tally {
        final LongAdder requests = new LongAdder();
        final LongAdder nanos = new LongAdder();
    }

    @Override
    public void received(String operation) {
        tally(operation).requests.increment();
    }

    @Override
    public void answered(String operation, long nanos) {
        tally(operation).nanos.add(nanos);
    }

    private Tally tally(String operation) {
        return operations.computeIfAbsent(operation, k -> new Tally());
    }

    /** Nanoseconds spent answering requests since the start or the last {@link #reset()}, summed over all threads. */
    public long answeringNanos() {
        return operations.values().stream()
                .mapToLong(tally -> tally.nanos.sum())
                .sum();
    }

    /** All requests since the start or the last {@link #reset()}. */
    public long total() {
        return operations.values().stream()
                .mapToLong(tally -> tally.requests.sum())
                .sum();
    }

    /** Requests with this method whose path starts with {@code pathPrefix}, e.g. {@code count("POST", "/_api/cursor")}. */
    public long count(String method, String pathPrefix) {
        String prefix = method + " " + pathPrefix;
        return operations.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .mapToLong(e -> e.getValue().requests.sum())
                .sum();
    }

    /** Request counts per operation, a sorted copy keyed {@code "METHOD /path"}. */
    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        operations.forEach((operation, tally) -> {
            long requests = tally.requests.sum();
            if (requests > 0) {
                copy.put(operation, requests);
            }
        });
        return copy;
    }

    /**
     * {@code {"requests": total, "nanos": total, "operations": {"POST /_api/cursor": {"requests": n, "nanos": t}}}},
     * operations sorted by name.
     */
    @Override
    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("requests", total());
        json.put("nanos", answeringNanos());
        ObjectNode perOperation = json.putObject("operations");
        new TreeMap<>(operations)
                .forEach((operation, tally) -> perOperation
                        .putObject(operation)
                        .put("requests", tally.requests.sum())
                        .put("nanos", tally.nanos.sum()));
        return json;
    }

    public void reset() {
        operations.clear();
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
