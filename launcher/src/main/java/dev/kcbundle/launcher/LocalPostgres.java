package dev.kcbundle.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * A throw-away PostgreSQL server from the machine's own binaries ({@code initdb}, {@code pg_ctl}; Debian's
 * {@code postgresql} package puts them in {@code /usr/lib/postgresql/<version>/bin}): a new cluster in a temporary
 * directory, listening on a free port of 127.0.0.1 only, password authentication, one database. PostgreSQL refuses to
 * run as root, so when this process is root the server runs as {@code nobody} (through {@code runuser}), which owns
 * the directory. {@link #close()} stops it and deletes the directory.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalPostgres.class);
    private static final Path DEBIAN_BINARIES = Path.of("/usr/lib/postgresql");
    private static final String UNPRIVILEGED_USER = "nobody";
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private final Path binaries;
    private final Path directory;
    private final int port;
    private final String user;
    private final String password;
    private final String database;

    private LocalPostgres(Path binaries, Path directory, int port, String user, String password, String database) {
        this.binaries = binaries;
        this.directory = directory;
        this.port = port;
        this.user = user;
        this.password = password;
        this.database = database;
    }

    /**
     * The directory holding {@code initdb} and {@code pg_ctl}: the newest {@code /usr/lib/postgresql/<version>/bin},
     * else the one on the PATH; empty when PostgreSQL is not installed.
     */
    public static Optional<Path> findBinaries() {
        if (Files.isDirectory(DEBIAN_BINARIES)) {
            try (Stream<Path> versions = Files.list(DEBIAN_BINARIES)) {
                Optional<Path> newest = versions.map(version -> version.resolve("bin"))
                        .filter(bin ->
                                Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                        .max(Comparator.comparing(LocalPostgres::majorVersion));
                if (newest.isPresent()) {
                    return newest;
                }
            } catch (IOException e) {
                LOG.debugf(e, "Cannot list %s", DEBIAN_BINARIES);
            }
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(entry -> !entry.isBlank())
                .map(Path::of)
                .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                .findFirst();
    }

    /**
     * Creates a cluster whose superuser is {@code user} with {@code password}, starts it and creates
     * {@code database}.
     *
     * @throws IllegalStateException when PostgreSQL is not installed or does not start
     */
    public static LocalPostgres start(String user, String password, String database) {
        Path binaries = findBinaries()
                .orElseThrow(() -> new IllegalStateException(
                        "No PostgreSQL binaries (initdb, pg_ctl) in /usr/lib/postgresql/*/bin or on the PATH: "
                                + "install Debian's postgresql package"));
        try {
            Path directory = Files.createTempDirectory("kc-postgres");
            LocalPostgres postgres = new LocalPostgres(binaries, directory, FreePort.next(), user, password, database);
            postgres.initAndStart();
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot set up PostgreSQL", e);
        }
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    private void initAndStart() throws IOException {
        Path data = directory.resolve("data");
        Path passwordFile = directory.resolve("password");
        Files.writeString(passwordFile, password);
        if (runsAsRoot()) {
            giveToUnprivilegedUser(directory, passwordFile);
        }
        run(
                List.of(
                        binaries.resolve("initdb").toString(),
                        "--pgdata=" + data,
                        "--username=" + user,
                        "--pwfile=" + passwordFile,
                        "--auth=scram-sha-256",
                        "--encoding=UTF8",
                        "--no-sync"),
                "initdb");
        Files.delete(passwordFile);
        run(
                List.of(
                        binaries.resolve("pg_ctl").toString(),
                        "--pgdata=" + data,
                        "--wait",
                        "--silent",
                        "--log=" + directory.resolve("postgres.log"),
                        "--options=-c listen_addresses=127.0.0.1 -c port=" + port + " -c unix_socket_directories="
                                + directory + " -c fsync=off",
                        "start"),
                "pg_ctl start");
        run(
                List.of(
                        binaries.resolve("createdb").toString(),
                        "--host=127.0.0.1",
                        "--port=" + port,
                        "--username=" + user,
                        database),
                "createdb");
        LOG.infof("PostgreSQL (%s) on 127.0.0.1:%d, data in %s", binaries, port, data);
    }

    @Override
    public void close() {
        try {
            run(
                    List.of(
                            binaries.resolve("pg_ctl").toString(),
                            "--pgdata=" + directory.resolve("data"),
                            "--wait",
                            "--silent",
                            "--mode=fast",
                            "stop"),
                    "pg_ctl stop");
        } catch (RuntimeException e) {
            LOG.warnf("Stopping PostgreSQL in %s: %s", directory, e.getMessage());
        }
        KeycloakDistribution.deleteRecursively(directory);
    }

    private void run(List<String> command, String what) {
        List<String> full = new ArrayList<>();
        if (runsAsRoot()) {
            full.addAll(List.of("runuser", "-u", UNPRIVILEGED_USER, "--"));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", password);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(what + " did not finish within " + COMMAND_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(what + " failed (exit " + process.exitValue() + "): " + output.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + what, e);
        }
    }

    private static boolean runsAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void giveToUnprivilegedUser(Path... paths) throws IOException {
        UserPrincipalLookupService users = paths[0].getFileSystem().getUserPrincipalLookupService();
        for (Path path : paths) {
            Files.setOwner(path, users.lookupPrincipalByName(UNPRIVILEGED_USER));
        }
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException notAVersion) {
            return -1;
        }
    }
}
