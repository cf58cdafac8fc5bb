package dev.kcbundle.arangodb.testserver;

import com.sun.net.httpserver.HttpServer;
import dev.kcbundle.arangodb.testserver.api.CollectionApi;
import dev.kcbundle.arangodb.testserver.api.CursorApi;
import dev.kcbundle.arangodb.testserver.api.DatabaseApi;
import dev.kcbundle.arangodb.testserver.api.DocumentApi;
import dev.kcbundle.arangodb.testserver.api.IndexApi;
import dev.kcbundle.arangodb.testserver.api.UserApi;
import dev.kcbundle.arangodb.testserver.api.VersionApi;
import dev.kcbundle.arangodb.testserver.http.ApiHandler;
import dev.kcbundle.arangodb.testserver.http.ArangoHttpHandler;
import dev.kcbundle.arangodb.testserver.store.Storage;
import dev.kcbundle.arangodb.testserver.store.Users;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * An in-memory server speaking the subset of ArangoDB 3.12's HTTP/JSON API that the official Java driver uses
 * (see the module README), on 127.0.0.1. User {@code root} with the given password; more users and their database
 * permissions through {@code /_api/user}. For tests and the Docker-less run: the data lives in memory only.
 */
public final class ArangoTestServer implements AutoCloseable {

    /**
     * The only driver protocol this server answers (HTTP/1.1 with JSON): the value of the {@code arangodb} federation's
     * {@code protocol} option (and of {@code ARANGODB_PROTOCOL}) wherever a Keycloak uses this server.
     */
    public static final String DRIVER_PROTOCOL = "HTTP_JSON";

    private static final Logger LOG = Logger.getLogger(ArangoTestServer.class);
    private static final String HOST = "127.0.0.1";
    private static final int DEFAULT_PORT = 8529;
    private static final int WORKER_THREADS = 16;

    static {
        // The JDK server writes response headers and body separately; without TCP_NODELAY, Nagle's algorithm and the
        // client's delayed ACK add ~40 ms to some responses. Read once when the JDK server classes load.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        // Keep idle connections open like ArangoDB (300 s keep-alive), not the JDK's 30 s, so pooled driver
        // connections are not closed under a client's feet.
        if (System.getProperty("sun.net.httpserver.idleInterval") == null) {
            System.setProperty("sun.net.httpserver.idleInterval", "300");
        }
    }

    private final Storage storage;
    private final Users users;
    private final RequestCounter requests = new RequestCounter();
    private final ArangoHttpHandler handler;
    private final ExecutorService workers;
    private int port;
    private HttpServer server;
    private boolean closed;

    private ArangoTestServer(Storage storage, Users users) {
        this.storage = storage;
        this.users = users;
        Map<String, ApiHandler> apis = Map.of(
                "version", new VersionApi(),
                "database", new DatabaseApi(storage, users),
                "user", new UserApi(users, storage),
                "collection", new CollectionApi(),
                "index", new IndexApi(),
                "document", new DocumentApi(),
                "cursor", new CursorApi(storage.ticks()));
        this.handler = new ArangoHttpHandler(storage, users, requests, apis);
        AtomicInteger threadNumber = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                WORKER_THREADS, WORKER_THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "arangodb-testserver-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        this.workers = pool;
    }

    /** Starts a server on 127.0.0.1:{@code port} (0 picks a free port) whose user root has {@code rootPassword}. */
    public static ArangoTestServer start(int port, String rootPassword) {
        ArangoTestServer server = new ArangoTestServer(new Storage(), new Users(rootPassword));
        server.listen(port);
        LOG.debugf("In-memory ArangoDB stand-in listening on %s", server.hosts());
        return server;
    }

    /**
     * A second coordinator of the same data: a server on another free port over this server's databases and users
     * (as the coordinators of an ArangoDB cluster), with a request counter of its own. Suspending or closing either
     * leaves the other serving.
     */
    public ArangoTestServer coordinator() {
        ArangoTestServer coordinator = new ArangoTestServer(storage, users);
        coordinator.listen(0);
        LOG.debugf("In-memory ArangoDB stand-in coordinator on %s beside %s", coordinator.hosts(), hosts());
        return coordinator;
    }

    private synchronized void listen(int requestedPort) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getByName(HOST), requestedPort), 128);
            http.createContext("/", handler);
            http.setExecutor(workers);
            http.start();
            this.server = http;
            this.port = http.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + HOST + ":" + requestedPort, e);
        }
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:<port>}, the format of ARANGODB_HOSTS. */
    public String hosts() {
        return HOST + ":" + port;
    }

    public RequestCounter requests() {
        return requests;
    }

    /** Simulates an outage: the port refuses connections from now on; the data is kept for {@link #resume()}. */
    public synchronized void suspend() {
        if (server != null) {
            server.stop(0);
            server = null;
            LOG.debugf("In-memory ArangoDB stand-in on %s suspended", hosts());
        }
    }

    /** Listens again on the same port, with the same data. */
    public synchronized void resume() {
        if (closed) {
            throw new IllegalStateException("the server is closed");
        }
        if (server == null) {
            listen(port);
            LOG.debugf("In-memory ArangoDB stand-in on %s resumed", hosts());
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        suspend();
        closed = true;
        workers.shutdownNow();
    }

    /** {@code java -jar arangodb-testserver.jar [--port 8529] [--password secret]}; password also from ARANGODB_PASSWORD. */
    public static void main(String[] args) throws InterruptedException {
        int port = DEFAULT_PORT;
        String password = System.getenv("ARANGODB_PASSWORD");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port":
                    port = Integer.parseInt(requireValue(args, ++i, "--port"));
                    break;
                case "--password":
                    password = requireValue(args, ++i, "--password");
                    break;
                default:
                    throw new IllegalArgumentException(
                            "unknown argument " + args[i] + " (usage: --port <port> --password <root password>)");
            }
        }
        if (password == null) {
            password = "";
            LOG.warn("No --password and no ARANGODB_PASSWORD: user root has an EMPTY password");
        }
        ArangoTestServer server = start(port, password);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        LOG.warnf(
                "IN-MEMORY ArangoDB stand-in listening on http://%s (user root, HTTP/1.1 + JSON only). "
                        + "Data lives in memory only and is LOST when this process stops.",
                server.hosts());
        stopped.await();
    }

    private static String requireValue(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }
}
