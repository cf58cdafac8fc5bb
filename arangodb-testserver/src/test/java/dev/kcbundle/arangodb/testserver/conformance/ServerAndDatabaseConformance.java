package dev.kcbundle.arangodb.testserver.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.arangodb.ArangoDB;
import com.arangodb.ArangoDBException;
import com.arangodb.entity.ArangoDBVersion;
import com.arangodb.entity.DatabaseEntity;
import org.junit.jupiter.api.Test;

abstract class ServerAndDatabaseConformance extends Conformance {

    ServerAndDatabaseConformance(ConformanceSuite suite) {
        super(suite);
    }

    @Test
    void reportsAnArangoDb312Version() {
        ArangoDBVersion version = arango.getVersion();
        assertThat(version.getServer()).isEqualTo("arango");
        assertThat(version.getVersion()).startsWith("3.12");
    }

    @Test
    void createsAndDropsDatabases() {
        String name = unique("db");
        assertThat(arango.createDatabase(name)).isTrue();
        DatabaseEntity info = arango.db(name).getInfo();
        assertThat(info.getName()).isEqualTo(name);
        assertThat(info.getIsSystem()).isFalse();
        assertThat(arango.db(name).exists()).isTrue();
        assertThat(arango.db(name).drop()).isTrue();
        assertThat(arango.db(name).exists()).isFalse();
    }

    @Test
    void creatingAnExistingDatabaseIsADuplicateName() {
        expectError(409, 1207, () -> arango.createDatabase(db.name()));
    }

    @Test
    void unknownDatabaseIs1228() {
        expectError(404, 1228, () -> arango.db(unique("missing")).getInfo());
        expectError(
                404, 1228, () -> arango.db(unique("missing")).collection("c").count());
    }

    @Test
    void wrongPasswordIs401() {
        ArangoDB wrong = target.driver(target.user(), target.password() + "-wrong");
        try {
            ArangoDBException e = assertThrows(ArangoDBException.class, wrong::getVersion);
            assertThat(e.getResponseCode()).isEqualTo(401);
        } finally {
            wrong.shutdown();
        }
    }
}
