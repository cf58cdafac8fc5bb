package dev.kcbundle.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * Runs one operation against one realm with a fixed number of concurrent workers (closed loop: each worker sends its
 * next request when the previous one answered) for a fixed time, after a warm-up of the same workers that is not
 * recorded. Latencies go into an HdrHistogram (microseconds, 3 significant digits).
 */
final class LoadRound {

    private static final long MAX_LATENCY_MICROS = 300_000_000L;

    private LoadRound() {}

    /**
     * What one round measured; {@code arangoRequests} and {@code arangoNanos} (the stand-in's time answering them) are
     * -1 when no request counter is available.
     */
    record Result(
            Histogram latencyMicros,
            long operations,
            long errors,
            long nanos,
            long arangoRequests,
            long arangoNanos,
            String firstError) {

        double throughput() {
            return operations * 1e9 / nanos;
        }
    }

    /**
     * @param workers         one prepared call per worker ({@link Operation#prepare}, done before the clock starts)
     * @param arangoRequests  the stand-in's request counter (it may be absent)
     */
    static Result run(
            List<Operation.Call> workers, long warmupNanos, long measureNanos, StandInCounter arangoRequests) {
        int count = workers.size();
        List<Histogram> histograms = new ArrayList<>();
        long[] operations = new long[count];
        long[] errors = new long[count];
        AtomicReference<String> firstError = new AtomicReference<>();
        CountDownLatch warmedUp = new CountDownLatch(count);
        CountDownLatch measuring = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(count);
        long[] window = new long[2];
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < count; w++) {
            Histogram histogram = new Histogram(MAX_LATENCY_MICROS, 3);
            histograms.add(histogram);
            int worker = w;
            Operation.Call call = workers.get(w);
            Thread thread = new Thread(
                    () -> {
                        long warmupEnd = System.nanoTime() + warmupNanos;
                        while (System.nanoTime() < warmupEnd) {
                            runOnce(call, null, firstError);
                        }
                        warmedUp.countDown();
                        await(measuring);
                        long end = window[1];
                        while (System.nanoTime() < end) {
                            long start = System.nanoTime();
                            if (runOnce(call, histogram, firstError)) {
                                histogram.recordValue(Math.min(MAX_LATENCY_MICROS, (System.nanoTime() - start) / 1000));
                                operations[worker]++;
                            } else {
                                errors[worker]++;
                            }
                        }
                        done.countDown();
                    },
                    "bench-worker-" + w);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        await(warmedUp);
        Optional<StandInCounter.Reading> before = arangoRequests.read();
        window[0] = System.nanoTime();
        window[1] = window[0] + measureNanos;
        measuring.countDown();
        await(done);
        long elapsed = System.nanoTime() - window[0];
        StandInCounter.Reading arango = before.map(
                        b -> arangoRequests.read().orElseThrow().minus(b))
                .orElse(new StandInCounter.Reading(-1, -1));
        Histogram total = new Histogram(MAX_LATENCY_MICROS, 3);
        histograms.forEach(total::add);
        long ops = 0;
        long errs = 0;
        for (int w = 0; w < count; w++) {
            ops += operations[w];
            errs += errors[w];
        }
        return new Result(total, ops, errs, elapsed, arango.requests(), arango.nanos(), firstError.get());
    }

    private static boolean runOnce(Operation.Call call, Histogram histogram, AtomicReference<String> firstError) {
        try {
            call.run();
            return true;
        } catch (RuntimeException e) {
            if (histogram != null) {
                firstError.compareAndSet(null, e.getMessage());
            }
            return false;
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted", e);
        }
    }
}
