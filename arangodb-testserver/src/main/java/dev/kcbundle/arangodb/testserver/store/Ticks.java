package dev.kcbundle.arangodb.testserver.store;

import java.util.concurrent.atomic.AtomicLong;

/** Server-wide increasing numbers for ids, generated keys and revisions, like ArangoDB's hybrid logical clock ticks. */
public final class Ticks {

    private final AtomicLong last = new AtomicLong(System.currentTimeMillis() * 1000);

    public long next() {
        return last.incrementAndGet();
    }

    public String nextRevision() {
        return "_" + Long.toString(next(), 36);
    }
}
