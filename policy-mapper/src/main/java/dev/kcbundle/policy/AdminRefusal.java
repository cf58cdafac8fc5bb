package dev.kcbundle.policy;

import java.io.IOException;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.ProtocolMapperConfigException;
import org.keycloak.theme.Theme;

/**
 * A refusal of {@link MapperSettingsCheck} told in the admin's language ({@link AdminLocale}).
 *
 * <p>Keycloak's protocol mapper endpoint ({@code ProtocolMappersResource.validateModel}, 26.7.3) answers a
 * {@link ProtocolMapperConfigException} with 400 and {@code {"error": getMessage(), "error_description":
 * MessageFormat.format(messages.getProperty(getMessageKey(), getMessage()), getParameters())}}, {@code messages} being
 * the admin theme's messages in the {@code locale} claim of the admin's token. The console's token is lightweight,
 * without that claim, so Keycloak would always pick English; the console shows "Could not create mapping:
 * '&lt;error&gt;'" over the description. So the refusal is translated here and handed over as the parameter of
 * {@link SettingsProblems#AS_IS} (whose text is {@code {0}} in every language), with a short summary in the admin's
 * language as {@code error}.
 */
final class AdminRefusal {

    private static final Logger LOG = Logger.getLogger(AdminRefusal.class);

    private AdminRefusal() {}

    /** {@code problem} in the language of the admin saving the mapper, from the admin theme's messages. */
    static ProtocolMapperConfigException of(KeycloakSession session, ProtocolMapperConfigException problem) {
        Locale locale = AdminLocale.of(session);
        Properties messages = new Properties();
        try {
            messages = session.theme().getTheme(Theme.Type.ADMIN).getMessages(locale);
        } catch (IOException | RuntimeException e) { // the refusal matters more than its language
            LOG.debugf(e, "No admin messages for %s", locale);
        }
        LOG.debugf("Refused policy mapper settings: %s", problem.getMessage());
        return of(problem, messages, locale);
    }

    /** {@code problem} in {@code messages} (in {@code locale}); its English text where they lack its key. */
    static ProtocolMapperConfigException of(ProtocolMapperConfigException problem, Properties messages, Locale locale) {
        String pattern = messages.getProperty(problem.getMessageKey());
        String sentence = pattern == null
                ? problem.getMessage()
                : new MessageFormat(pattern, locale).format(problem.getParameters());
        String summary = messages.getProperty(SettingsProblems.SUMMARY, "a setting of the policy mapper is not valid");
        return new ProtocolMapperConfigException(SettingsProblems.AS_IS, summary, sentence);
    }
}
