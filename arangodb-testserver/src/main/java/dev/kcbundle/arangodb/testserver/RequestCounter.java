package dev.kcbundle.arangodb.testserver;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the requests the in-memory server received, per method and path. Paths are counted without the
 * {@code /_db/<name>} prefix and without the query string, e.g. {@code "POST /_api/cursor"}. Also sums the time the
 * server spent answering (from the request's arrival at its handler to the response sent), so a benchmark can tell
 * the stand-in's share of a latency from the client's. Thread-safe.
 */
public final class RequestCounter {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final LongAdder answeringNanos = new LongAdder();

    void record(String method, String path) {
        counts.computeIfAbsent(method + " " + path, k -> new LongAdder()).increment();
    }

    void recordAnswerTime(long nanos) {
        answeringNanos.add(nanos);
    }

    /** Nanoseconds spent answering requests since the start or the last {@link #reset()}, summed over all threads. */
    public long answeringNanos() {
        return answeringNanos.sum();
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
        answeringNanos.reset();
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
