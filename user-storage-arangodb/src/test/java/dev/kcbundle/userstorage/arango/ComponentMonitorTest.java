package dev.kcbundle.userstorage.arango;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.models.ModelDuplicateException;

/** Request metrics per realm, component, operation and outcome; one log line per change of ArangoDB's reachability. */
class ComponentMonitorTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ComponentMonitor monitor =
            new ComponentMonitor(registry, "acme", "ArangoDB users", List.of("arangodb:8529"));
    private final List<LogRecord> logged = new ArrayList<>();
    private final Logger log = Logger.getLogger(ComponentMonitor.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void captureLog() {
        log.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        log.removeHandler(capture);
    }

    @Test
    void everyRequestIsTimedWithItsRealmComponentOperationAndOutcome() {
        assertThat(monitor.measure("find user", () -> "alice")).isEqualTo("alice");
        monitor.measure("find user", () -> null);
        assertThatThrownBy(() -> monitor.measure("create user", () -> {
                    throw new ModelDuplicateException("User exists with same username", "username");
                }))
                .isInstanceOf(ModelDuplicateException.class);

        assertThat(timer("find_user", ComponentMonitor.SUCCESS).count()).isEqualTo(2);
        assertThat(timer("create_user", ComponentMonitor.REJECTED).count()).isEqualTo(1);
        assertThat(registry.find(ComponentMonitor.REQUESTS)
                        .tag(ComponentMonitor.OUTCOME, ComponentMonitor.UNAVAILABLE)
                        .timer())
                .isNull();
        assertThat(logged).isEmpty();
    }

    @Test
    void anOutageIsLoggedOnceAsWarningAndTheRecoveryOnceAsInfo() {
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> monitor.measure("find user", () -> {
                        throw new ArangoUnavailableException("ArangoDB is unreachable (find user)", null);
                    }))
                    .isInstanceOf(ArangoUnavailableException.class);
        }
        monitor.measure("find user", () -> "alice");
        monitor.measure("find user", () -> "bob");

        assertThat(timer("find_user", ComponentMonitor.UNAVAILABLE).count()).isEqualTo(5);
        assertThat(logged).extracting(LogRecord::getLevel).containsExactly(Level.WARNING, Level.INFO);
        assertThat(message(0))
                .contains("\"ArangoDB users\"", "\"acme\"", "[arangodb:8529]", "ArangoDB is unreachable (find user)");
        assertThat(message(1)).contains("\"ArangoDB users\"", "\"acme\"", "again");
    }

    private Timer timer(String operation, String outcome) {
        Timer timer = registry.find(ComponentMonitor.REQUESTS)
                .tag(ComponentMonitor.REALM, "acme")
                .tag(ComponentMonitor.COMPONENT, "ArangoDB users")
                .tag(ComponentMonitor.OPERATION, operation)
                .tag(ComponentMonitor.OUTCOME, outcome)
                .timer();
        assertThat(timer).as("timer %s %s", operation, outcome).isNotNull();
        return timer;
    }

    private String message(int index) {
        LogRecord record = logged.get(index);
        Object[] parameters = record.getParameters();
        return parameters == null ? record.getMessage() : String.format(record.getMessage(), parameters);
    }
}
