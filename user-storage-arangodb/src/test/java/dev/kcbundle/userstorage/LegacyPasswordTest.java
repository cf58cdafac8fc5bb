package dev.kcbundle.userstorage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kcbundle.userstorage.document.DocumentMapping;
import dev.kcbundle.userstorage.document.UserDocument;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LegacyPasswordTest {

    /** Made by pyca bcrypt 5.0 for "Legacy-pass-1". */
    private static final String BCRYPT = "$2b$04$lWK4E4IWjEBpJjIlyEemEezUXAPekhAdJ9fZGsddldf2ik6OsSFhi";

    private final AtomicInteger equalCostRuns = new AtomicInteger();

    @Test
    void aLegacyHashIsVerifiedWithoutTheRealmsHashing() {
        assertThat(LegacyPassword.verify(BCRYPT, "Legacy-pass-1", "c1", "ada", equalCostRuns::incrementAndGet))
                .isTrue();
        assertThat(LegacyPassword.verify(BCRYPT, "Legacy-pass-2", "c1", "ada", equalCostRuns::incrementAndGet))
                .isFalse();
        assertThat(equalCostRuns).hasValue(0);
    }

    @Test
    void anUnreadableHashFailsClosedAfterTheRealmsOwnHashing() {
        for (String unreadable :
                new String[] {"Legacy-pass-1", BCRYPT.substring(0, 40), "$2x$04$" + BCRYPT.substring(7)}) {
            assertThat(LegacyPassword.verify(unreadable, unreadable, "c1", "bob", equalCostRuns::incrementAndGet))
                    .as(unreadable)
                    .isFalse();
        }
        assertThat(equalCostRuns).hasValue(3);
    }

    @Test
    void onlyACredentialWithALegacyHashIsOne() {
        assertThat(LegacyPassword.hashOf(Map.of("type", "password", "legacyHash", BCRYPT)))
                .isEqualTo(BCRYPT);
        assertThat(LegacyPassword.hashOf(Map.of("type", "password", "secretData", "{}")))
                .isNull();
        assertThat(LegacyPassword.hashOf(null)).isNull();
    }

    @Test
    void aBareHashInAForeignPasswordAttributeIsVerifiedLikeALegacyCredential() {
        DocumentMapping mapping = DocumentMapping.from(Map.of("mappingPassword", "password")::get);
        UserDocument user = UserDocument.of(new HashMap<>(Map.of("_key", "k1", "password", BCRYPT)), mapping);

        String hash = LegacyPassword.hashOf(user.credential());

        assertThat(hash).isEqualTo(BCRYPT);
        assertThat(LegacyPassword.verify(hash, "Legacy-pass-1", "c1", "ada", equalCostRuns::incrementAndGet))
                .isTrue();
        assertThat(LegacyPassword.verify(hash, "legacy-pass-1", "c1", "ada", equalCostRuns::incrementAndGet))
                .isFalse();
        user.setCredential(Map.of("type", "password", "credentialData", "{}", "secretData", "{}"));
        assertThat(user.fields().get("password"))
                .as("the re-hash goes into the same attribute")
                .isEqualTo(Map.of("type", "password", "credentialData", "{}", "secretData", "{}"));
        assertThat(LegacyPassword.hashOf(user.credential())).isNull();
    }

    @Test
    void aLegacyHashInThePasswordHistoryIsCheckedLikeTheOthers() {
        assertThat(LegacyPassword.matches(Map.of("legacyHash", BCRYPT), "Legacy-pass-1"))
                .isTrue();
        assertThat(LegacyPassword.matches(Map.of("legacyHash", BCRYPT), "other"))
                .isFalse();
        assertThat(LegacyPassword.matches(Map.of("legacyHash", "garbage"), "garbage"))
                .isFalse();
    }
}
