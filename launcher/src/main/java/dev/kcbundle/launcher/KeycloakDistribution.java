package dev.kcbundle.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A stock Keycloak distribution unpacked on disk ({@code keycloak-quarkus-dist} from Maven Central), ready to be
 * started in development mode with providers and realm files added to it, or built once and started as several
 * production-mode nodes.
 */
public final class KeycloakDistribution {

    private final Path home;

    public KeycloakDistribution(Path home) {
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalArgumentException("No Keycloak distribution at " + home + " (bin/kc.sh missing): run "
                    + "'mvn package -DskipTests' first, it unpacks keycloak-quarkus-dist from Maven Central");
        }
        this.home = home.toAbsolutePath().normalize();
    }

    public Path home() {
        return home;
    }

    /** Copies a realm file into {@code data/import}, where {@code --import-realm} picks it up at start. */
    public void addRealmImport(Path realmFile, String fileName) {
        copyInto(realmFile, home.resolve("data/import"), fileName);
    }

    /** Copies a provider jar into {@code providers/}. */
    public void addProvider(Path jar) {
        copyInto(jar, home.resolve("providers"), jar.getFileName().toString());
    }

    /** Deletes the development database, so the next start imports every realm afresh. */
    public void resetData() {
        deleteRecursively(home.resolve("data/h2"));
    }

    /** The operator's ArangoDB admin credential: for the launcher's own calls, never for Keycloak or a realm. */
    static final List<String> OPERATOR_ONLY_VARIABLES = List.of("ARANGODB_USER", "ARANGODB_PASSWORD");

    /**
     * Starts {@code kc.sh start-dev} and waits until Keycloak reports ready.
     *
     * @param environment extra environment variables (bootstrap admin, ArangoDB connection, ...); the operator's
     *                    ArangoDB admin credential (ARANGODB_USER, ARANGODB_PASSWORD) is never passed on, also not
     *                    from this process's own environment
     * @param log         where Keycloak's console output goes; {@code null} inherits this process's console
     */
    public RunningKeycloak start(int httpPort, int managementPort, Map<String, String> environment, Path log) {
        return launch(
                List.of(
                        "start-dev",
                        "--http-port=" + httpPort,
                        "--http-management-port=" + managementPort,
                        "--health-enabled=true",
                        "--import-realm"),
                httpPort,
                managementPort,
                environment,
                log);
    }

    /**
     * Runs {@code kc.sh build} with the given build options (database vendor, cache, features, health, metrics...),
     * so that nodes start with {@link #startOptimized}; the build is kept in the distribution's {@code lib/}.
     */
    public void build(List<String> buildOptions, Path log) {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "build"));
        command.addAll(buildOptions);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        try {
            int exit = builder.start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException(
                        "kc.sh build " + buildOptions + " failed with exit code " + exit + "; see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while building Keycloak", e);
        }
    }

    /**
     * Starts {@code kc.sh start --optimized} (production mode, after {@link #build}) on plain HTTP, bound to the
     * loopback interface only (production mode would bind every interface), and waits until Keycloak reports ready.
     *
     * @param options     runtime options of this node (hostname, database URL, cluster transport port, ...)
     * @param environment as for {@link #start}
     * @param log         where the node's console output goes
     */
    public RunningKeycloak startOptimized(
            int httpPort, int managementPort, List<String> options, Map<String, String> environment, Path log) {
        List<String> arguments = new ArrayList<>(List.of(
                "start",
                "--optimized",
                "--http-enabled=true",
                "--http-host=127.0.0.1",
                "--http-port=" + httpPort,
                "--http-management-port=" + managementPort));
        arguments.addAll(options);
        return launch(arguments, httpPort, managementPort, environment, log);
    }

    private RunningKeycloak launch(
            List<String> arguments, int httpPort, int managementPort, Map<String, String> environment, Path log) {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/kc.sh").toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        builder.environment().putAll(environment);
        OPERATOR_ONLY_VARIABLES.forEach(builder.environment()::remove);
        builder.redirectErrorStream(true);
        if (log == null) {
            builder.inheritIO();
        } else {
            builder.redirectOutput(log.toFile());
        }
        try {
            RunningKeycloak keycloak = new RunningKeycloak(builder.start(), httpPort, managementPort, log);
            keycloak.awaitReady();
            return keycloak;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command.get(0), e);
        }
    }

    private static void copyInto(Path source, Path directory, String fileName) {
        try {
            Files.createDirectories(directory);
            Files.copy(source, directory.resolve(fileName), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + source + " into " + directory, e);
        }
    }

    static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (var paths = Files.walk(path)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + path, e);
        }
    }
}
