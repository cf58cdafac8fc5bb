package dev.kcbundle.arangodb.testserver.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.arangodb.ArangoCollection;
import com.arangodb.ArangoCursor;
import com.arangodb.model.PersistentIndexOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The user storage provider's searches through its array indexes ({@code searchGrams[*]}: 1-3 character substrings of
 * the names, {@code lookupKeys[*]}: group/role/attribute keys): each query shape finds through the indexes alone
 * (no document scanned) exactly what the same query finds by scanning a copy of the users without those indexes.
 */
abstract class ProviderArrayIndexQueriesConformance extends Conformance {

    ProviderArrayIndexQueriesConformance(ConformanceSuite suite) {
        super(suite);
    }

    private static final String BY_KEY = " FILTER @k0 IN u.lookupKeys[*]";
    private static final String BY_GRAM = " FILTER @g0 IN u.searchGrams[*]";
    private static final String TERM_ANYWHERE = " FILTER (CONTAINS(u.usernameLower, @s1) OR CONTAINS(u.emailLower, @s1)"
            + " OR CONTAINS(LOWER(u.firstName), @s1) OR CONTAINS(LOWER(u.lastName), @s1))";
    private static final String PAGE = " SORT u.usernameLower LIMIT @offset, @count RETURN u";
    private static final String COUNT = " COLLECT WITH COUNT INTO n RETURN n";
    private static final List<List<Integer>> PAGES = List.of(List.of(0, 3), List.of(2, 4), List.of(0, 1000));

    private String indexed;
    private String unindexed;

    @BeforeAll
    void fill() {
        ArangoCollection users = newCollection();
        ArangoCollection copy = newCollection();
        indexed = users.name();
        unindexed = copy.name();
        users.ensurePersistentIndex(List.of("usernameLower"), new PersistentIndexOptions().unique(true));
        users.ensurePersistentIndex(List.of("searchGrams[*]"), new PersistentIndexOptions().name("kc_search_grams"));
        users.ensurePersistentIndex(List.of("lookupKeys[*]"), new PersistentIndexOptions().name("kc_lookup_keys"));
        String[][] people = {
            {"alice", "alice@example.org", "Alice", "Doe", "group:g1", "role:r-admin"},
            {"alina", "alina@example.org", "Alina", "Dorn", "group:g1", "group:g2"},
            {"bob", "bob@example.com", "Bob", "Alder", "group:g2", "role:r-api-reader"},
            {"carol", "", "Carol", "Ali", "group:g1", "attribute:dept:sales"},
            {"dave", "dave@example.org", "Dave", "Doe", "role:r-admin", "attribute:dept:it"},
            {"erin", "erin@alibaba.example", "Erin", "Stone", "group:g3", "group:g1"},
            {"frank", "frank@example.org", "Frank", "Alito", "", ""},
            {"grace", "grace@example.net", "Grace", "Hopper", "group:g1", "role:r-admin"},
            {"heidi", "heidi@example.org", "Heidi", "Klum", "group:g2", "role:r-user"},
            {"ivan", "ivan@example.org", "Ivan", "Aliyev", "group:g1", "group:g1"},
        };
        for (String[] person : people) {
            Map<String, Object> user = user(person);
            users.insertDocument(user);
            copy.insertDocument(user);
        }
        for (Map<String, Object> odd : List.of(
                Map.<String, Object>of("_key", "noArrays", "usernameLower", "zed", "firstName", "Ali"),
                Map.<String, Object>of(
                        "_key", "notArrays", "usernameLower", "zoe", "lookupKeys", "group:g1", "searchGrams", "ali"))) {
            users.insertDocument(odd);
            copy.insertDocument(odd);
        }
    }

    private static Map<String, Object> user(String[] person) {
        Map<String, Object> user = new HashMap<>();
        user.put("_key", person[0]);
        user.put("username", person[0]);
        user.put("usernameLower", person[0]);
        if (!person[1].isEmpty()) {
            user.put("email", person[1]);
            user.put("emailLower", person[1]);
        }
        user.put("firstName", person[2]);
        user.put("lastName", person[3]);
        Set<String> grams = new LinkedHashSet<>();
        for (int i = 0; i < 4; i++) {
            grams.addAll(grams(person[i].toLowerCase(Locale.ROOT)));
        }
        user.put("searchGrams", new ArrayList<>(grams));
        List<String> keys = new ArrayList<>();
        for (int i = 4; i < 6; i++) {
            if (!person[i].isEmpty()) {
                keys.add(person[i]); // ivan repeats a key: the index holds it once
            }
        }
        user.put("lookupKeys", keys);
        return user;
    }

    /** Every 1-3 character substring (with repeats, like a careless writer would store them). */
    private static List<String> grams(String text) {
        List<String> grams = new ArrayList<>();
        for (int length = 1; length <= 3; length++) {
            for (int start = 0; start + length <= text.length(); start++) {
                grams.add(text.substring(start, start + length));
            }
        }
        return grams;
    }

