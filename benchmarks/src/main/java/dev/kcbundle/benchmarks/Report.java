package dev.kcbundle.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The results of one benchmark run: the table (Markdown), the same as CSV and JSON, seeding times and Keycloak's heap.
 * Each store's throughput is also given as a ratio to Keycloak's own users measured in the same rounds, the figure
 * that stays meaningful on a busy machine.
 */
public final class Report {

    static final String HEADER = "| operation | store | throughput/s (median, min-max) | p50 ms | p95 ms | p99 ms "
            + "| ArangoDB requests per op | stand-in ms per op | errors | x keycloak |";

    private final Map<String, String> conditions = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private final List<Map<String, Object>> seeding = new ArrayList<>();
    private final List<Map<String, Object>> heap = new ArrayList<>();
    private String arangoUnavailable = "n/a";

    void condition(String name, String value) {
        conditions.put(name, value);
    }

    /** What the ArangoDB columns read when there is no request counter, e.g. {@code n/a (no stand-in)}. */
    void arangoColumnsUnavailable(String text) {
        arangoUnavailable = text;
    }

    Row row(int users, int concurrency, Operation operation, Store store) {
        for (Row row : rows) {
            if (row.users == users
                    && row.concurrency == concurrency
                    && row.operation == operation
                    && row.store == store) {
                return row;
            }
        }
        Row row = new Row(users, concurrency, operation, store);
        rows.add(row);
        return row;
    }

    void seeded(Store store, int from, int to, long millis) {
        seeding.add(Map.of(
                "store",
                store.label(),
                "from",
                from,
                "to",
                to,
                "millis",
                millis,
                "usersPerSecond",
                millis == 0 ? 0 : Math.round((to - from) * 1000.0 / millis)));
    }

    void heap(String when, Optional<Long> usedMegabytes) {
        heap.add(Map.of(
                "when",
                when,
                "heapAfterGcMb",
                usedMegabytes.map(String::valueOf).orElse("n/a")));
    }

    public List<Row> rows() {
        return rows;
    }

    /** Throughput of {@code row} divided by Keycloak-local users' in the same rounds; NaN when there is none. */
    double ratioToKeycloak(Row row) {
        Row local = rows.stream()
                .filter(r -> r.users == row.users
                        && r.concurrency == row.concurrency
                        && r.operation == row.operation
                        && r.store == Store.KEYCLOAK)
                .findFirst()
                .orElse(null);
        return local == null || local.medianThroughput() == 0
                ? Double.NaN
                : row.medianThroughput() / local.medianThroughput();
    }

