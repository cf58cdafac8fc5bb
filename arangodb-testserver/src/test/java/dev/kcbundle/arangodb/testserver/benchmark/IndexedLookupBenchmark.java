package dev.kcbundle.arangodb.testserver.benchmark;

import com.arangodb.ArangoCollection;
import com.arangodb.ArangoDB;
import com.arangodb.ArangoDatabase;
import com.arangodb.Protocol;
import com.arangodb.model.PersistentIndexOptions;
import dev.kcbundle.arangodb.testserver.ArangoTestServer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Benchmark (not a test): loads 100,000 user documents with a unique persistent index on {@code usernameLower}, then
 * measures the latency of the provider's lookup query through the official driver (HTTP_JSON) and prints median,
 * p90, p99 and mean. Runs against the in-memory stand-in, or against a real ArangoDB when ARANGODB_HOSTS is set.
 * <p>
 * {@code mvn -B -o -pl arangodb-testserver -am -Pbenchmark -DskipTests verify}
 */
public final class IndexedLookupBenchmark {

    private static final int DOCUMENTS = 100_000;
    private static final int BATCH = 1_000;
    private static final int WARMUP = 2_000;
    private static final int MEASURED = 10_000;
    private static final String QUERY = "FOR u IN @@users FILTER u.usernameLower == @name LIMIT 1 RETURN u";
    private static final String PAGE_QUERY = "FOR u IN @@users SORT u.usernameLower LIMIT @offset, 20 RETURN u";
    private static final int PAGES = 20;
    /** The admin console's filtered pages as the user storage provider sends them (see its UserQuery). */
    private static final String MEMBERS_PAGE =
            "FOR u IN @@users FILTER @k IN u.lookupKeys[*]" + " SORT u.usernameLower LIMIT @offset, 20 RETURN u";

    private static final String SUBSTRING = "FOR u IN @@users FILTER @g IN u.searchGrams[*]"
            + " FILTER (CONTAINS(u.usernameLower, @s) OR CONTAINS(u.emailLower, @s)"
            + " OR CONTAINS(LOWER(u.firstName), @s) OR CONTAINS(LOWER(u.lastName), @s))";
    private static final String SUBSTRING_PAGE = SUBSTRING + " SORT u.usernameLower LIMIT @offset, 20 RETURN u";
    private static final String SUBSTRING_COUNT = SUBSTRING + " COLLECT WITH COUNT INTO n RETURN n";

    private IndexedLookupBenchmark() {}

