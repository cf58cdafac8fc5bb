package dev.kcbundle.arangodb.testserver.conformance;

import com.arangodb.ArangoDB;
import com.arangodb.Protocol;
import dev.kcbundle.arangodb.testserver.ArangoTestServer;

import java.util.UUID;

/**
 * The ArangoDB the conformance suite runs against: a real one when ARANGODB_HOSTS is set (first host of the list,
 * ARANGODB_USER / ARANGODB_PASSWORD), otherwise a fresh in-memory stand-in. Only the driver's public API is used
 * on the returned connection.
 */
final class ConformanceTarget implements AutoCloseable {

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final ArangoTestServer inMemory;

    private ConformanceTarget(String host, int port, String user, String password, ArangoTestServer inMemory) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.inMemory = inMemory;
    }

    static ConformanceTarget start() {
        String hosts = System.getenv("ARANGODB_HOSTS");
        if (hosts != null && !hosts.isBlank()) {
            String first = hosts.split(",")[0].trim();
            int colon = first.lastIndexOf(':');
            String user = System.getenv().getOrDefault("ARANGODB_USER", "root");
            String password = System.getenv().getOrDefault("ARANGODB_PASSWORD", "");
            return new ConformanceTarget(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1)),
                    user, password, null);
        }
        String password = UUID.randomUUID().toString();
        ArangoTestServer server = ArangoTestServer.start(0, password);
        return new ConformanceTarget(server.host(), server.port(), "root", password, server);
    }

    ArangoDB connect() {
        return connect(user, password);
    }

    ArangoDB connect(String asUser, String withPassword) {
        return new ArangoDB.Builder()
                .protocol(Protocol.HTTP_JSON)
                .host(host, port)
                .user(asUser)
                .password(withPassword)
                .build();
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    boolean isInMemory() {
        return inMemory != null;
    }

    @Override
    public void close() {
        if (inMemory != null) {
            inMemory.close();
        }
    }
}
