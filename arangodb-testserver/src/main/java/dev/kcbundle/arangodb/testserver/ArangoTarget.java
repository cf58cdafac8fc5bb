package dev.kcbundle.arangodb.testserver;

import com.arangodb.ArangoDB;
import com.arangodb.Protocol;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The ArangoDB that tests, the run command and the benchmarks talk to, decided in one place: the real ArangoDB named
 * by {@value #HOSTS_VARIABLE} (a {@code host:port} list) with the admin credential {@value #USER_VARIABLE} (default
 * {@code root}) / {@value #PASSWORD_VARIABLE}; or, when {@value #HOSTS_VARIABLE} is unset or blank, an in-memory
 * stand-in ({@link ArangoTestServer}) started here, user {@code root}, password {@value #PASSWORD_VARIABLE} or a
 * random one. {@link #close()} stops a stand-in started here and leaves a real ArangoDB alone.
 *
 * <pre>{@code
 * try (ArangoTarget arango = ArangoTarget.fromEnvironment()) {
 *     ArangoDB driver = arango.driver();   // or arango.httpUrl(), arango.hosts(), arango.user(), arango.password()
 * }
 * }</pre>
 */
public final class ArangoTarget implements AutoCloseable {

    public static final String HOSTS_VARIABLE = "ARANGODB_HOSTS";
    public static final String USER_VARIABLE = "ARANGODB_USER";
    public static final String PASSWORD_VARIABLE = "ARANGODB_PASSWORD";
    /** ArangoDB's port, assumed for a host without one. */
    public static final int DEFAULT_PORT = 8529;

    private static final String ROOT = "root";

    private final List<Endpoint> endpoints;
    private final String user;
    private final String password;
    private final ArangoTestServer standIn;

    private ArangoTarget(List<Endpoint> endpoints, String user, String password, ArangoTestServer standIn) {
        this.endpoints = List.copyOf(endpoints);
        this.user = user;
        this.password = password;
        this.standIn = standIn;
    }

    /** The process environment's choice, a stand-in on a free port when {@value #HOSTS_VARIABLE} is unset. */
    public static ArangoTarget fromEnvironment() {
        return from(System.getenv(), 0);
    }

    /**
     * @param env         {@value #HOSTS_VARIABLE}, {@value #USER_VARIABLE}, {@value #PASSWORD_VARIABLE}
     * @param standInPort where a stand-in listens when one is needed: this port when free, otherwise a free one
     *                    (0: a free one)
     * @throws IllegalArgumentException when {@value #HOSTS_VARIABLE} is not a {@code host:port} list
     */
    public static ArangoTarget from(Map<String, String> env, int standInPort) {
        String hosts = env.get(HOSTS_VARIABLE);
        String password = env.get(PASSWORD_VARIABLE);
        if (hosts == null || hosts.isBlank()) {
            return startStandIn(standInPort, password == null || password.isEmpty() ? randomSecret() : password);
        }
        String user = env.get(USER_VARIABLE);
        return of(hosts, user == null || user.isBlank() ? ROOT : user, password == null ? "" : password);
    }

    /** A given ArangoDB (a {@code host:port} list and its admin credential); nothing is started. */
    public static ArangoTarget of(String hosts, String user, String password) {
        return new ArangoTarget(Endpoint.listOf(hosts), user, password, null);
    }

    /** Always a fresh stand-in on a free port with a random root password, whatever the environment says. */
    public static ArangoTarget startStandIn() {
        return startStandIn(0, randomSecret());
    }

    private static ArangoTarget startStandIn(int port, String rootPassword) {
        ArangoTestServer server;
        try {
            server = ArangoTestServer.start(port, rootPassword);
        } catch (UncheckedIOException portTaken) {
            if (port == 0) {
                throw portTaken;
            }
            server = ArangoTestServer.start(0, rootPassword);
        }
        return new ArangoTarget(List.of(new Endpoint(server.host(), server.port())), ROOT, rootPassword, server);
    }

    /** Whether this is the in-memory stand-in (started by this target) rather than a real ArangoDB. */
    public boolean isStandIn() {
        return standIn != null;
    }

    /** The stand-in itself (request counter, outage switch), or empty against a real ArangoDB. */
    public Optional<ArangoTestServer> standIn() {
        return Optional.ofNullable(standIn);
    }

    /** The hosts in {@value #HOSTS_VARIABLE}'s format, {@code host:port,host:port}. */
    public String hosts() {
        return endpoints.stream().map(Endpoint::toString).collect(Collectors.joining(","));
    }

    public List<Endpoint> endpoints() {
        return endpoints;
    }

    /** The first host, where single-host clients (HTTP calls, the admin tools) go. */
    public Endpoint first() {
        return endpoints.get(0);
    }

    /** {@code http://host:port} of the first host, for calls to ArangoDB's HTTP API. */
    public String httpUrl() {
        return first().httpUrl();
    }

    /** The admin user: {@value #USER_VARIABLE}, or {@code root}. */
    public String user() {
        return user;
    }

    /** The admin user's password. */
    public String password() {
        return password;
    }

    /** Whether the first host accepts a connection (within a second). */
    public boolean answers() {
        return first().answers();
    }

    /** A driver for every host, signed in as the admin user; the caller shuts it down. */
    public ArangoDB driver() {
        return driver(user, password);
    }

    /** A driver for every host, signed in as {@code asUser}; the caller shuts it down. */
    public ArangoDB driver(String asUser, String withPassword) {
        // HTTP/1.1 with JSON: what the stand-in speaks, and a protocol every ArangoDB serves.
        ArangoDB.Builder builder =
                new ArangoDB.Builder().protocol(Protocol.HTTP_JSON).user(asUser).password(withPassword);
        endpoints.forEach(endpoint -> builder.host(endpoint.host(), endpoint.port()));
        return builder.build();
    }

    /** Stops the stand-in when this target started one; a real ArangoDB is left alone. */
    @Override
    public void close() {
        if (standIn != null) {
            standIn.close();
        }
    }

    @Override
    public String toString() {
        return (isStandIn() ? "in-memory ArangoDB stand-in on " : "ArangoDB at ") + hosts();
    }

    private static String randomSecret() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** One {@code host:port} of a {@value #HOSTS_VARIABLE} list. */
    public record Endpoint(String host, int port) {

        /**
         * The entries of a {@code host:port,host:port} list (blanks around entries ignored; a host without a port gets
         * {@value ArangoTarget#DEFAULT_PORT}; an IPv6 address in brackets, {@code [::1]:8529}).
         *
         * @throws IllegalArgumentException when the list is empty or an entry's port is not a port number
         */
        public static List<Endpoint> listOf(String hosts) {
            List<Endpoint> endpoints = new ArrayList<>();
            for (String entry : hosts == null ? new String[0] : hosts.split(",")) {
                if (!entry.isBlank()) {
                    endpoints.add(parse(entry.trim(), hosts));
                }
            }
            if (endpoints.isEmpty()) {
                throw new IllegalArgumentException(HOSTS_VARIABLE + " must be a host:port list, got '" + hosts + "'");
            }
            return endpoints;
        }

        /** The first entry of a {@code host:port} list. */
        public static Endpoint firstOf(String hosts) {
            return listOf(hosts).get(0);
        }

        private static Endpoint parse(String entry, String list) {
            int colon = entry.lastIndexOf(':');
            boolean bracketed = entry.startsWith("[");
            if (colon < 0 || bracketed && colon < entry.indexOf(']')) {
                return new Endpoint(unbracketed(entry), DEFAULT_PORT);
            }
            try {
                int port = Integer.parseInt(entry.substring(colon + 1));
                if (port < 1 || port > 65535 || colon == 0) {
                    throw new NumberFormatException();
                }
                return new Endpoint(unbracketed(entry.substring(0, colon)), port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(HOSTS_VARIABLE + " must be a host:port list, got '" + list + "'");
            }
        }

        private static String unbracketed(String host) {
            return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        }

        /** Whether this is the machine itself (localhost, 127/8, ::1). */
        public boolean isLoopback() {
            return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
        }

        /** {@code http://host:port}. */
        public String httpUrl() {
            return "http://" + this;
        }

        /** Whether something accepts a connection here (within a second). */
        public boolean answers() {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 1000);
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        /** {@code host:port} ({@code [v6]:port} for an IPv6 address). */
        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }
}