    public static void main(String[] args) {
        String hosts = System.getenv("ARANGODB_HOSTS");
        boolean inMemory = hosts == null || hosts.isBlank();
        String password =
                inMemory ? UUID.randomUUID().toString() : System.getenv().getOrDefault("ARANGODB_PASSWORD", "");
        ArangoTestServer server = inMemory ? ArangoTestServer.start(0, password) : null;
        String host = inMemory ? server.hosts() : hosts.split(",")[0].trim();
        ArangoDB arango = new ArangoDB.Builder()
                .protocol(Protocol.HTTP_JSON)
                .host(
                        host.substring(0, host.lastIndexOf(':')),
                        Integer.parseInt(host.substring(host.lastIndexOf(':') + 1)))
                .user(System.getenv().getOrDefault("ARANGODB_USER", "root"))
                .password(password)
                .build();
        String database = "benchmark_" + UUID.randomUUID().toString().substring(0, 8);
        try {
            arango.createDatabase(database);
            ArangoDatabase db = arango.db(database);
            db.createCollection("users");
            ArangoCollection users = db.collection("users");
            users.ensurePersistentIndex(List.of("usernameLower"), new PersistentIndexOptions().unique(true));
            users.ensurePersistentIndex(
                    List.of("emailLower"),
                    new PersistentIndexOptions().unique(true).sparse(true));
            users.ensurePersistentIndex(List.of("lookupKeys[*]"), new PersistentIndexOptions());
            users.ensurePersistentIndex(List.of("searchGrams[*]"), new PersistentIndexOptions());
            long loadStart = System.nanoTime();
            load(users);
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

            Random random = new Random(42);
            for (int i = 0; i < WARMUP; i++) {
                lookup(db, random.nextInt(DOCUMENTS));
            }
            long[] nanos = new long[MEASURED];
            for (int i = 0; i < MEASURED; i++) {
                int n = random.nextInt(DOCUMENTS);
                long start = System.nanoTime();
                Map<?, ?> found = lookup(db, n);
                nanos[i] = System.nanoTime() - start;
                if (found == null || !("user" + n).equals(found.get("usernameLower"))) {
                    throw new IllegalStateException("lookup of user" + n + " returned " + found);
                }
            }
            Arrays.sort(nanos);
            long[] pageNanos = new long[PAGES];
            for (int i = 0; i < PAGES; i++) {
                long start = System.nanoTime();
                int size = db.query(PAGE_QUERY, Map.class, Map.of("@users", "users", "offset", i * 20))
                        .asListRemaining()
                        .size();
                pageNanos[i] = System.nanoTime() - start;
                if (size != 20) {
                    throw new IllegalStateException("page " + i + " has " + size + " users");
                }
            }
            Arrays.sort(pageNanos);
            double allMembers = pages(db, MEMBERS_PAGE, Map.of("k", "g:all"));
            double someMembers = pages(db, MEMBERS_PAGE, Map.of("k", "g:one-percent"));
            double substringPage = pages(db, SUBSTRING_PAGE, Map.of("g", "ser", "s", "ser1"));
            long[] countNanos = new long[PAGES];
            for (int i = 0; i < PAGES; i++) {
                long start = System.nanoTime();
                db.query(SUBSTRING_COUNT, Long.class, Map.of("@users", "users", "g", "ser", "s", "ser1"))
                        .asListRemaining();
                countNanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(countNanos);
            System.out.printf(
                    Locale.ROOT,
                    "%nIndexed equality lookup over %,d documents through the driver (%s, %s)%n",
                    users.count().getCount(),
                    inMemory ? "in-memory stand-in" : "ArangoDB at " + host,
                    "HTTP_JSON");
            System.out.printf(Locale.ROOT, "  load: %,d documents in %.1f s%n", DOCUMENTS, loadSeconds);
            System.out.printf(
                    Locale.ROOT,
                    "  %,d lookups: median %.3f ms, p90 %.3f ms, p99 %.3f ms, mean %.3f ms%n",
                    MEASURED,
                    ms(nanos[MEASURED / 2]),
                    ms(nanos[MEASURED * 9 / 10]),
                    ms(nanos[MEASURED * 99 / 100]),
                    ms(Arrays.stream(nanos).sum() / MEASURED));
            System.out.printf(
                    Locale.ROOT,
                    "  %d pages of 20 sorted by usernameLower (SORT + LIMIT on the index): median %.1f ms%n%n",
                    PAGES,
                    ms(pageNanos[PAGES / 2]));
            System.out.printf(
                    Locale.ROOT,
                    "  pages of 20 members sorted by usernameLower, median: group of all %.1f ms,"
                            + " group of 1%% %.1f ms; substring page %.1f ms, substring count %.1f ms%n%n",
                    allMembers,
                    someMembers,
                    substringPage,
                    ms(countNanos[PAGES / 2]));
        } finally {
            try {
                arango.db(database).drop();
            } finally {
                arango.shutdown();
                if (server != null) {
                    server.close();
                }
            }
        }
    }

    private static void load(ArangoCollection users) {
        List<Map<String, Object>> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < DOCUMENTS; i++) {
            batch.add(Map.of(
                    "username",
                    "User" + i,
                    "usernameLower",
                    "user" + i,
                    "email",
                    "User" + i + "@Example.org",
                    "emailLower",
                    "user" + i + "@example.org",
                    "enabled",
                    true,
                    "attributes",
                    Map.of("policies", List.of("self:read")),
                    "lookupKeys",
                    i % 100 == 0 ? List.of("g:all", "g:one-percent") : List.of("g:all"),
                    "searchGrams",
                    grams("user" + i, "user" + i + "@example.org")));
            if (batch.size() == BATCH) {
                users.insertDocuments(batch);
                batch.clear();
            }
        }
    }

    /** Median milliseconds of {@value #PAGES} pages of 20 (offsets 0, 20, ...), each checked to be full. */
    private static double pages(ArangoDatabase db, String query, Map<String, Object> bindVars) {
        long[] nanos = new long[PAGES];
        for (int i = 0; i < PAGES; i++) {
            Map<String, Object> vars = new java.util.HashMap<>(bindVars);
            vars.put("@users", "users");
            vars.put("offset", i * 20);
            long start = System.nanoTime();
            int size = db.query(query, Map.class, vars).asListRemaining().size();
            nanos[i] = System.nanoTime() - start;
            if (size != 20) {
                throw new IllegalStateException(query + " page " + i + " has " + size + " users");
            }
        }
        Arrays.sort(nanos);
        return ms(nanos[PAGES / 2]);
    }

    /** Every substring of one to three characters, as the provider's searchGrams. */
    private static List<String> grams(String... values) {
        java.util.Set<String> grams = new java.util.LinkedHashSet<>();
        for (String value : values) {
            for (int start = 0; start < value.length(); start++) {
                for (int length = 1; length <= 3 && start + length <= value.length(); length++) {
                    grams.add(value.substring(start, start + length));
                }
            }
        }
        return new ArrayList<>(grams);
    }

    private static Map<?, ?> lookup(ArangoDatabase db, int n) {
        List<Map> result = db.query(QUERY, Map.class, Map.of("@users", "users", "name", "user" + n))
                .asListRemaining();
        return result.isEmpty() ? null : result.get(0);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
