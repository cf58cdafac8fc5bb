package dev.kcbundle.benchmarks;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * One line of the result table: an operation against one store at one tenant size and concurrency, summed over its
 * rounds. Throughput is the median of the rounds with their minimum and maximum (the spread); latency percentiles come
 * from the rounds' histograms merged.
 */
final class Row {

    final int users;
    final int concurrency;
    final Operation operation;
    final Store store;
    private final List<LoadRound.Result> rounds = new ArrayList<>();

    Row(int users, int concurrency, Operation operation, Store store) {
        this.users = users;
        this.concurrency = concurrency;
        this.operation = operation;
        this.store = store;
    }

    void add(LoadRound.Result round) {
        rounds.add(round);
    }

    List<LoadRound.Result> rounds() {
        return rounds;
    }

    double medianThroughput() {
        double[] sorted = rounds.stream()
                .mapToDouble(LoadRound.Result::throughput)
                .sorted()
                .toArray();
        if (sorted.length == 0) {
            return 0;
        }
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    double minThroughput() {
        return rounds.stream().mapToDouble(LoadRound.Result::throughput).min().orElse(0);
    }

    double maxThroughput() {
        return rounds.stream().mapToDouble(LoadRound.Result::throughput).max().orElse(0);
    }

    /** Latency percentile in milliseconds over every round. */
    double percentileMillis(double percentile) {
        Histogram merged = new Histogram(3);
        rounds.forEach(round -> merged.add(round.latencyMicros()));
        return merged.getTotalCount() == 0 ? 0 : merged.getValueAtPercentile(percentile) / 1000.0;
    }

    long operations() {
        return rounds.stream().mapToLong(LoadRound.Result::operations).sum();
    }

    long errors() {
        return rounds.stream().mapToLong(LoadRound.Result::errors).sum();
    }

    /** ArangoDB requests per successful operation; NaN without a request counter. */
    double arangoRequestsPerOperation() {
        if (rounds.stream().anyMatch(round -> round.arangoRequests() < 0) || operations() == 0) {
            return Double.NaN;
        }
        return rounds.stream().mapToLong(LoadRound.Result::arangoRequests).sum() / (double) operations();
    }

    /** The stand-in's time answering ArangoDB requests per successful operation, in ms; NaN without a counter. */
    double arangoMillisPerOperation() {
        if (rounds.stream().anyMatch(round -> round.arangoNanos() < 0) || operations() == 0) {
            return Double.NaN;
        }
        return rounds.stream().mapToLong(LoadRound.Result::arangoNanos).sum() / 1e6 / operations();
    }

    String firstError() {
        return rounds.stream()
                .map(LoadRound.Result::firstError)
                .filter(e -> e != null)
                .findFirst()
                .orElse(null);
    }
}
