package dev.kcbundle.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.kcbundle.arangodb.testserver.ArangoTestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class StandInCounterTest {

    private static final String PASSWORD = "counter-test-password";

    private final Http http = new Http();

    @Test
    void theCounterBodyGivesTotalRequestsAndNanos() {
        StandInCounter.Reading reading = StandInCounter.Reading.parse("""
                {"requests": 3, "nanos": 812345,
                 "operations": {"GET /_api/document/users/{key}": {"requests": 1, "nanos": 201000},
                                "POST /_api/cursor": {"requests": 2, "nanos": 611345}}}
                """);

        assertThat(reading).isEqualTo(new StandInCounter.Reading(3, 812_345));
        assertThat(new StandInCounter.Reading(10, 2_000_000).minus(reading))
                .isEqualTo(new StandInCounter.Reading(7, 1_187_655));
    }

    @Test
    void aBodyThatIsNotACounterIsRefused() {
        assertThatThrownBy(() -> StandInCounter.Reading.parse("{\"requests\": \"3\", \"nanos\": 1}"))
                .hasMessageContaining("not a request counter");
        assertThatThrownBy(() -> StandInCounter.Reading.parse("{\"server\": \"arango\", \"version\": \"3.12.4\"}"))
                .hasMessageContaining("not a request counter");
        assertThatThrownBy(() -> StandInCounter.Reading.parse("<html>")).hasMessageContaining("not JSON");
    }

    @Test
    void aStandInInAnotherProcessIsReadOverHttpAndItsRequestsAreCounted() {
        try (ArangoTestServer standIn = ArangoTestServer.start(0, PASSWORD)) {
            StandInCounter counter = StandInCounter.of(http, external(standIn.hosts()));
            StandInCounter.Reading before = counter.read().orElseThrow();

            http.expect(
                    Http.request("http://" + standIn.hosts() + "/_api/version")
                            .header("Authorization", Http.basic("root", PASSWORD)),
                    200);
            http.expect(
                    Http.request("http://" + standIn.hosts() + "/_api/version")
                            .header("Authorization", Http.basic("root", PASSWORD)),
                    200);

            assertThat(counter.present()).isTrue();
            assertThat(counter.source()).contains("over HTTP", standIn.hosts());
            StandInCounter.Reading between = counter.read().orElseThrow().minus(before);
            assertThat(between.requests()).isEqualTo(2); // reading the counter is not counted
            assertThat(between.nanos()).isPositive();
        }
    }

    @Test
    void aRealArangoDbHasNoCounterAndTheTableSaysSo() throws IOException {
        HttpServer arangoDb = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        arangoDb.createContext("/", exchange -> {
            byte[] body = "{\"code\":404,\"error\":true,\"errorMessage\":\"unknown path\",\"errorNum\":404}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        arangoDb.start();
        try {
            StandInCounter counter = StandInCounter.of(
                    http, external("127.0.0.1:" + arangoDb.getAddress().getPort()));

            assertThat(counter.present()).isFalse();
            assertThat(counter.read()).isEmpty();
            Histogram latency = new Histogram(3);
            latency.recordValue(5_000);
            Report report = new Report();
            report.arangoColumnsUnavailable(StandInCounter.NO_STAND_IN);
            report.row(20, 1, Operation.ADMIN_COUNT, Store.ARANGODB_DEFAULT)
                    .add(LoadRound.run(List.of(() -> {}), 0, 1_000_000, counter));
            assertThat(report.markdown())
                    .contains("| admin: count | arangodb-default |", "| n/a (no stand-in) | n/a (no stand-in) | 0 |");
        } finally {
            arangoDb.stop(0);
        }
    }

    private static Stack external(String arangoHosts) {
        return new Stack(
                "http://127.0.0.1:1",
                "admin",
                "secret",
                arangoHosts,
                ArangoTestServer.DRIVER_PROTOCOL,
                "root",
                PASSWORD,
                Optional.empty(),
                Optional.empty());
    }
}
