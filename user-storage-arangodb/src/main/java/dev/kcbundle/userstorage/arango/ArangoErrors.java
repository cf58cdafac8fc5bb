package dev.kcbundle.userstorage.arango;

import com.arangodb.ArangoDBException;
import com.arangodb.ArangoDBMultipleException;
import com.arangodb.shaded.vertx.core.http.HttpClosedException;
import dev.kcbundle.userstorage.arango.ArangoConnection.HostAndPort;
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
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.ModelException;
import org.keycloak.models.UserModel;

/**
 * The one place that turns what the ArangoDB driver throws into what people see:
 * <ul>
 * <li>at runtime ({@link #translate}), Keycloak's model exceptions, so Keycloak shows its normal errors: a duplicate
 * username or email, {@link ArangoUnavailableException} when ArangoDB cannot be used, a plain refusal otherwise;</li>
 * <li>when an admin saves a federation ({@link #problem}, for {@link ConnectionCheck}), the admin's message naming
 * the fault and the host: unknown name, refused, TLS certificate not trusted, TLS against a plain HTTP port or plain
 * HTTP against a TLS port, no answer in time, rejected credentials, no access to the database, a missing database.
 * The driver's exception (its causes and, for "Cannot contact any host", the failure of each attempt) tells most;
 * where it does not (the connection was closed, or nothing came back in time), one short probe of the port tells
 * which protocol it speaks.</li>
 * </ul>
 */
final class ArangoErrors {

    static final int CONFLICT = 1200;
    static final int DOCUMENT_NOT_FOUND = 1202;
    static final int UNIQUE_CONSTRAINT_VIOLATED = 1210;
    static final int DATABASE_NOT_FOUND = 1228;
    static final int DUPLICATE_NAME = 1207;

    private ArangoErrors() {}

    /** ArangoDB's "conflict, _rev values do not match" (HTTP 412 from the document API, also raised by AQL). */
    static boolean isRevisionConflict(ArangoDBException e) {
        return is(e, CONFLICT);
    }

    static boolean isDocumentNotFound(ArangoDBException e) {
        return is(e, DOCUMENT_NOT_FOUND);
    }

    static boolean isDatabaseNotFound(ArangoDBException e) {
        return is(e, DATABASE_NOT_FOUND);
    }

    static boolean isDuplicateName(ArangoDBException e) {
        return is(e, DUPLICATE_NAME);
    }

    private static boolean is(ArangoDBException e, int errorNum) {
        return e.getErrorNum() != null && e.getErrorNum() == errorNum;
    }

    // ---- at runtime: Keycloak's exceptions ----

    static ModelException translate(String action, ArangoDBException e) {
        Integer status = e.getResponseCode();
        if (is(e, UNIQUE_CONSTRAINT_VIOLATED)) {
            return duplicate(e);
        }
        if (status == null) {
            return new ArangoUnavailableException("ArangoDB is unreachable (" + action + ")", e);
        }
        if (status == 401) {
            return new ArangoUnavailableException(
                    "ArangoDB rejected the configured user and password (" + action + ")", e);
        }
        if (isDatabaseNotFound(e)) {
            return new ArangoUnavailableException("ArangoDB database does not exist (" + action + ")", e);
        }
        if (status >= 500) {
            return new ArangoUnavailableException("ArangoDB failed (" + action + "): HTTP " + status, e);
        }
        return new ModelException("ArangoDB refused " + action + ": " + e.getErrorMessage(), e);
    }

    /** ArangoDB names the violated index in its message; the exception names the field, as Keycloak's own do. */
    private static ModelDuplicateException duplicate(ArangoDBException e) {
        String message = e.getErrorMessage();
        boolean email = message != null && message.contains(UserIndexes.EMAIL_INDEX);
        String field = email ? UserModel.EMAIL : UserModel.USERNAME;
        ModelDuplicateException duplicate = new ModelDuplicateException("User exists with same " + field, field);
        duplicate.initCause(e);
        return duplicate;
    }

    // ---- saving a federation: the admin's message ----

    /**
     * What the failed request to {@code host} tells the admin. {@code credentialsAccepted} asks ArangoDB whether it
     * accepts the user and password at all (true, false, or null when that gives no clear answer): ArangoDB answers 401
     * alike for a wrong password and for a database the user may not access.
     */
    static ConfigProblem problem(
            ArangoConnection connection,
            HostAndPort host,
            int timeoutMillis,
            ArangoDBException e,
            Supplier<Boolean> credentialsAccepted) {
        Integer status = e.getResponseCode();
        if (status == null) {
            return noAnswer(host, connection.useTls(), timeoutMillis, e);
        }
        if (isDatabaseNotFound(e)) {
            return ConfigProblem.of("arangodb-error-database-missing", connection.database(), host);
        }
        if (status == 403) {
            return noAccess(connection, host);
        }
        if (status == 401) {
            Boolean accepted = credentialsAccepted.get();
            if (Boolean.TRUE.equals(accepted)) {
                return noAccess(connection, host);
            }
            return accepted == null
                    ? ConfigProblem.of(
                            "arangodb-error-credentials-or-access", host, connection.user(), connection.database())
                    : ConfigProblem.of("arangodb-error-credentials", host, connection.user());
        }
        return ConfigProblem.of(
                "arangodb-error-http",
                host,
                connection.database(),
                status,
                Objects.requireNonNullElse(e.getErrorMessage(), ""));
    }

    private static ConfigProblem noAccess(ArangoConnection connection, HostAndPort host) {
        return ConfigProblem.of("arangodb-error-no-access", connection.user(), connection.database(), host);
    }

    private static final int PROBE_TIMEOUT_MILLIS = 1_000;

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

    /** Why the driver got no HTTP answer from the host (see the class comment). */
    private static ConfigProblem noAnswer(HostAndPort host, boolean useTls, int timeoutMillis, ArangoDBException e) {
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

    /**
     * Whether the request failed because its kept-alive connection was closed under it (a coordinator stopped or
     * restarted since the connection was opened). The driver fails such a request without trying another host unless
     * it is a GET; a read may safely be sent again.
     */
    static boolean isClosedConnection(ArangoDBException e) {
        return has(causes(e), HttpClosedException.class);
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
