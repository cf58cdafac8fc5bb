package dev.kcbundle.userstorage.arango;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Watches the ArangoDB requests of one user federation component: each request is timed into Keycloak's Micrometer
 * registry ({@value #REQUESTS}, exposed on {@code /metrics} with {@code --metrics-enabled=true}), and the server log
 * gets one WARN line when the component cannot use ArangoDB and one INFO line when it can again, not one per request.
 *
 * <p>Tags: {@value #REALM}, {@value #COMPONENT} (the federation's name), {@value #OPERATION} (a fixed set, e.g.
 * {@code find_user}) and {@value #OUTCOME}: {@value #SUCCESS}; {@value #REJECTED} when ArangoDB answered with an
 * error the provider handles (duplicate, revision conflict, missing document); {@value #UNAVAILABLE} when ArangoDB
 * could not be reached, refused the credentials, lacks the database or failed. No user data in any tag.
 */
public final class ComponentMonitor {

    public static final String REQUESTS = "kcbundle.arangodb.requests";
    public static final String REALM = "realm";
    public static final String COMPONENT = "component";
    public static final String OPERATION = "operation";
    public static final String OUTCOME = "outcome";
    public static final String SUCCESS = "success";
    public static final String REJECTED = "rejected";
    public static final String UNAVAILABLE = "unavailable";

    private static final Logger LOG = Logger.getLogger(ComponentMonitor.class);

    private final MeterRegistry registry;
    private final String realm;
    private final String component;
    private final Object hosts;
    private final AtomicBoolean reachable = new AtomicBoolean(true);

    /** {@code hosts}: named in the log lines only. */
    public ComponentMonitor(MeterRegistry registry, String realm, String component, Object hosts) {
        this.registry = registry;
        this.realm = realm;
        this.component = component;
        this.hosts = hosts;
    }

    /** Runs one ArangoDB request of {@code operation} (a fixed name, never user data), timed and watched. */
    public <T> T measure(String operation, Supplier<T> request) {
        long start = System.nanoTime();
        String outcome = SUCCESS;
        try {
            T result = request.get();
            reachedArangoDb();
            return result;
        } catch (ArangoUnavailableException e) {
            outcome = UNAVAILABLE;
            cannotUseArangoDb(e);
            throw e;
        } catch (RuntimeException e) {
            outcome = REJECTED;
            reachedArangoDb();
            throw e;
        } finally {
            Timer.builder(REQUESTS)
                    .description("ArangoDB requests of the arangodb user federation")
                    .tags(List.of(
                            Tag.of(REALM, realm),
                            Tag.of(COMPONENT, component),
                            Tag.of(OPERATION, operation.replace(' ', '_')),
                            Tag.of(OUTCOME, outcome)))
                    .register(registry)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /** Whether these names are the ones this monitor tags with (a renamed realm or component gets a new monitor). */
    boolean names(String realm, String component) {
        return this.realm.equals(realm) && this.component.equals(component);
    }

    private void cannotUseArangoDb(ArangoUnavailableException e) {
        if (reachable.compareAndSet(true, false)) {
            LOG.warnf(
                    "User federation \"%s\" of realm \"%s\" cannot use ArangoDB at %s: %s. Requests for its users "
                            + "fail until ArangoDB answers again (logged once per outage).",
                    component, realm, hosts, e.getMessage());
        }
    }

    private void reachedArangoDb() {
        if (reachable.compareAndSet(false, true)) {
            LOG.infof("User federation \"%s\" of realm \"%s\" reaches ArangoDB at %s again", component, realm, hosts);
        }
    }
}
