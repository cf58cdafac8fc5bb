package dev.kcbundle.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Keycloak's heap after a full GC, read with the JDK's {@code jcmd} ({@code GC.run}, then {@code GC.heap_info}) from
 * the Keycloak process on this machine. {@code kc.sh} may run Java as its child: the probe takes the process or the
 * descendant whose command is {@code java}.
 */
final class HeapProbe {

    private static final Logger LOG = Logger.getLogger(HeapProbe.class);
    /** G1 and the other collectors print e.g. {@code garbage-first heap   total 262144K, used 81234K [...]}. */
    private static final Pattern USED = Pattern.compile("heap\\s+total\\s+\\d+K,\\s+used\\s+(\\d+)K");

    private HeapProbe() {}

    /** Megabytes in use after a full GC, or empty (no local process, no jcmd, unexpected output). */
    static Optional<Long> heapAfterGcMegabytes(Optional<ProcessHandle> keycloak) {
        Optional<ProcessHandle> java = keycloak.flatMap(HeapProbe::javaProcess);
        if (java.isEmpty()) {
            return Optional.empty();
        }
        String pid = Long.toString(java.get().pid());
        try {
            jcmd(pid, "GC.run");
            Matcher used = USED.matcher(jcmd(pid, "GC.heap_info"));
            return used.find() ? Optional.of(Long.parseLong(used.group(1)) / 1024) : Optional.empty();
        } catch (IOException e) {
            LOG.warnf("Cannot read Keycloak's heap with jcmd: %s", e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<ProcessHandle> javaProcess(ProcessHandle process) {
        return Stream.concat(Stream.of(process), process.descendants())
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst();
    }

    private static String jcmd(String pid, String command) throws IOException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process process =
                new ProcessBuilder(jcmd, pid, command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("jcmd " + command + " timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
