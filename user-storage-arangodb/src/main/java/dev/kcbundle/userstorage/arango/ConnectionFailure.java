package dev.kcbundle.userstorage.arango;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import com.arangodb.ArangoDBException;
import com.arangodb.ArangoDBMultipleException;
import dev.kcbundle.userstorage.arango.ArangoConnection.HostAndPort;

/**
 * Names why the driver got no HTTP answer from one host: unknown name, refused, TLS certificate not trusted, TLS
 * against a plain HTTP port or plain HTTP against a TLS port, no answer in time. The driver's exception (its causes
 * and, for "Cannot contact any host", the failure of each attempt) tells most; where it does not (the connection was
 * closed, or nothing came back in time), one short probe of the port tells which protocol it speaks.
 */
final class ConnectionFailure {

    private static final int PROBE_TIMEOUT_MILLIS = 1_000;

    private ConnectionFailure() {
    }

    /**
     * Null when the host name resolves. Asked of the JDK (the operating system's resolver, milliseconds) before the
     * driver, whose own resolver takes up to several seconds to give up on a name that does not exist.
     */
    static ConfigProblem unknownHost(HostAndPort host) {
        try {
            InetAddress.getAllByName(host.host());
            return null;
        } catch (UnknownHostException e) {
            return unknown(host);
        }
    }

    private static ConfigProblem unknown(HostAndPort host) {
        return ConfigProblem.of("arangodb-error-unknown-host", host.host(), host);
    }

    /** A host that is down or too slow, rather than misconfigured: another coordinator may serve instead. */
    static boolean isOutage(ConfigProblem problem) {
        return Set.of("arangodb-error-refused", "arangodb-error-timeout", "arangodb-error-unreachable")
                .contains(problem.key());
    }

    static ConfigProblem describe(HostAndPort host, boolean useTls, int timeoutMillis, ArangoDBException e) {
        Set<Throwable> causes = causes(e);
        if (has(causes, UnknownHostException.class)) {
            return unknown(host);
        }
        if (has(causes, ConnectException.class)) {
            return ConfigProblem.of("arangodb-error-refused", host);
        }
        if (useTls && has(causes, CertificateException.class)) {
            return ConfigProblem.of("arangodb-error-tls-certificate", host);
        }
        if (useTls && speaksPlainHttp(host)) {
            return ConfigProblem.of("arangodb-error-tls-on-plain-port", host);
        }
        boolean timedOut = has(causes, TimeoutException.class);
        // a TLS port closes a plain HTTP connection at once: after a plain request timed out, no need to ask
        if (!useTls && !timedOut && speaksTls(host)) {
            return ConfigProblem.of("arangodb-error-plain-on-tls-port", host);
        }
        if (useTls && has(causes, SSLException.class)) {
            return ConfigProblem.of("arangodb-error-tls-handshake", host);
        }
        if (timedOut) {
            return ConfigProblem.of("arangodb-error-timeout", host, timeoutMillis / 1000);
        }
        return ConfigProblem.of("arangodb-error-unreachable", host);
    }

    /** The exception, its causes and, for a failure of several attempts, theirs. */
    private static Set<Throwable> causes(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        Deque<Throwable> next = new ArrayDeque<>();
        next.add(failure);
        while (!next.isEmpty()) {
            Throwable t = next.poll();
            if (t == null || !seen.add(t)) {
                continue;
            }
            if (t instanceof ArangoDBMultipleException multiple) {
                next.addAll(multiple.getExceptions());
            }
            if (t.getCause() != null) {
                next.add(t.getCause());
            }
        }
        return seen;
    }

    private static boolean has(Set<Throwable> causes, Class<? extends Throwable> type) {
        return causes.stream().anyMatch(type::isInstance);
    }

    /** Whether the port answers a plain HTTP request with an HTTP response. */
    static boolean speaksPlainHttp(HostAndPort host) {
        try (Socket socket = connect(host)) {
            String request = "GET /_api/version HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readNBytes(5), StandardCharsets.US_ASCII).equals("HTTP/");
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the port does a TLS handshake: completes it, or refuses only the certificate it got. */
    static boolean speaksTls(HostAndPort host) {
        try (Socket socket = connect(host);
             SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                     .createSocket(socket, host.host(), host.port(), true)) {
            tls.startHandshake();
            return true;
        } catch (SSLHandshakeException e) {
            return has(causes(e), CertificateException.class);
        } catch (IOException e) {
            return false;
        }
    }

    private static Socket connect(HostAndPort host) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host.host(), host.port()), PROBE_TIMEOUT_MILLIS);
            socket.setSoTimeout(PROBE_TIMEOUT_MILLIS);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
