package dev.kcbundle.arangodb.testserver;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.UUID;

/**
 * JUnit 5 fixture: {@code @ExtendWith(ArangoTestServerExtension.class)} starts one in-memory server per test class
 * (random port, random root password) and resolves {@link ArangoTestServer} parameters of constructors, lifecycle
 * methods and tests; the server is closed after the class. Tests read {@code server.hosts()} and
 * {@link #password(ArangoTestServer)} to connect.
 */
public final class ArangoTestServerExtension implements ParameterResolver, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ArangoTestServerExtension.class);
    private static final String KEY = "server";

    /** A started server and its root password; closed by JUnit when the class's store is closed. */
    record Running(ArangoTestServer server, String password) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            server.close();
        }
    }

    private static final java.util.Map<ArangoTestServer, String> PASSWORDS =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == ArangoTestServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext)
            throws ParameterResolutionException {
        return running(extensionContext).server();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Running running = classStore(context).remove(KEY, Running.class);
        if (running != null) {
            running.close();
        }
    }

    /** The root password of a server started by this extension. */
    public static String password(ArangoTestServer server) {
        String password = PASSWORDS.get(server);
        if (password == null) {
            throw new IllegalArgumentException("not a server started by ArangoTestServerExtension");
        }
        return password;
    }

    private static Running running(ExtensionContext context) {
        return classStore(context).getOrComputeIfAbsent(KEY, key -> {
            String password = UUID.randomUUID().toString();
            ArangoTestServer server = ArangoTestServer.start(0, password);
            PASSWORDS.put(server, password);
            return new Running(server, password);
        }, Running.class);
    }

    private static ExtensionContext.Store classStore(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getParent().isPresent() && classContext.getTestMethod().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext.getStore(NAMESPACE);
    }
}
