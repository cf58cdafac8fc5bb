package dev.kcbundle.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The cluster tests' PostgreSQL: answers with its password only, on loopback, and leaves nothing behind. */
class LocalPostgresTest {

    private static final String PASSWORD = "local-postgres-test";

    @Test
    void acceptsItsOwnPasswordOnlyAndDeletesItsDirectoryWhenClosed() throws Exception {
        Path binaries = LocalPostgres.findBinaries().orElse(null);
        Assumptions.assumeTrue(binaries != null, "PostgreSQL is not installed (Debian package postgresql)");
        String jdbcUrl;
        try (LocalPostgres postgres = LocalPostgres.start("keycloak", PASSWORD, "keycloak")) {
            jdbcUrl = postgres.jdbcUrl();
            assertThat(jdbcUrl).startsWith("jdbc:postgresql://127.0.0.1:").endsWith("/keycloak");

            assertThat(psql(binaries, jdbcUrl, PASSWORD)).as("own password").contains("1 row");
            assertThat(psql(binaries, jdbcUrl, "wrong")).contains("password authentication failed");
        }
        assertThat(psql(binaries, jdbcUrl, PASSWORD)).as("after close").contains("Connection refused");
    }

    /** {@code psql -c 'select 1'} against the server of {@code jdbcUrl}: its output, errors included. */
    private static String psql(Path binaries, String jdbcUrl, String password)
            throws IOException, InterruptedException {
        URI server = URI.create(jdbcUrl.substring("jdbc:".length()));
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        binaries.resolve("psql").toString(),
                        "--host=" + server.getHost(),
                        "--port=" + server.getPort(),
                        "--username=keycloak",
                        "--dbname=" + server.getPath().substring(1),
                        "--no-psqlrc",
                        "--command=select 1"))
                .redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", password);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor(30, TimeUnit.SECONDS);
        return output;
    }
}
