package dev.kcbundle.arangodb.testserver.conformance;

import com.arangodb.ArangoCollection;
import com.arangodb.ArangoCursor;
import com.arangodb.model.AqlQueryOptions;
import com.arangodb.model.PersistentIndexOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The AQL subset: syntax, operators, functions, type order, COLLECT, modifications and their errors. */
class AqlConformanceTest extends ConformanceTestBase {

    private String users;

    @BeforeAll
    void fill() {
        users = unique("users");
        db.createCollection(users);
        ArangoCollection c = db.collection(users);
        c.ensurePersistentIndex(List.of("usernameLower"), new PersistentIndexOptions().unique(true));
        c.ensurePersistentIndex(List.of("emailLower"), new PersistentIndexOptions().unique(true).sparse(true));
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
        List<Object> result = query(aql, Map.of());
        assertThat(result).hasSize(1);
        return result.get(0);
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
        assertThat(one("FOR u IN @@c FILTER u.usernameLower == @name RETURN u.username",
                Map.of("@c", users, "name", "carol"))).isEqualTo("Carol");
        assertThat(one("FOR u IN @@c FILTER u.emailLower == @e AND u.n >= 0 RETURN u._key",
                Map.of("@c", users, "e", "eve@example.org"))).isEqualTo("k4");
        assertThat(query("FOR u IN @@c FILTER u.emailLower == null SORT u.n RETURN u.n", Map.of("@c", users)))
                .isEqualTo(List.of(1, 3, 5));
        assertThat(query("FOR u IN @@c FILTER u._key == 'k2' RETURN u.n", Map.of("@c", users)))
                .isEqualTo(List.of(2));
        assertThat(query("FOR u IN @@c FILTER u.usernameLower == 'nobody' RETURN u", Map.of("@c", users)))
                .isEmpty();
    }

    @Test
    void sortsLimitsAndCountsFull() {
        ArangoCursor<Object> cursor = db.query(
                "FOR u IN @@c FILTER u.group == 'users' SORT u.n DESC LIMIT 1, 2 RETURN u.n", Object.class,
                Map.of("@c", users), new AqlQueryOptions().fullCount(true).count(true));
        assertThat(cursor.asListRemaining()).isEqualTo(List.of(4, 2));
        assertThat(cursor.getStats().getFullCount()).isEqualTo(4L);
        assertThat(cursor.getCount()).isEqualTo(2);
        assertThat(query("FOR u IN @@c SORT u.group, u.n DESC LIMIT @n RETURN u.n", Map.of("@c", users, "n", 3)))
                .isEqualTo(List.of(3, 0, 5));
    }

    @Test
    void stringsSortAlphabeticallyAcrossCase() {
        assertThat(query("FOR u IN @@c SORT u.username RETURN u.username", Map.of("@c", users)))
                .isEqualTo(List.of("Alice", "bob", "Carol", "dave", "Eve", "frank"));
    }

    @Test
    void typeOrderIsNullBoolNumberStringArrayObject() {
        assertThat(one("RETURN [null < false, false < true, true < 0, 0 < '', '' < [], [] < {}, [1, 2] < [2],"
                + " {a: 1} == {a: 1}, 1 == 1.0, '1' == 1, null == false]"))
                .isEqualTo(List.of(true, true, true, true, true, true, true, true, true, false, false));
        assertThat(one("FOR v IN [{}, 'b', 2, [], null, true, 'a', 1] SORT v COLLECT WITH COUNT INTO n RETURN n"))
                .isEqualTo(8);
        assertThat(query("FOR v IN ['b', 2, null, true, 'a', 1, false] SORT v RETURN v", Map.of()))
                .containsExactly(null, false, true, 1, 2, "a", "b");
    }

    @Test
    void operators() {
        assertThat(one("RETURN [1 + 2, 7 - 10, 2 * 3, 7 / 2, 7 % 3, -(3), 1 / 0, '5' + 1]"))
                .isEqualTo(java.util.Arrays.asList(3, -3, 6, 3.5, 1, -3, null, 6));
        assertThat(one("RETURN [2 IN [1, 2], 3 IN [1, 2], 3 NOT IN [1, 2], 'a' IN 'abc']"))
                .isEqualTo(List.of(true, false, true, false));
        assertThat(one("RETURN [true AND false, true && 'x', null || 'fallback', NOT true, !0, 1 ? 'y' : 'n',"
                + " 0 ? 'y' : 'n', null ?: 'dflt']"))
                .isEqualTo(List.of(false, "x", "fallback", false, true, "y", "n", "dflt"));
        assertThat(one("RETURN ['Alice' LIKE 'Al%', 'Alice' LIKE 'al%', 'Alice' NOT LIKE '_lice', 'a_c' LIKE 'a\\\\_c',"
                + " LIKE('Alice', 'al%', true), LIKE('Alice', 'al%')]"))
                .isEqualTo(List.of(true, false, false, true, true, false));
    }

