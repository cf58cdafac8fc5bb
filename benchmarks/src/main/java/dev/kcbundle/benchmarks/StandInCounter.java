package dev.kcbundle.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcbundle.arangodb.testserver.ArangoTarget;
import dev.kcbundle.arangodb.testserver.RequestCounter;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The ArangoDB stand-in's request counter, read before and after each measured window: in this JVM when the benchmark
 * started the stand-in itself, else over HTTP ({@code GET /_admin/kcbundle/requests}, see arangodb-testserver's
 * README) from the ArangoDB that Keycloak uses. A real ArangoDB has no such endpoint: the counter is then absent and
 * the table says so.
 */
final class StandInCounter {

    static final String PATH = "/_admin/kcbundle/requests";
    static final String NO_STAND_IN = "n/a (no stand-in)";

    private static final Logger LOG = Logger.getLogger(StandInCounter.class);

    /** Requests the stand-in received and its time answering them (summed over threads), since it started. */
    record Reading(long requests, long nanos) {

        /** {@code {"requests": n, "nanos": t, "operations": {...}}}, the body of {@value StandInCounter#PATH}. */
        static Reading parse(String body) {
            JsonNode json = Http.parse(body);
            JsonNode requests = json.path("requests");
            JsonNode nanos = json.path("nanos");
            if (!requests.isIntegralNumber() || !nanos.isIntegralNumber()) {
                throw new BenchmarkException("not a request counter (no whole numbers \"requests\" and \"nanos\"): "
                        + (body.length() > 200 ? body.substring(0, 200) + "..." : body));
            }
            return new Reading(requests.asLong(), nanos.asLong());
        }

        Reading minus(Reading before) {
            return new Reading(requests - before.requests, nanos - before.nanos);
        }
    }

    private final Supplier<Reading> reader;
    private final String source;

    private StandInCounter(Supplier<Reading> reader, String source) {
        this.reader = reader;
        this.source = source;
    }

    static StandInCounter inProcess(RequestCounter counter) {
        return new StandInCounter(
                () -> new Reading(counter.total(), counter.answeringNanos()),
                "the in-memory stand-in's counter, in the benchmark's JVM");
    }

    /**
     * The counter of the stack's ArangoDB (its first host), over HTTP as its admin; absent when that ArangoDB does not
     * answer the counter's path with one (a real ArangoDB: 404).
     */
    static StandInCounter of(Http http, Stack stack) {
        if (stack.arangoRequests().isPresent()) {
            return inProcess(stack.arangoRequests().get());
        }
        String url = ArangoTarget.Endpoint.firstOf(stack.arangoHosts()).httpUrl() + PATH;
        Supplier<Reading> overHttp = () -> {
            HttpResponse<String> response = http.expect(
                    Http.request(url)
                            .header("Authorization", Http.basic(stack.arangoAdminUser(), stack.arangoAdminPassword())),
                    200);
            return Reading.parse(response.body());
        };
        try {
            overHttp.get();
            return new StandInCounter(overHttp, "the stand-in's counter over HTTP, " + url);
        } catch (BenchmarkException e) {
            LOG.infof(
                    "No ArangoDB request counter at %s (%s): the ArangoDB columns read %s",
                    url, e.getMessage(), NO_STAND_IN);
            return new StandInCounter(null, "none: " + url + " is not the stand-in's counter (a real ArangoDB)");
        }
    }

    /** The counter's current reading; empty when there is no counter. */
    Optional<Reading> read() {
        return reader == null ? Optional.empty() : Optional.of(reader.get());
    }

    boolean present() {
        return reader != null;
    }

    /** Where the readings come from, for the report's conditions. */
    String source() {
        return source;
    }
}