    /** The Markdown tables (one per tenant size and concurrency), seeding times and heap. */
    public String markdown() {
        StringBuilder out = new StringBuilder();
        conditions.forEach((name, value) ->
                out.append("- ").append(name).append(": ").append(value).append('\n'));
        Map<String, List<Row>> groups = rows.stream()
                .collect(Collectors.groupingBy(
                        row -> row.users + " users, concurrency " + row.concurrency,
                        LinkedHashMap::new,
                        Collectors.toList()));
        groups.forEach((title, group) -> {
            out.append("\n**")
                    .append(title)
                    .append("**\n\n")
                    .append(HEADER)
                    .append('\n')
                    .append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
            for (Row row : group) {
                out.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %.1f (%.1f-%.1f) | %.1f | %.1f | %.1f | %s | %s | %d | %s |%n",
                        row.operation.label(),
                        row.store.label(),
                        row.medianThroughput(),
                        row.minThroughput(),
                        row.maxThroughput(),
                        row.percentileMillis(50),
                        row.percentileMillis(95),
                        row.percentileMillis(99),
                        number(row.arangoRequestsPerOperation(), "%.2f", arangoUnavailable),
                        number(row.arangoMillisPerOperation(), "%.2f", arangoUnavailable),
                        row.errors(),
                        number(ratioToKeycloak(row), "%.2f")));
            }
        });
        if (!seeding.isEmpty()) {
            out.append("\nSeeding:\n");
            seeding.forEach(s -> out.append(String.format(
                    Locale.ROOT,
                    "- %s: users %d-%d in %s ms (%s users/s)%n",
                    s.get("store"),
                    (Integer) s.get("from"),
                    (Integer) s.get("to") - 1,
                    s.get("millis"),
                    s.get("usersPerSecond"))));
        }
        if (!heap.isEmpty()) {
            out.append("\nKeycloak heap after GC:\n");
            heap.forEach(h -> out.append("- ")
                    .append(h.get("when"))
                    .append(": ")
                    .append(h.get("heapAfterGcMb"))
                    .append(" MB\n"));
        }
        List<String> errors = rows.stream()
                .filter(row -> row.firstError() != null)
                .map(row -> row.operation.label() + " / " + row.store.label() + ": " + row.firstError())
                .toList();
        if (!errors.isEmpty()) {
            out.append("\nFirst error of each row with errors:\n");
            errors.forEach(e -> out.append("- ").append(e).append('\n'));
        }
        return out.toString();
    }

    String csv() {
        StringBuilder out = new StringBuilder(
                "users,concurrency,operation,store,rounds,throughput_median,throughput_min,"
                        + "throughput_max,p50_ms,p95_ms,p99_ms,arango_requests_per_op,arango_ms_per_op,errors,ratio_to_keycloak\n");
        for (Row row : rows) {
            out.append(String.format(
                    Locale.ROOT,
                    "%d,%d,%s,%s,%d,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%s,%s,%d,%s%n",
                    row.users,
                    row.concurrency,
                    row.operation.cliName(),
                    row.store.label(),
                    row.rounds().size(),
                    row.medianThroughput(),
                    row.minThroughput(),
                    row.maxThroughput(),
                    row.percentileMillis(50),
                    row.percentileMillis(95),
                    row.percentileMillis(99),
                    number(row.arangoRequestsPerOperation(), "%.3f"),
                    number(row.arangoMillisPerOperation(), "%.3f"),
                    row.errors(),
                    number(ratioToKeycloak(row), "%.3f")));
        }
        return out.toString();
    }

    Map<String, Object> json() {
        List<Map<String, Object>> results = new ArrayList<>();
        for (Row row : rows) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("users", row.users);
            result.put("concurrency", row.concurrency);
            result.put("operation", row.operation.cliName());
            result.put("store", row.store.label());
            result.put(
                    "throughputPerRound",
                    row.rounds().stream().map(LoadRound.Result::throughput).toList());
            result.put("throughputMedian", row.medianThroughput());
            result.put("p50Ms", row.percentileMillis(50));
            result.put("p95Ms", row.percentileMillis(95));
            result.put("p99Ms", row.percentileMillis(99));
            double requests = row.arangoRequestsPerOperation();
            result.put("arangoRequestsPerOperation", Double.isNaN(requests) ? null : requests);
            double arangoMillis = row.arangoMillisPerOperation();
            result.put("standInMillisPerOperation", Double.isNaN(arangoMillis) ? null : arangoMillis);
            result.put("errors", row.errors());
            double ratio = ratioToKeycloak(row);
            result.put("ratioToKeycloak", Double.isNaN(ratio) ? null : ratio);
            result.put("firstError", row.firstError());
            results.add(result);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("conditions", conditions);
        json.put("results", results);
        json.put("seeding", seeding);
        json.put("heap", heap);
        return json;
    }

    /** Writes {@code results.md}, {@code results.csv} and {@code results.json} into {@code directory}. */
    void write(Path directory) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("results.md"), markdown());
            Files.writeString(directory.resolve("results.csv"), csv());
            Http.JSON
                    .writerWithDefaultPrettyPrinter()
                    .writeValue(directory.resolve("results.json").toFile(), json());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results into " + directory, e);
        }
    }

    private static String number(double value, String format) {
        return number(value, format, "n/a");
    }

    private static String number(double value, String format, String unavailable) {
        return Double.isNaN(value) ? unavailable : String.format(Locale.ROOT, format, value);
    }
}
