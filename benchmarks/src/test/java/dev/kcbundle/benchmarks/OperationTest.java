package dev.kcbundle.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperationTest {

    @Test
    void concurrentWorkersPickDisjointUsersAndTogetherReachEveryUser() {
        Operation.Target tenant = new Operation.Target(null, null, null, 20);
        Set<Integer> everyPick = new HashSet<>();
        for (int worker = 0; worker < 16; worker++) {
            Operation.Target own = tenant.forWorker(worker, 16);
            for (int i = 0; i < 200; i++) {
                int user = own.randomUser();
                assertThat(user).isBetween(0, 19);
                assertThat(user % 16).as("worker %d's user %d", worker, user).isEqualTo(worker);
                everyPick.add(user);
            }
        }
        assertThat(everyPick).hasSize(20);
    }

    @Test
    void moreWorkersThanUsersAreRefused() {
        Operation.Target tenant = new Operation.Target(null, null, null, 20);
        assertThatThrownBy(() -> tenant.forWorker(0, 21)).hasMessageContaining("at least as many users");
    }
}
