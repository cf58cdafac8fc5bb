package dev.kcbundle.userstorage.arango;

import com.arangodb.Protocol;
import java.util.List;

/**
 * Where and how one user federation reaches its users: the hosts (coordinators or a single server), TLS, the driver's
 * protocol, the ArangoDB account, the database and collection, and the longest wait of any request. Checked and built by the provider's
 * configuration ({@code ArangoStorageConfig}); equal connections share one driver client ({@link ArangoClients}).
 */
public record ArangoConnection(
        List<HostAndPort> hosts,
        boolean useTls,
        Protocol protocol,
        String user,
        String password,
        String database,
        String usersCollection,
        int timeoutMillis) {

    /** The longest wait of a request at runtime: connect, TLS handshake and answer, each. */
    public static final int REQUEST_TIMEOUT_MILLIS = 10_000;

    public ArangoConnection {
        hosts = List.copyOf(hosts);
    }

    /** A connection with the runtime timeout ({@value #REQUEST_TIMEOUT_MILLIS} ms). */
    public ArangoConnection(
            List<HostAndPort> hosts,
            boolean useTls,
            Protocol protocol,
            String user,
            String password,
            String database,
            String usersCollection) {
        this(hosts, useTls, protocol, user, password, database, usersCollection, REQUEST_TIMEOUT_MILLIS);
    }

    /** The same connection to one of its hosts only (the connection check asks each host in turn). */
    public ArangoConnection withHost(HostAndPort host) {
        return new ArangoConnection(
                List.of(host), useTls, protocol, user, password, database, usersCollection, timeoutMillis);
    }

    /** The same connection whose every wait ends after {@code millis}. */
    public ArangoConnection withTimeout(int millis) {
        return new ArangoConnection(hosts, useTls, protocol, user, password, database, usersCollection, millis);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "ArangoConnection[hosts=" + hosts + ", useTls=" + useTls + ", protocol=" + protocol + ", user=" + user
                + ", database=" + database + ", usersCollection=" + usersCollection + ", timeoutMillis=" + timeoutMillis
                + "]";
    }

    public record HostAndPort(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }
}
