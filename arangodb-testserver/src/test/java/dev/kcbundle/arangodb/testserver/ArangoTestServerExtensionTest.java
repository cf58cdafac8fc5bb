package dev.kcbundle.arangodb.testserver;

import com.arangodb.ArangoDB;
import com.arangodb.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ArangoTestServerExtension.class)
class ArangoTestServerExtensionTest {

    private final ArangoTestServer injectedInConstructor;

    ArangoTestServerExtensionTest(ArangoTestServer server) {
        this.injectedInConstructor = server;
    }

    @Test
    void resolvesOneRunningServerPerClass(ArangoTestServer server) {
        assertThat(server).isSameAs(injectedInConstructor);
        assertThat(server.isRunning()).isTrue();
        ArangoDB arango = new ArangoDB.Builder().protocol(Protocol.HTTP_JSON).host(server.host(), server.port())
                .user("root").password(ArangoTestServerExtension.password(server)).build();
        try {
            assertThat(arango.getVersion().getVersion()).startsWith("3.12");
        } finally {
            arango.shutdown();
        }
    }
}
