package dev.kcbundle.arangodb.testserver.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.arangodb.ArangoCollection;
import com.arangodb.ArangoCursor;
import com.arangodb.ArangoDBException;
import com.arangodb.model.AqlQueryOptions;
import com.arangodb.model.PersistentIndexOptions;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The AQL subset the product sends: FOR over a collection, FILTER, SORT, LIMIT, COLLECT WITH COUNT, UPDATE / REPLACE
 * with OPTIONS, the operators and functions of its queries, the type order, and the errors of malformed queries.
 */
abstract class AqlConformance extends Conformance {

    private String users;

    AqlConformance(ConformanceSuite suite) {
        super(suite);
    }

    @BeforeAll
    void fill() {
        ArangoCollection c = newUsersCollection();
        users = c.name();
        String[] names = {"Alice", "bob", "Carol", "dave", "Eve", "frank"};
        for (int i = 0; i < names.length; i++) {
            Map<String, Object> user = new HashMap<>();
            user.put("_key", "k" + i);
            user.put("username", names[i]);
            user.put("usernameLower", names[i].toLowerCase());
            if (i % 2 == 0) {
                user.put("emailLower", names[i].toLowerCase() + "@example.org");
            }
            user.put("group", i % 3 == 0 ? "admins" : "users");
            user.put("n", i);
            user.put("attributes", Map.of("policies", List.of("p" + i, "shared")));
            c.insertDocument(user);
        }
    }

    private List<Object> query(String aql, Map<String, Object> bindVars) {
        return db.query(aql, Object.class, bindVars).asListRemaining();
    }

    private Object one(String aql) {
        return one(aql, Map.of());
    }

    private Object one(String aql, Map<String, Object> bindVars) {
        List<Object> result = query(aql, bindVars);
        assertThat(result).hasSize(1);
        return result.get(0);
    }

    // ---- errors

    @Test
    void syntaxErrorIs1501() {
        expectError(400, 1501, () -> query("FOR u IN", Map.of()));
        expectError(400, 1501, () -> query("FOR u IN " + users + " FILTER RETURN u", Map.of()));
        expectError(400, 1501, () -> query("RETURN {a: }", Map.of()));
    }

    @Test
    void unknownFunctionIs1540() {
        expectError(400, 1540, () -> query("RETURN NO_SUCH_FUNCTION(1)", Map.of()));
    }

    @Test
    void missingBindParameterIs1551() {
        expectError(400, 1551, () -> query("FOR u IN @@c FILTER u.n == @n RETURN u", Map.of("@c", users)));
    }

    @Test
    void undeclaredBindParameterIs1552() {
        expectError(400, 1552, () -> query("RETURN 1", Map.of("extra", 1)));
    }

    @Test
    void unknownCollectionIs1203() {
        expectError(404, 1203, () -> query("FOR u IN " + unique("nosuch") + " RETURN u", Map.of()));
        expectError(404, 1203, () -> query("FOR u IN @@c RETURN u", Map.of("@c", unique("nosuch"))));
    }

    // ---- reading

    @Test
    void filtersOnIndexedAndUnindexedAttributes() {
        assertThat(one(
                        "FOR u IN @@c FILTER u.usernameLower == @name RETURN u.username",
                        Map.of("@c", users, "name", "carol")))
                .isEqualTo("Carol");
        assertThat(one(
                        "FOR u IN @@c FILTER u.emailLower == @e AND u.group != 'nobody' RETURN u._key",
                        Map.of("@c", users, "e", "eve@example.org")))
                .isEqualTo("k4");
        assertThat(query("FOR u IN @@c FILTER u.emailLower == null SORT u.n RETURN u.n", Map.of("@c", users)))
                .isEqualTo(List.of(1, 3, 5));
        assertThat(query("FOR u IN @@c FILTER u._key == 'k2' RETURN u.n", Map.of("@c", users)))
                .isEqualTo(List.of(2));
        assertThat(query("FOR u IN @@c FILTER u.usernameLower == 'nobody' LIMIT 1 RETURN u", Map.of("@c", users)))
                .isEmpty();
    }

    @Test
    void sortsAndLimits() {
        assertThat(query(
                        "FOR u IN @@c FILTER u.group == 'users' SORT u.n DESC LIMIT @offset, @count RETURN u.n",
                        Map.of("@c", users, "offset", 1, "count", 2)))
                .isEqualTo(List.of(4, 2));
        assertThat(query("FOR u IN @@c SORT u.group, u.n DESC LIMIT 3 RETURN u.n", Map.of("@c", users)))
                .isEqualTo(List.of(3, 0, 5));
    }

