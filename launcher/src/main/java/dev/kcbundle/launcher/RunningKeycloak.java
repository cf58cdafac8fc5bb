package dev.kcbundle.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/** A Keycloak process started by {@link KeycloakDistribution}. */
public final class RunningKeycloak implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RunningKeycloak.class);
    /** The first start after a provider changed re-augments Keycloak: over 3 minutes on a busy 2-core machine. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(8);

    private final Process process;
    private final int httpPort;
    private final int managementPort;
    private final Path log;

    RunningKeycloak(Process process, int httpPort, int managementPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.log = log;
    }

    public String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    /**
     * Waits until a line of the console log matches {@code pattern} and returns it.
     *
     * @throws IllegalStateException when no line matches within {@code timeout}, or Keycloak was started without a log
     */
    public String awaitLogLine(Pattern pattern, Duration timeout) {
        if (log == null) {
            throw new IllegalStateException("Keycloak at " + baseUrl() + " logs to the console, not to a file");
        }
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try (Stream<String> lines = Files.lines(log)) {
                Optional<String> match = lines.filter(pattern.asPredicate()).reduce((first, last) -> last);
                if (match.isPresent()) {
                    return match.get();
                }
            } catch (IOException | UncheckedIOException notWrittenYet) {
                // the file appears with the first output
            }
            sleep(500);
        }
        throw new IllegalStateException("No line matching '" + pattern + "' within " + timeout + logTail());
    }

    /** The file Keycloak's console output goes to; {@code null} when it goes to this process's console. */
    public Path log() {
        return log;
    }

    /** The management interface: health and, with metrics enabled, {@code /metrics}. */
    public String managementUrl() {
        return "http://localhost:" + managementPort;
    }

    /** The started process ({@code kc.sh}, Java may be its child), e.g. for {@code jcmd} by the benchmarks. */
    public ProcessHandle process() {
        return process.toHandle();
    }

    /** Blocks until Keycloak exits (the run command's foreground wait). */
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    void awaitReady() {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/health/ready"))
                .timeout(Duration.ofSeconds(5))
                .build();
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "Keycloak exited with code " + process.exitValue() + " while starting" + logTail());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    LOG.debugf("Keycloak ready at %s", baseUrl());
                    return;
                }
            } catch (IOException notYetListening) {
                // still booting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
            }
            sleep(500);
        }
        close();
        throw new IllegalStateException("Keycloak did not become ready within " + STARTUP_TIMEOUT + logTail());
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String logTail() {
        if (log == null || !Files.exists(log)) {
            return "";
        }
        try {
            List<String> lines = Files.readAllLines(log);
            return "; last lines of " + log + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "; see " + log;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