    @Test
    void membersByLookupKeyPageByPage() {
        for (String key : List.of("group:g1", "group:g2", "role:r-admin", "role:r-api-reader", "attribute:dept:it")) {
            for (List<Integer> page : PAGES) {
                assertSameAsScan(BY_KEY + PAGE, Map.of("k0", key, "offset", page.get(0), "count", page.get(1)));
            }
            assertSameAsScan(BY_KEY + COUNT, Map.of("k0", key));
        }
        assertThat(usernames(indexed, BY_KEY + PAGE, Map.of("k0", "group:g1", "offset", 0, "count", 1000)))
                .containsExactly("alice", "alina", "carol", "erin", "grace", "ivan");
    }

    @Test
    void searchTermsThroughAGramPageByPage() {
        for (String term : List.of("ali", "al", "a", "doe", "example.org", "xyz")) {
            String gram = term.substring(0, Math.min(3, term.length()));
            for (List<Integer> page : PAGES) {
                assertSameAsScan(
                        BY_GRAM + TERM_ANYWHERE + PAGE,
                        Map.of("g0", gram, "s1", term, "offset", page.get(0), "count", page.get(1)));
            }
            assertSameAsScan(BY_GRAM + TERM_ANYWHERE + COUNT, Map.of("g0", gram, "s1", term));
        }
        assertThat(usernames(
                        indexed,
                        BY_GRAM + TERM_ANYWHERE + PAGE,
                        Map.of("g0", "ali", "s1", "ali", "offset", 0, "count", 1000)))
                .containsExactly("alice", "alina", "carol", "erin", "frank", "ivan");
    }

    @Test
    void severalFilterLinesAndAConjunction() {
        Map<String, Object> twoGrams = Map.of("g0", "ali", "g1", "ce", "s1", "alice", "offset", 0, "count", 10);
        assertSameAsScan(BY_GRAM + " FILTER @g1 IN u.searchGrams[*]" + TERM_ANYWHERE + PAGE, twoGrams);
        assertSameAsScan(
                BY_KEY + BY_GRAM + TERM_ANYWHERE + PAGE,
                Map.of("k0", "group:g1", "g0", "ali", "s1", "ali", "offset", 0, "count", 10));
        assertSameAsScan(BY_KEY + BY_GRAM + TERM_ANYWHERE + COUNT, Map.of("k0", "group:g1", "g0", "ali", "s1", "ali"));
        assertSameAsScan(
                " FILTER @g0 IN u.searchGrams[*] && LOWER(u.firstName) == @f1" + PAGE,
                Map.of("g0", "ali", "f1", "alina", "offset", 0, "count", 10));
        assertSameAsScan(
                " FILTER @g0 IN u.searchGrams[*] && LOWER(u.firstName) == @f1" + COUNT,
                Map.of("g0", "ali", "f1", "alina"));
        assertThat(usernames(
                        indexed,
                        " FILTER @g0 IN u.searchGrams[*] && LOWER(u.firstName) == @f1" + PAGE,
                        Map.of("g0", "ali", "f1", "alina", "offset", 0, "count", 10)))
                .containsExactly("alina");
    }

    @Test
    void membersOfAnyOfSeveralGroups() {
        assertSameAsScan(
                " FILTER (@k1 IN u.lookupKeys[*] OR @k2 IN u.lookupKeys[*])" + COUNT,
                Map.of("k1", "group:g2", "k2", "group:g3"));
        assertSameAsScan(
                " FILTER (@k1 IN u.lookupKeys[*] OR @k2 IN u.lookupKeys[*])" + PAGE,
                Map.of("k1", "group:g2", "k2", "group:g3", "offset", 0, "count", 10));
    }

    /** Runs {@code FOR u IN @@col <rest>} on both collections: same rows; indexes only versus a scan. */
    private void assertSameAsScan(String rest, Map<String, Object> bindVars) {
        Result throughIndexes = run(indexed, rest, bindVars);
        Result scanning = run(unindexed, rest, bindVars);
        String shape = rest + " " + bindVars;
        assertThat(throughIndexes.rows()).as(shape).isEqualTo(scanning.rows());
        assertThat(throughIndexes.scannedFull())
                .as("documents scanned by " + shape)
                .isZero();
        assertThat(scanning.scannedFull()).as("the copy is scanned").isPositive();
        if (!scanning.rows().isEmpty() && !scanning.rows().equals(List.of(0L))) {
            assertThat(throughIndexes.scannedIndex())
                    .as("index entries read by " + shape)
                    .isPositive();
        }
    }

    private record Result(List<Object> rows, long scannedFull, long scannedIndex) {}

    private Result run(String collection, String rest, Map<String, Object> bindVars) {
        Map<String, Object> all = new HashMap<>(bindVars);
        all.put("@col", collection);
        ArangoCursor<Object> cursor = db.query("FOR u IN @@col" + rest, Object.class, all);
        List<Object> rows = new ArrayList<>();
        for (Object row : cursor.asListRemaining()) {
            rows.add(row instanceof Map ? ((Map<?, ?>) row).get("_key") : ((Number) row).longValue());
        }
        return new Result(
                rows, cursor.getStats().getScannedFull(), cursor.getStats().getScannedIndex());
    }

    private List<Object> usernames(String collection, String rest, Map<String, Object> bindVars) {
        return run(collection, rest, bindVars).rows();
    }
}
