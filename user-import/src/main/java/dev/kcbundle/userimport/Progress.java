package dev.kcbundle.userimport;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long run, on standard error: on a terminal a progress bar (me.tongfei:progressbar: rate, elapsed
 * time and ETA, redrawn in place); otherwise (a log file, CI) a plain line every {@value #LINE_SECONDS} seconds, since
 * a redrawn bar would fill a log with control characters.
 */
public interface Progress extends AutoCloseable {

    int LINE_SECONDS = 10;

    void step();

    @Override
    void close();

    /** No output (tests, tiny runs). */
    static Progress none() {
        return new Progress() {
            @Override
            public void step() {}

            @Override
            public void close() {}
        };
    }

    /** A bar on a terminal, lines elsewhere; {@code total} -1 when unknown. */
    static Progress on(PrintStream err, String task, long total, boolean terminal) {
        return terminal ? bar(err, task, total) : lines(err, task, total, System::nanoTime);
    }

    private static Progress bar(PrintStream err, String task, long total) {
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setUnit(" users", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(err))
                .setUpdateIntervalMillis(500)
                .showSpeed()
                .build();
        return new Progress() {
            private boolean closed;

            @Override
            public void step() {
                bar.step();
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    bar.close();
                }
            }
        };
    }

    static Progress lines(PrintStream err, String task, long total, LongSupplier nanos) {
        long interval = Duration.ofSeconds(LINE_SECONDS).toNanos();
        return new Progress() {
            private final long start = nanos.getAsLong();
            private long next = start + interval;
            private long done;

            @Override
            public void step() {
                done++;
                long now = nanos.getAsLong();
                if (now >= next) {
                    next = now + interval;
                    err.printf(
                            "%s: %,d%s users (%d s)%n",
                            task,
                            done,
                            total < 0 ? "" : String.format(" of %,d", total),
                            Duration.ofNanos(now - start).toSeconds());
                }
            }

            @Override
            public void close() {}
        };
    }
}
