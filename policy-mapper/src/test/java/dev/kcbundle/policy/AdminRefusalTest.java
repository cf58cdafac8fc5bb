package dev.kcbundle.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.keycloak.protocol.ProtocolMapperConfigException;

/**
 * What the admin API answers for a refused mapper, computed as Keycloak 26.7.3's {@code ProtocolMappersResource} does
 * it: with the English admin messages, since the console's token carries no locale.
 */
class AdminRefusalTest {

    private static final ProtocolMapperConfigException UNKNOWN_CLIENT = new ProtocolMapperConfigException(
            SettingsProblems.UNKNOWN_CLIENT, "No client api-srever in realm acme", "api-srever");

    @Test
    void aGermanAdminReadsTheRefusalAndItsSummaryInGerman() throws IOException {
        ProtocolMapperConfigException refusal = AdminRefusal.of(UNKNOWN_CLIENT, messages("de"), Locale.GERMAN);

        assertThat(errorDescription(refusal))
                .isEqualTo("In diesem Realm gibt es keinen Client mit der Client-ID „api-srever“. Geben Sie unter"
                        + " „Clients, deren Rollen aufgenommen werden“ die Client-ID eines bestehenden Clients ein.");
        assertThat(refusal.getMessage()).isEqualTo("eine Einstellung des Policy-Mappers ist ungültig");
    }

    @Test
    void anEnglishAdminReadsItInEnglishWithItsApostrophes() throws IOException {
        ProtocolMapperConfigException refusal = AdminRefusal.of(
                new ProtocolMapperConfigException(SettingsProblems.POLICIES_NOT_DECLARED, "no policies", new Object[0]),
                messages("en"),
                Locale.ENGLISH);

        assertThat(errorDescription(refusal))
                .startsWith("This realm's user profile does not declare the attribute policies, so admins cannot set"
                        + " a user's policies.");
        assertThat(refusal.getMessage()).isEqualTo("a setting of the policy mapper is not valid");
    }

    @Test
    void withoutMessagesTheRefusalIsTheChecksEnglishText() throws IOException {
        ProtocolMapperConfigException refusal = AdminRefusal.of(UNKNOWN_CLIENT, new Properties(), Locale.GERMAN);

        assertThat(errorDescription(refusal)).isEqualTo("No client api-srever in realm acme");
    }

    /** {@code error_description} as Keycloak builds it, with the English admin messages. */
    private static String errorDescription(ProtocolMapperConfigException refusal) throws IOException {
        Properties english = messages("en");
        return MessageFormat.format(
                english.getProperty(refusal.getMessageKey(), refusal.getMessage()), refusal.getParameters());
    }

    private static Properties messages(String language) throws IOException {
        Properties messages = new Properties();
        try (Reader reader = new InputStreamReader(
                AdminRefusalTest.class.getResourceAsStream(
                        "/theme-resources/messages/messages_" + language + ".properties"),
                StandardCharsets.UTF_8)) {
            messages.load(reader);
        }
        return messages;
    }
}
