package dev.kcbundle.userstorage.arango;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The refusals of a federation's settings ({@link ConfigProblem}) exist in English and German alike. */
class AdminMessagesTest {

    @Test
    void everyRefusalIsInEnglishAndGerman() throws IOException {
        Properties english = load("en");
        Properties german = load("de");

        assertThat(german.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
    }

    @Test
    void theMissingDerivedFieldsAreNamedInGerman() throws IOException {
        String pattern = load("de").getProperty("arangodb-error-derived-fields-missing");

        assertThat(new MessageFormat(pattern, Locale.GERMAN)
                        .format(new Object[] {"2", "User", DerivedFieldsCheck.FIELDS}))
                .startsWith("2 Benutzern in der Collection „User“ fehlen die Felder, über die dieser Provider Benutzer "
                        + "findet und sucht (usernameLower, emailLower, searchPrefixes, searchGrams, lookupKeys)")
                .contains("im Modus WRITABLE");
    }

    private static Properties load(String language) throws IOException {
        Properties messages = new Properties();
        try (InputStream in = AdminMessagesTest.class
                .getClassLoader()
                .getResourceAsStream("theme-resources/messages/admin-messages_" + language + ".properties")) {
            messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return messages;
    }
}