    @Test
    void objectsArraysAndAttributeAccess() {
        assertThat(one("LET k = 'dyn' RETURN {a: 1, 'b c': 2, [k]: 3, [CONCAT(k, '2')]: 4}"))
                .isEqualTo(Map.of("a", 1, "b c", 2, "dyn", 3, "dyn2", 4));
        assertThat(one("LET o = {a: {b: [10, 20, {c: 'deep'}]}} RETURN [o.a.b[0], o.a.b[-1].c, o['a']['b'][1],"
                + " o.missing.x, o.a.b[9]]"))
                .isEqualTo(java.util.Arrays.asList(10, "deep", 20, null, null));
        assertThat(one("RETURN [{n: 1}, {n: 2}][*].n")).isEqualTo(List.of(1, 2));
    }

    @Test
    void stringFunctions() {
        assertThat(one("RETURN [LOWER('AbC'), UPPER('aBc'), CONTAINS('foobar', 'oba'), CONTAINS('foobar', 'x'),"
                + " CONTAINS('foobar', 'bar', true), CONCAT('a', 1, null, true), TO_STRING(12), TO_STRING(null),"
                + " SUBSTRING('hello', 1, 3), SUBSTRING('hello', -3), STARTS_WITH('hello', 'he'),"
                + " STARTS_WITH('hello', 'lo'), LENGTH('héllo')]"))
                .isEqualTo(List.of("abc", "ABC", true, false, 3, "a1true", "12", "", "ell", "llo", true, false, 5));
    }

    @Test
    void typeAndNumberFunctions() {
        assertThat(one("RETURN [TO_NUMBER('42'), TO_NUMBER('x'), TO_NUMBER(null), TO_NUMBER(true), IS_NULL(null),"
                + " IS_NULL(0), NOT_NULL(null, null, 'third'), NOT_NULL(null)]"))
                .isEqualTo(java.util.Arrays.asList(42, 0, 0, 1, true, false, "third", null));
    }

    @Test
    void documentFunctions() {
        assertThat(one("RETURN [HAS({a: null}, 'a'), HAS({a: 1}, 'b'), MERGE({a: 1, b: 2}, {b: 3, c: 4}),"
                + " UNSET({a: 1, b: 2, c: 3}, 'a', 'c'), KEEP({a: 1, b: 2, c: 3}, ['a', 'c'])]"))
                .isEqualTo(List.of(true, false, Map.of("a", 1, "b", 3, "c", 4), Map.of("b", 2),
                        Map.of("a", 1, "c", 3)));
        assertThat(one("RETURN DOCUMENT(@c, 'k1').username", Map.of("c", users))).isEqualTo("bob");
        assertThat(one("RETURN DOCUMENT(@c, 'nope')", Map.of("c", users))).isNull();
        assertThat(one("RETURN DOCUMENT(CONCAT(@c, '/k3')).username", Map.of("c", users))).isEqualTo("dave");
    }

    @Test
    void arrayFunctions() {
        assertThat(one("RETURN [LENGTH([1, 2, 3]), COUNT([]), PUSH([1, 2], 2), PUSH([1, 2], 2, true),"
                + " APPEND([1], [2, 3]), APPEND([1, 2], [2, 3], true), REMOVE_VALUE([1, 2, 1, 3], 1),"
                + " REMOVE_VALUE([1, 2, 1], 1, 1), FIRST([7, 8]), FIRST([]),"
                + " POSITION([1, 2, 3], 2), POSITION([1, 2, 3], 9), POSITION([1, 2, 3], 3, true)]"))
                .isEqualTo(java.util.Arrays.asList(3, 0, List.of(1, 2, 2), List.of(1, 2), List.of(1, 2, 3),
                        List.of(1, 2, 3), List.of(2, 3), List.of(2, 1), 7, null, true, false, 2));
        assertThat((List<Object>) one("RETURN UNIQUE([1, 'a', 1, 2, 'a'])")).containsExactlyInAnyOrder(1, "a", 2);
    }

    @Test
    void lengthOfACollection() {
        assertThat(one("RETURN LENGTH(" + users + ")")).isEqualTo(6);
        assertThat(one("RETURN LENGTH(@@c)", Map.of("@c", users))).isEqualTo(6);
    }

    @Test
    void collectWithCountAndGroups() {
        assertThat(one("FOR u IN @@c FILTER u.group == 'users' COLLECT WITH COUNT INTO n RETURN n",
                Map.of("@c", users))).isEqualTo(4);
        assertThat(one("FOR u IN @@c FILTER u.group == 'nobody' COLLECT WITH COUNT INTO n RETURN n",
                Map.of("@c", users))).isEqualTo(0);
        assertThat(query("FOR u IN @@c COLLECT g = u.group WITH COUNT INTO n RETURN {g, n}", Map.of("@c", users)))
                .isEqualTo(List.of(Map.of("g", "admins", "n", 2), Map.of("g", "users", "n", 4)));
    }

