package dev.kcbundle.arangodb.testserver.conformance;

import com.arangodb.ArangoDB;
import com.arangodb.Protocol;
import dev.kcbundle.arangodb.testserver.ArangoTestServer;

import java.util.Map;
import java.util.UUID;

/**
 * An ArangoDB the conformance suite runs against: a real one named by the environment, or a fresh in-memory stand-in.
 * Only the driver's public API is used on the returned connection. (To be replaced by the shared
 * {@code ArangoTarget.fromEnvironment()} of this module.)
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

    /** A real ArangoDB from {@code ARANGODB_HOSTS} (first host), {@code ARANGODB_USER}, {@code ARANGODB_PASSWORD}; null when unset. */
    static ConformanceTarget fromEnvironment(Map<String, String> env) {
        String hosts = env.get("ARANGODB_HOSTS");
        if (hosts == null || hosts.isBlank()) {
            return null;
        }
        String first = hosts.split(",")[0].trim();
        int colon = first.lastIndexOf(':');
        return new ConformanceTarget(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1)),
                env.getOrDefault("ARANGODB_USER", "root"), env.getOrDefault("ARANGODB_PASSWORD", ""), null);
    }

    /** A fresh in-memory stand-in with a random root password. */
    static ConformanceTarget inMemory() {
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
