package dev.kcbundle.arangodb.testserver.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.arangodb.ArangoCollection;
import com.arangodb.ArangoDBException;
import com.arangodb.model.DocumentUpdateOptions;
import com.arangodb.model.PersistentIndexOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Concurrent writers colliding on a unique index: exactly one wins, every other one gets 409 / 1210. */
abstract class ConcurrencyConformance extends Conformance {

    ConcurrencyConformance(ConformanceSuite suite) {
        super(suite);
    }

    private static final int THREADS = 8;

    @Test
    void exactlyOneOfEightConcurrentInsertsOfTheSameEmailWins() throws Exception {
        ArangoCollection c = uniqueEmailCollection();
        List<Object> outcomes = race(() -> c.insertDocument(Map.of("emailLower", "race@example.org")));
        assertOneWinner(outcomes, 409, 1210);
        assertThat(c.count().getCount()).isEqualTo(1L);
    }

    @Test
    void exactlyOneOfEightConcurrentConditionalUpdatesOfTheSameRevisionWins() throws Exception {
        ArangoCollection c = uniqueEmailCollection();
        String rev = c.insertDocument(Map.of("_key", "k", "v", 0)).getRev();
        List<Object> outcomes =
                race(() -> c.updateDocument("k", Map.of("v", 1), new DocumentUpdateOptions().ifMatch(rev)));
        assertOneWinner(outcomes, 412, 1200);
        assertThat(c.getDocument("k", Map.class).get("_rev")).isNotEqualTo(rev);
    }

    private ArangoCollection uniqueEmailCollection() {
        String name = unique("race");
        db.createCollection(name);
        ArangoCollection c = db.collection(name);
        c.ensurePersistentIndex(
                List.of("emailLower"), new PersistentIndexOptions().unique(true).sparse(true));
        return c;
    }

    private static List<Object> race(Callable<Object> insert) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        return insert.call();
                    } catch (ArangoDBException e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertOneWinner(List<Object> outcomes, int status, int errorNum) {
        List<ArangoDBException> failures = outcomes.stream()
                .filter(o -> o instanceof ArangoDBException)
                .map(o -> (ArangoDBException) o)
                .toList();
        assertThat(outcomes.size() - failures.size()).as("successful inserts").isEqualTo(1);
        assertThat(failures).hasSize(THREADS - 1).allSatisfy(e -> {
            assertThat(e.getResponseCode()).isEqualTo(status);
            assertThat(e.getErrorNum()).isEqualTo(errorNum);
        });
    }
}