    @Test
    void letSubqueriesNestedLoopsAndDistinct() {
        assertThat(query("FOR u IN @@c FILTER u.n < 2 SORT u.n LET up = UPPER(u.username)"
                + " LET policies = (FOR p IN u.attributes.policies FILTER p != 'shared' RETURN p)"
                + " RETURN {up, policies}", Map.of("@c", users)))
                .isEqualTo(List.of(Map.of("up", "ALICE", "policies", List.of("p0")),
                        Map.of("up", "BOB", "policies", List.of("p1"))));
        assertThat(query("FOR a IN [1, 2] FOR b IN ['x', 'y'] RETURN CONCAT(a, b)", Map.of()))
                .isEqualTo(List.of("1x", "1y", "2x", "2y"));
        assertThat(query("FOR u IN @@c FOR p IN u.attributes.policies RETURN DISTINCT p", Map.of("@c", users)))
                .hasSize(7).contains("shared", "p0", "p5");
    }

    @Test
    void forOverANonArrayFails() {
        expectError(400, 1563, () -> query("FOR x IN 'text' RETURN x", Map.of()));
    }

    // ---- modifications

    @Test
    void insertUpdateReplaceRemoveThroughAql() {
        String c = unique("mod");
        db.createCollection(c);
        Map<String, Object> inserted = (Map<String, Object>) one(
                "INSERT {_key: 'm1', name: 'x', tags: ['a'], nested: {keep: 1}} INTO @@c RETURN NEW",
                Map.of("@c", c));
        assertThat(inserted).containsEntry("_key", "m1").containsEntry("name", "x").containsKey("_rev");

        Map<String, Object> updated = (Map<String, Object>) one(
                "FOR d IN @@c FILTER d._key == 'm1' UPDATE d WITH {name: 'y', nested: {add: 2}} IN @@c RETURN NEW",
                Map.of("@c", c));
        assertThat(updated).containsEntry("name", "y");
        assertThat((Map<String, Object>) updated.get("nested")).containsEntry("keep", 1).containsEntry("add", 2);

        Map<String, Object> old = (Map<String, Object>) one(
                "UPDATE 'm1' WITH {name: 'z'} IN @@c RETURN OLD", Map.of("@c", c));
        assertThat(old).containsEntry("name", "y");

        Map<String, Object> replaced = (Map<String, Object>) one(
                "REPLACE {_key: 'm1', only: true} IN @@c RETURN NEW", Map.of("@c", c));
        assertThat(replaced).containsEntry("only", true).doesNotContainKey("name");

        Map<String, Object> removed = (Map<String, Object>) one("REMOVE 'm1' IN @@c RETURN OLD", Map.of("@c", c));
        assertThat(removed).containsEntry("only", true);
        assertThat(db.collection(c).count().getCount()).isZero();

        ArangoCursor<Object> cursor = db.query("FOR i IN 1..3 INSERT {i} INTO @@c", Object.class, Map.of("@c", c));
        assertThat(cursor.getStats().getWritesExecuted()).isEqualTo(3L);
        assertThat(db.collection(c).count().getCount()).isEqualTo(3L);
        expectError(404, 1202, () -> query("UPDATE 'missing' WITH {a: 1} IN @@c", Map.of("@c", c)));
    }

    @Test
    void modificationsInsideSubqueries() {
        String c = unique("sub");
        db.createCollection(c);
        assertThat(one("LET inserted = (FOR i IN 1..4 INSERT {i} INTO @@c RETURN NEW.i) RETURN SUM(inserted)",
                Map.of("@c", c))).isEqualTo(10);
        assertThat(db.collection(c).count().getCount()).isEqualTo(4L);
    }

    @Test
    void aFailingModificationQueryChangesNothing() {
        String c = unique("atomic");
        db.createCollection(c);
        db.collection(c).ensurePersistentIndex(List.of("email"), new PersistentIndexOptions().unique(true));
        db.collection(c).insertDocument(Map.of("_key", "existing", "email", "taken@example.org"));
        expectError(409, 1210, () -> query(
                "FOR e IN ['new1@example.org', 'taken@example.org'] INSERT {email: e} INTO @@c",
                Map.of("@c", c)));
        assertThat(db.collection(c).count().getCount()).isEqualTo(1L);
        db.collection(c).insertDocument(Map.of("_key", "second", "email", "second@example.org"));
        expectError(409, 1210, () -> query("FOR d IN @@c SORT d._key UPDATE d WITH {email: 'same@example.org'} IN @@c",
                Map.of("@c", c)));
        assertThat(db.collection(c).getDocument("existing", Map.class)).containsEntry("email", "taken@example.org");
        assertThat(db.collection(c).getDocument("second", Map.class)).containsEntry("email", "second@example.org");
        assertThat(db.collection(c).count().getCount()).isEqualTo(2L);
    }

    @Test
    void cursorCanBeClosedAndIsThenGone() throws Exception {
        ArangoCursor<Object> cursor = db.query("FOR u IN @@c RETURN u", Object.class, Map.of("@c", users),
                new AqlQueryOptions().batchSize(2));
        String id = cursor.getId();
        assertThat(id).isNotNull();
        List<Object> firstBatch = new ArrayList<>();
        firstBatch.add(cursor.next());
        cursor.close();
        expectError(404, 1600, () -> db.cursor(id, Object.class));
    }
}