    @Test
    void stringsSortAlphabeticallyAcrossCase() {
        assertThat(query("FOR u IN @@c SORT u.username RETURN u.username", Map.of("@c", users)))
                .isEqualTo(List.of("Alice", "bob", "Carol", "dave", "Eve", "frank"));
    }

    @Test
    void sortOrdersTypesNullBoolNumberStringArrayObject() {
        String c = unique("mixed");
        db.createCollection(c);
        List<Object> values = Arrays.asList(Map.of("x", 1), "b", 2, List.of(), null, true, "a", 1, false);
        for (Object value : values) {
            Map<String, Object> document = new HashMap<>();
            document.put("v", value);
            db.collection(c).insertDocument(document);
        }
        db.collection(c).insertDocument(Map.of("other", 1));
        assertThat(query("FOR d IN @@c SORT d.v RETURN d.v", Map.of("@c", c)))
                .containsExactly(null, null, false, true, 1, 2, "a", "b", List.of(), Map.of("x", 1));
    }

    @Test
    void operators() {
        assertThat(one("RETURN [2 IN [1, 2], 3 IN [1, 2], 3 NOT IN [1, 2], 'a' IN 'abc', 1 == 1.0, '1' == 1,"
                        + " null == false, {a: 1} == {a: 1}, [1] != [1, 2]]"))
                .isEqualTo(List.of(true, false, true, false, true, false, false, true, true));
        assertThat(one("RETURN [true AND false, true && 'x', null || 'fallback', false OR 0, 1 ? 'y' : 'n',"
                        + " 0 ? 'y' : 'n']"))
                .isEqualTo(List.of(false, "x", "fallback", 0, "y", "n"));
        assertThat(one("RETURN ['Alice' LIKE 'Al%', 'Alice' LIKE 'al%', 'Alice' NOT LIKE '_lice', 'a_c' LIKE 'a\\\\_c',"
                        + " 'a%c' LIKE 'a\\\\%c', 'abc' LIKE 'a\\\\%c']"))
                .isEqualTo(List.of(true, false, false, true, true, false));
    }

    @Test
    void inOverAnExpandedArrayAttribute() {
        assertThat(query(
                        "FOR u IN @@c FILTER @p IN u.attributes.policies[*] RETURN u._key",
                        Map.of("@c", users, "p", "p3")))
                .isEqualTo(List.of("k3"));
        assertThat(query(
                        "FOR u IN @@c FILTER 'shared' IN u.attributes.policies[*] OR 'x' IN u.missing[*]"
                                + " COLLECT WITH COUNT INTO n RETURN n",
                        Map.of("@c", users)))
                .isEqualTo(List.of(6));
        assertThat(query("FOR u IN @@c FILTER 'Alice' IN u.username[*] RETURN u", Map.of("@c", users)))
                .isEmpty();
    }

    @Test
    void objectsArraysAndAttributeAccess() {
        assertThat(one("RETURN {a: 1, 'b c': 2, \"d\": 3, [@k]: 4}", Map.of("k", "dyn")))
                .isEqualTo(Map.of("a", 1, "b c", 2, "d", 3, "dyn", 4));
        assertThat(one(
                        "RETURN [@o.a.b[0], @o.a.b[2].c, @o['a']['b'][1], @o.missing.x, @o.a.b[9], @o.a[@key]]",
                        Map.of("o", Map.of("a", Map.of("b", List.of(10, 20, Map.of("c", "deep")))), "key", "b")))
                .isEqualTo(Arrays.asList(10, "deep", 20, null, null, List.of(10, 20, Map.of("c", "deep"))));
    }

    @Test
    void functions() {
        assertThat(one("RETURN [LOWER('AbC'), CONTAINS('foobar', 'oba'), CONTAINS('foobar', 'x'),"
                        + " CONTAINS('foobar', 'bar', true), CONTAINS(LOWER(null), 'a'), LOWER(null), LENGTH('héllo'),"
                        + " LENGTH([1, 2]),"
                        + " LENGTH({a: 1}), LENGTH(null), IS_ARRAY([]), IS_ARRAY('a')]"))
                .isEqualTo(List.of("abc", true, false, 3, false, "", 5, 2, 1, 0, true, false));
        assertThat(one("RETURN [MERGE({a: 1, b: {x: 1}}, {b: {y: 2}, c: 4}), UNSET({a: 1, b: 2, c: 3}, 'a', 'c'),"
                        + " UNSET({a: 1, b: 2}, ['a']), REMOVE_VALUE([1, 2, 1, 3], 1), REMOVE_VALUE([1, 2, 1], 1, 1),"
                        + " REMOVE_VALUE(['x'], 'y'), REMOVE_VALUES(['a', 'b', 'a', 'c'], ['a', 'c', 'z'])]"))
                .isEqualTo(List.of(
                        Map.of("a", 1, "b", Map.of("y", 2), "c", 4),
                        Map.of("b", 2),
                        Map.of("b", 2),
                        List.of(2, 3),
                        List.of(2, 1),
                        List.of("x"),
                        List.of("b")));
    }

