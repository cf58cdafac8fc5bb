package dev.kcbundle.userstorage.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * What a wrong password costs on a legacy hash at the libraries' default costs, beside Keycloak 26.7.3's own default
 * (argon2id, m=7168 KiB, t=5, p=1: the same BouncyCastle generator Keycloak's Argon2PasswordHashProvider runs).
 * Logged, not asserted: speed goals live in benchmarks, and this machine's cores are shared.
 */
class LegacyHashTimingTest {

    private static final Logger LOG = Logger.getLogger(LegacyHashTimingTest.class);
    private static final int RUNS = 3;

    @Test
    void aWrongPasswordCostsTheStoredHashsWork() throws Exception {
        StringBuilder report = new StringBuilder("Wrong password, median of " + RUNS + " verifications:");
        for (HashVectors vector : HashVectors.read("timing.tsv")) {
            LegacyHash hash = LegacyHash.parse(vector.encoded());
            assertThat(hash.verify(vector.password())).as(vector.producer()).isTrue(); // also warms up
            long[] nanos = new long[RUNS];
            for (int i = 0; i < RUNS; i++) {
                long start = System.nanoTime();
                assertThat(hash.verify(vector.password() + "?"))
                        .as(vector.producer())
                        .isFalse();
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            report.append(String.format("%n  %-32s %6.0f ms", vector.producer(), nanos[RUNS / 2] / 1e6));
        }
        LOG.info(report);
    }
}
