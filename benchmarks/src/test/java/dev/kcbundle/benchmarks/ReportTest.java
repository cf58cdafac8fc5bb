package dev.kcbundle.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void aRowGivesTheMedianThroughputWithItsSpreadPercentilesAndTheRatioToKeycloakUsers() {
        Report report = new Report();
        report.row(1000, 4, Operation.PASSWORD_GRANT, Store.KEYCLOAK).add(round(100, 1, 10_000));
        report.row(1000, 4, Operation.PASSWORD_GRANT, Store.KEYCLOAK).add(round(300, 1, 30_000));
        report.row(1000, 4, Operation.PASSWORD_GRANT, Store.KEYCLOAK).add(round(200, 1, 20_000));
        report.row(1000, 4, Operation.PASSWORD_GRANT, Store.ARANGODB_NO_CACHE).add(round(190, 1, 20_000));

        assertThat(report.markdown())
                .contains(
                        "| password grant | keycloak | 200.0 (100.0-300.0) | 20.0 | 30.0 | 30.0 | 1.00 | 2.00 | 0 | 1.00 |",
                        "| password grant | arangodb-no-cache | 190.0 (190.0-190.0) | 20.0 | 20.0 | 20.0 | 1.00 | 2.00 | 0 | 0.95 |");
        // HdrHistogram keeps 3 significant digits: 20 ms is read back as the highest equivalent value, 20.02 ms
        assertThat(report.csv().lines())
                .hasSize(3)
                .contains(
                        "1000,4,password-grant,arangodb-no-cache,1,190.00,190.00,190.00,20.02,20.02,20.02,1.000,2.000,0,0.950");
    }

    @Test
    void withoutARequestCounterTheRequestsPerOperationAreNotAvailable() {
        Report report = new Report();
        Histogram latency = new Histogram(3);
        latency.recordValue(5_000);
        report.row(20, 1, Operation.ADMIN_COUNT, Store.KEYCLOAK)
                .add(new LoadRound.Result(latency, 1, 0, 1_000_000_000L, -1, -1, null));

        assertThat(report.markdown())
                .contains("| admin: count | keycloak | 1.0 (1.0-1.0) | 5.0 | 5.0 | 5.0 | n/a | n/a | 0 | 1.00 |");
    }

    @Test
    void optionsParseListsAndRefuseUnknownOperations() {
        Options options = Options.parse(
                new String[] {
                    "--sizes",
                    "1000,10000",
                    "--concurrency",
                    "1,16",
                    "--operations",
                    "password-grant,admin-count",
                    "--out",
                    "x"
                },
                Map.of());

        assertThat(options.sizes()).containsExactly(1000, 10_000);
        assertThat(options.concurrency()).containsExactly(1, 16);
        assertThat(options.operations()).containsExactly(Operation.PASSWORD_GRANT, Operation.ADMIN_COUNT);
        assertThatThrownBy(() -> Options.parse(new String[] {"--operations", "nope"}, Map.of()))
                .hasMessageContaining("unknown operation nope");
        assertThatThrownBy(() -> Options.parse(new String[] {"--keycloak", "http://kc"}, Map.of()))
                .hasMessageContaining("--admin-password");
    }

    /** One second of {@code operations} calls of {@code latencyMicros}, each with ArangoDB requests of 2 ms in all. */
    private static LoadRound.Result round(long operations, long requestsPerOperation, long latencyMicros) {
        Histogram latency = new Histogram(3);
        latency.recordValueWithCount(latencyMicros, operations);
        return new LoadRound.Result(
                latency,
                operations,
                0,
                1_000_000_000L,
                operations * requestsPerOperation,
                operations * 2_000_000L,
                null);
    }

    @Test
    void everyOperationHasACommandLineName() {
        assertThat(Operation.parse("all")).hasSize(Operation.values().length);
        assertThat(List.of(Operation.values())).extracting(Operation::cliName).contains("active-group-switch");
    }
}
