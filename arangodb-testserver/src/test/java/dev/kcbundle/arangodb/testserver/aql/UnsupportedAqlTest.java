package dev.kcbundle.arangodb.testserver.aql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kcbundle.arangodb.testserver.store.ArangoError;
import dev.kcbundle.arangodb.testserver.store.Database;
import dev.kcbundle.arangodb.testserver.store.Json;
import dev.kcbundle.arangodb.testserver.store.Storage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Valid AQL outside the supported subset (what no product query sends) must fail with a parse error (or unknown
 * function), never run with a wrong result. In-memory only: a real ArangoDB would run these queries.
 */
class UnsupportedAqlTest {

    private final Database database = new Storage().database(Storage.SYSTEM);
    private final QueryEngine engine = new QueryEngine();

    {
        database.createCollection("users");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "UPSERT {a: 1} INSERT {a: 1} UPDATE {} IN users",
                "FOR u IN users COLLECT g = u.group INTO members RETURN members",
                "FOR u IN users COLLECT AGGREGATE n = COUNT(u) RETURN n",
                "FOR u IN users FILTER u.name =~ '^a' RETURN u",
                "FOR u IN users FILTER [1, 2] ANY == u.n RETURN u",
                "FOR v IN 1..2 OUTBOUND 'users/a' edges RETURN v",
                "FOR u IN users WINDOW {preceding: 1} AGGREGATE s = SUM(u.n) RETURN s",
                "RETURN [[1], [2]][**]",
                "RETURN [1, 2][* FILTER CURRENT > 1]",
                "RETURN [{n: 1}][*].n",
                "FOR u IN users LET n = u.n RETURN n",
                "RETURN (FOR u IN users RETURN u)",
                "INSERT {a: 1} INTO users",
                "FOR u IN users REMOVE u IN users",
                "FOR u IN users RETURN DISTINCT u.n",
                "FOR x IN [1, 2] RETURN x",
                "FOR x IN 1..3 RETURN x",
                "FOR u IN users OPTIONS {indexHint: 'x'} RETURN u",
                "FOR u IN users FILTER u.n > 1 RETURN u",
                "FOR u IN users FILTER NOT u.n RETURN u",
                "RETURN 1 + 2",
                "RETURN -1",
                "RETURN users",
                "FOR u IN users COLLECT g = u.group RETURN g",
                "RETURN MY::FUNC(1)",
            })
    void failsWithAParseError(String query) {
        ArangoError error = catchThrowableOfType(ArangoError.class, () -> engine.execute(database, query, null));
        assertThat(error).as(query).isNotNull();
        assertThat(error.errorNum()).as(query).isEqualTo(ArangoError.QUERY_PARSE);
        assertThat(error.status()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "RETURN SORTED([2, 1])",
                "RETURN DATE_NOW()",
                "RETURN UPPER('a')",
                "RETURN CONCAT('a')",
                "RETURN DOCUMENT('users/a')",
                "RETURN KEEP({a: 1}, 'a')"
            })
    void unknownFunctionsFailWith1540(String query) {
        ArangoError error = catchThrowableOfType(ArangoError.class, () -> engine.execute(database, query, null));
        assertThat(error.errorNum()).isEqualTo(ArangoError.QUERY_FUNCTION_NAME_UNKNOWN);
    }

    @org.junit.jupiter.api.Test
    void reportsTheSyntaxErrorPosition() {
        ObjectNode binds = Json.object();
        ArangoError error = catchThrowableOfType(
                ArangoError.class, () -> engine.execute(database, "FOR u IN users\n  FILTER u.a = 1 RETURN u", binds));
        assertThat(error.getMessage()).contains("at position 2:14");
    }
}