    @Test
    void collectWithCount() {
        assertThat(one(
                        "FOR u IN @@c FILTER u.group == 'users' COLLECT WITH COUNT INTO n RETURN n",
                        Map.of("@c", users)))
                .isEqualTo(4);
        assertThat(one(
                        "FOR u IN @@c FILTER u.group == 'nobody' COLLECT WITH COUNT INTO n RETURN n",
                        Map.of("@c", users)))
                .isEqualTo(0);
    }

    // ---- modifications

    @Test
    void updateAndReplaceThroughAql() {
        String c = unique("mod");
        db.createCollection(c);
        db.collection(c).insertDocument(Map.of("_key", "m1", "name", "x", "nested", Map.of("keep", 1)));

        Map<String, Object> updated = (Map<String, Object>) one(
                "FOR d IN @@c FILTER d._key == 'm1' UPDATE d WITH {name: 'y', nested: {add: 2}} IN @@c RETURN NEW",
                Map.of("@c", c));
        assertThat(updated).containsEntry("name", "y");
        assertThat((Map<String, Object>) updated.get("nested"))
                .containsEntry("keep", 1)
                .containsEntry("add", 2);

        Map<String, Object> unmerged = (Map<String, Object>) one(
                "FOR d IN @@c FILTER d._key == 'm1'"
                        + " UPDATE d WITH {nested: {only: 3}} IN @@c OPTIONS {mergeObjects: false} RETURN NEW",
                Map.of("@c", c));
        assertThat(unmerged.get("nested")).isEqualTo(Map.of("only", 3));

        Map<String, Object> old =
                (Map<String, Object>) one("UPDATE 'm1' WITH {name: 'z'} IN @@c RETURN OLD", Map.of("@c", c));
        assertThat(old).containsEntry("name", "y");

        String rev = (String) one(
                "FOR d IN @@c FILTER d._key == 'm1'"
                        + " REPLACE MERGE(UNSET(d, 'name'), {only: true}, {_rev: d._rev}) IN @@c OPTIONS {ignoreRevs: false}"
                        + " RETURN NEW._rev",
                Map.of("@c", c));
        Map<String, Object> replaced = db.collection(c).getDocument("m1", Map.class);
        assertThat(replaced)
                .containsEntry("only", true)
                .containsEntry("_rev", rev)
                .doesNotContainKey("name");

        ArangoDBException stale = assertThrows(
                ArangoDBException.class,
                () -> query(
                        "FOR d IN @@c"
                                + " FILTER d._key == 'm1' REPLACE MERGE(d, {_rev: 'stale'}) IN @@c OPTIONS {ignoreRevs: false}",
                        Map.of("@c", c)));
        assertThat(stale.getErrorNum()).as("a stale revision is a conflict").isEqualTo(1200);
        ArangoCursor<Object> cursor =
                db.query("FOR d IN @@c UPDATE d WITH {seen: true} IN @@c", Object.class, Map.of("@c", c));
        assertThat(cursor.getStats().getWritesExecuted()).isEqualTo(1L);
        expectError(404, 1202, () -> query("UPDATE 'missing' WITH {a: 1} IN @@c", Map.of("@c", c)));
    }

    @Test
    void aFailingModificationQueryChangesNothing() {
        String c = unique("atomic");
        db.createCollection(c);
        db.collection(c).ensurePersistentIndex(List.of("email"), new PersistentIndexOptions().unique(true));
        db.collection(c).insertDocument(Map.of("_key", "existing", "email", "taken@example.org"));
        db.collection(c).insertDocument(Map.of("_key", "second", "email", "second@example.org"));
        expectError(
                409,
                1210,
                () -> query(
                        "FOR d IN @@c SORT d._key UPDATE d WITH {email: 'same@example.org'} IN @@c", Map.of("@c", c)));
        assertThat(db.collection(c).getDocument("existing", Map.class)).containsEntry("email", "taken@example.org");
        assertThat(db.collection(c).getDocument("second", Map.class)).containsEntry("email", "second@example.org");
        assertThat(db.collection(c).count().getCount()).isEqualTo(2L);
    }

    @Test
    void cursorCanBeClosedAndIsThenGone() throws Exception {
        ArangoCursor<Object> cursor = db.query(
                "FOR u IN @@c RETURN u", Object.class, Map.of("@c", users), new AqlQueryOptions().batchSize(2));
        String id = cursor.getId();
        assertThat(id).isNotNull();
        cursor.next();
        cursor.close();
        expectError(404, 1600, () -> db.cursor(id, Object.class));
    }
}
