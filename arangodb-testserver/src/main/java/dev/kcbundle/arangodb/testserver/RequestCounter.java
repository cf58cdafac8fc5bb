package dev.kcbundle.arangodb.testserver;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the requests the in-memory server received, per method and path. Paths are counted without the
 * {@code /_db/<name>} prefix and without the query string, e.g. {@code "POST /_api/cursor"}. Thread-safe.
 */
public final class RequestCounter {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void record(String method, String path) {
        counts.computeIfAbsent(method + " " + path, k -> new LongAdder()).increment();
    }

    /** All requests since the start or the last {@link #reset()}. */
    public long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Requests with this method whose path starts with {@code pathPrefix}, e.g. {@code count("POST", "/_api/cursor")}. */
    public long count(String method, String pathPrefix) {
        String prefix = method + " " + pathPrefix;
        return counts.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .mapToLong(e -> e.getValue().sum())
                .sum();
    }

    /** A sorted copy keyed {@code "METHOD /path"}. */
    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((key, value) -> {
            long sum = value.sum();
            if (sum > 0) {
                copy.put(key, sum);
            }
        });
        return copy;
    }

    public void reset() {
        counts.clear();
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
