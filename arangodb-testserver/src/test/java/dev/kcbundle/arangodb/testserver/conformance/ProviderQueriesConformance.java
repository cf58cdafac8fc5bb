package dev.kcbundle.arangodb.testserver.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.arangodb.ArangoCollection;
import com.arangodb.model.AqlQueryOptions;
import com.arangodb.model.PersistentIndexOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The query shapes the user storage provider (UserQuery, ArangoUserStore) sends, on its document model. */
abstract class ProviderQueriesConformance extends Conformance {

    ProviderQueriesConformance(ConformanceSuite suite) {
        super(suite);
    }

    private String col;

    @BeforeAll
    void fill() {
        col = unique("users");
        db.createCollection(col);
        ArangoCollection users = db.collection(col);
        users.ensurePersistentIndex(
                List.of("usernameLower"),
                new PersistentIndexOptions().name("username").unique(true).sparse(false));
        users.ensurePersistentIndex(
                List.of("emailLower"),
                new PersistentIndexOptions().name("email").unique(true).sparse(true));
        users.insertDocument(user(
                "alice",
                "Alice@Example.org",
                "Alice",
                "Doe",
                true,
                Map.of("policies", List.of("self:read"), "department", List.of("sales")),
                List.of("g1", "g2"),
                Map.of("realm", List.of("editor"), "clients", Map.of("api-server", List.of("reader")))));
        users.insertDocument(user(
                "bob_1",
                null,
                "Bob",
                "Stone",
                false,
                Map.of(),
                List.of("g2"),
                Map.of("realm", List.of(), "clients", Map.of())));
        Map<String, Object> carol = user(
                "carol",
                "carol@example.org",
                "Carol",
                "Doe",
                true,
                Map.of("department", List.of("it")),
                List.of(),
                Map.of("realm", List.of("admin")));
        carol.remove("enabled");
        users.insertDocument(carol);
    }

    private static Map<String, Object> user(
            String username,
            String email,
            String first,
            String last,
            boolean enabled,
            Map<String, Object> attributes,
            List<String> groups,
            Map<String, Object> roles) {
        Map<String, Object> user = new HashMap<>();
        user.put("username", username);
        user.put("usernameLower", username.toLowerCase());
        if (email != null) {
            user.put("email", email);
            user.put("emailLower", email.toLowerCase());
        }
        user.put("firstName", first);
        user.put("lastName", last);
        user.put("enabled", enabled);
        user.put("attributes", attributes);
        user.put("groups", groups);
        user.put("roles", roles);
        return user;
    }

    private List<Object> usernames(String filters, Map<String, Object> bindVars) {
        Map<String, Object> all = new HashMap<>(bindVars);
        all.put("@col", col);
        return db.query("FOR u IN @@col" + filters + " SORT u.usernameLower RETURN u.usernameLower", Object.class, all)
                .asListRemaining();
    }

    @Test
    void lookupByField() {
        assertThat(db.query(
                                "FOR u IN @@col FILTER u.emailLower == @value LIMIT 1 RETURN u",
                                Map.class,
                                Map.of("@col", col, "value", "alice@example.org"))
                        .asListRemaining())
                .singleElement()
                .satisfies(u -> assertThat(u).containsEntry("username", "alice"));
    }

    @Test
    void searchTermsAcrossFields() {
        assertThat(usernames(
                        " FILTER (CONTAINS(u.usernameLower, @s1) OR CONTAINS(u.emailLower, @s1)"
                                + " OR CONTAINS(LOWER(u.firstName), @s1) OR CONTAINS(LOWER(u.lastName), @s1))",
                        Map.of("s1", "doe")))
                .isEqualTo(List.of("alice", "carol"));
        assertThat(usernames(" FILTER (u.usernameLower LIKE @s1 OR u.emailLower LIKE @s1)", Map.of("s1", "bob\\_%")))
                .isEqualTo(List.of("bob_1"));
        assertThat(usernames(" FILTER (u.usernameLower == @s1 OR LOWER(u.firstName) == @s1)", Map.of("s1", "carol")))
                .isEqualTo(List.of("carol"));
    }

    @Test
    void flagsWithMissingMeaningTrue() {
        assertThat(usernames(" FILTER u.enabled != false", Map.of())).isEqualTo(List.of("alice", "carol"));
        assertThat(usernames(" FILTER u.enabled == false", Map.of())).isEqualTo(List.of("bob_1"));
        assertThat(usernames(" FILTER u.emailVerified != true", Map.of())).hasSize(3);
    }

    @Test
    void attributeGroupAndRoleMembership() {
        assertThat(usernames(" FILTER @av IN u.attributes[@an]", Map.of("an", "department", "av", "sales")))
                .isEqualTo(List.of("alice"));
        assertThat(usernames(" FILTER @g IN u.groups", Map.of("g", "g2"))).isEqualTo(List.of("alice", "bob_1"));
        assertThat(usernames(" FILTER (@g1 IN u.groups OR @g2 IN u.groups)", Map.of("g1", "g1", "g2", "nope")))
                .isEqualTo(List.of("alice"));
        assertThat(usernames(" FILTER false", Map.of())).isEmpty();
        assertThat(usernames(" FILTER @r IN u.roles.realm", Map.of("r", "admin")))
                .isEqualTo(List.of("carol"));
        assertThat(usernames(" FILTER @r IN u.roles.clients[@c]", Map.of("r", "reader", "c", "api-server")))
                .isEqualTo(List.of("alice"));
    }

    @Test
    void pagesAndCounts() {
        assertThat(db.query(
                                "FOR u IN @@col SORT u.usernameLower LIMIT @offset, @count RETURN u.usernameLower",
                                Object.class,
                                Map.of("@col", col, "offset", 1, "count", Integer.MAX_VALUE),
                                new AqlQueryOptions().batchSize(1000))
                        .asListRemaining())
                .isEqualTo(List.of("bob_1", "carol"));
        assertThat(db.query(
                                "FOR u IN @@col SORT u.usernameLower LIMIT @offset, @count RETURN u.usernameLower",
                                Object.class,
                                Map.of("@col", col, "offset", 0, "count", 2))
                        .asListRemaining())
                .isEqualTo(List.of("alice", "bob_1"));
        assertThat(db.query(
                                "FOR u IN @@col FILTER u.emailLower == @f1 COLLECT WITH COUNT INTO n RETURN n",
                                Number.class,
                                Map.of("@col", col, "f1", "carol@example.org"))
                        .asListRemaining())
                .singleElement()
                .satisfies(n -> assertThat(n.intValue()).isEqualTo(1));
        assertThat(db.collection(col).count().getCount()).isEqualTo(3L);
    }
}
