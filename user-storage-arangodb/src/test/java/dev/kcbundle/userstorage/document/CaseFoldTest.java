package dev.kcbundle.userstorage.document;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.keycloak.models.utils.KeycloakModelUtils;

/** Usernames and emails are folded exactly like Keycloak folds its own users' (no trimming, no case folding). */
class CaseFoldTest {

    @Test
    void foldIsKeycloaksToLowerCaseSafe() {
        for (String name : new String[] {
            "Straße",
            "STRAßE",
            "\u0130stanbul",
            "ISPARTA",
            "ısparta",
            "\u212Aelvin",
            " Alice ",
            "Alice@Example.ORG",
            null
        }) {
            assertThat(UserDocument.normalize(name)).isEqualTo(KeycloakModelUtils.toLowerCaseSafe(name));
        }
    }

    @Test
    void kelvinSignFoldsToKSharpSAndDotlessIStayAndNothingIsTrimmed() {
        assertThat(UserDocument.normalize("\u212Aelvin")).isEqualTo("kelvin");
        assertThat(UserDocument.normalize("STRAßE")).isEqualTo("straße");
        assertThat(UserDocument.normalize("ISPARTA")).isNotEqualTo(UserDocument.normalize("ısparta"));
        assertThat(UserDocument.normalize(" kelvin")).isEqualTo(" kelvin");
        assertThat(UserDocument.newUser("k1", "\u212Aelvin", 0L).fields()).containsEntry("usernameLower", "kelvin");
    }
}
