package dev.kcbundle.arangodb.testserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.jboss.logging.Logger;

/**
 * A port that is not a working ArangoDB, for tests of what a client reports: {@link #silent} accepts connections and
 * never answers (a hung server, or a firewall that lets the connection through); {@link #tlsOnly} speaks TLS only,
 * with a self-signed certificate nobody trusts, and closes every connection after the handshake (ArangoDB's TLS
 * endpoint as a plain HTTP client or a client without its CA sees it).
 */
public final class FaultyServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FaultyServer.class);

    private final ServerSocket socket;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    private FaultyServer(ServerSocket socket, boolean handshake) {
        this.socket = socket;
        Thread acceptor = new Thread(() -> accept(handshake), "faulty-server-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Listens on a free port of {@code address}, accepts and never answers. */
    public static FaultyServer silent(InetAddress address) {
        try {
            return new FaultyServer(new ServerSocket(0, 50, address), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Listens on a free port of {@code address}, speaks TLS with a new self-signed certificate for localhost. */
    public static FaultyServer tlsOnly(InetAddress address) {
        try {
            return new FaultyServer(selfSigned().getServerSocketFactory().createServerSocket(0, 50, address), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code address:port}, the ARANGODB_HOSTS format. */
    public String hostAndPort() {
        return socket.getInetAddress().getHostAddress() + ":" + socket.getLocalPort();
    }

    @Override
    public void close() {
        try {
            socket.close();
            for (Socket connection : accepted) {
                connection.close();
            }
        } catch (IOException e) {
            LOG.debugf(e, "Closing %s", hostAndPort());
        }
    }

    private void accept(boolean handshake) {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                if (handshake) {
                    try (connection;
                            InputStream in = connection.getInputStream()) {
                        connection.setSoTimeout(5_000);
                        in.read(); // completes the handshake, or fails it (plain HTTP, untrusted certificate)
                    } catch (IOException e) {
                        LOG.debugf("TLS connection to %s: %s", hostAndPort(), e.getMessage());
                    }
                } else {
                    accepted.add(connection);
                }
            } catch (IOException e) {
                LOG.debugf("%s stops accepting: %s", hostAndPort(), e.getMessage());
            }
        }
    }

    /** A TLS context with a new EC key and self-signed certificate (CN=localhost), made by the JDK's keytool. */
    private static SSLContext selfSigned() throws IOException {
        Path dir = Files.createTempDirectory("faulty-tls");
        Path keystore = dir.resolve("server.p12");
        char[] password = UUID.randomUUID().toString().toCharArray();
        try {
            Process keytool = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "keytool")
                                    .toString(),
                            "-genkeypair",
                            "-keystore",
                            keystore.toString(),
                            "-storetype",
                            "PKCS12",
                            "-storepass",
                            new String(password),
                            "-alias",
                            "server",
                            "-keyalg",
                            "EC",
                            "-dname",
                            "CN=localhost",
                            "-validity",
                            "2")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("keytool.log").toFile())
                    .start();
            if (keytool.waitFor() != 0) {
                throw new IOException("keytool failed: " + Files.readString(dir.resolve("keytool.log")));
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                store.load(in, password);
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot make a self-signed certificate", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while making a certificate", e);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }
}
