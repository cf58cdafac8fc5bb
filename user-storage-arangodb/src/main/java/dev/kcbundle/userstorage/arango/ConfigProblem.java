package dev.kcbundle.userstorage.arango;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.jboss.logging.Logger;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.theme.Theme;

/**
 * Why a federation's configuration is refused: a message key of the admin theme's messages
 * ({@code theme-resources/messages/admin-messages_<locale>.properties}, keys {@code arangodb-error-*}) and its
 * parameters, or a plain English text. Keycloak's admin API answers a {@link ComponentValidationException} with 400
 * and its text as {@code errorMessage} ({@code ComponentResource} looks the message up as a key in the admin messages
 * and applies {@link MessageFormat} with the parameters); {@link #exception(KeycloakSession, Locale)} translates it
 * first.
 */
public record ConfigProblem(String key, List<Object> parameters) {

    private static final Logger LOG = Logger.getLogger(ConfigProblem.class);
    private static final String ENGLISH = "theme-resources/messages/admin-messages_en.properties";

    public ConfigProblem {
        parameters = List.copyOf(parameters);
    }

    /**
     * A message key (or, for a text only in English, the pattern itself: {@code Database "{0}" is not ...}) and its
     * parameters: host, user and database names, numbers. Each parameter goes in as a
     * {@link Value}, because Keycloak would look up a String parameter as a message key in its turn (a database named
     * {@code users} would read "Users").
     */
    public static ConfigProblem of(String key, Object... parameters) {
        return new ConfigProblem(
                key,
                Arrays.stream(parameters)
                        .map(Value::new)
                        .map(Object.class::cast)
                        .toList());
    }

    /**
     * An English text shown as it is, whatever it holds (apostrophes, braces): the text is the parameter of the
     * pattern {@code {0}}, which no message bundle defines.
     */
    public static ConfigProblem text(String english) {
        return of("{0}", english);
    }

    public ComponentValidationException exception() {
        return new Refusal(this);
    }

    /**
     * The refusal in the language of the admin saving the form ({@code locale}), from the admin theme's messages
     * (which hold this module's {@code theme-resources/messages}); English where a language lacks the key. Keycloak's
     * endpoint still runs the text through MessageFormat: it goes in as the parameter of {@code {0}}.
     */
    public ComponentValidationException exception(KeycloakSession session, Locale locale) {
        String pattern = null;
        try {
            pattern = session.theme()
                    .getTheme(Theme.Type.ADMIN)
                    .getMessages("admin-messages", locale)
                    .getProperty(key);
        } catch (IOException | RuntimeException e) { // the refusal matters more than its language
            LOG.debugf(e, "No admin messages for %s", locale);
        }
        String message = pattern == null ? english() : new MessageFormat(pattern, locale).format(parameters.toArray());
        return text(message).exception();
    }

    /** The English text (what the admin API answers without a locale), for logs and tests. */
    public String english() {
        String pattern = Messages.ENGLISH.getProperty(key, key);
        return new MessageFormat(pattern, Locale.ENGLISH).format(parameters.toArray());
    }

    @Override
    public String toString() {
        return english();
    }

    /**
     * Keycloak's component endpoint reads {@link #getMessage()} as a message key or pattern; everything else (logs, a
     * failed realm import) reads {@link #getLocalizedMessage()}, the English text, not {@code {0}} or a key.
     */
    private static final class Refusal extends ComponentValidationException {
        private final transient ConfigProblem problem;

        Refusal(ConfigProblem problem) {
            super(problem.key, problem.parameters.toArray());
            this.problem = problem;
        }

        @Override
        public String getLocalizedMessage() {
            return problem.english();
        }
    }

    /** A parameter printed as it is. */
    private record Value(Object value) {
        @Override
        public String toString() {
            return String.valueOf(value);
        }
    }

    private static final class Messages {
        static final Properties ENGLISH = load();

        private static Properties load() {
            Properties messages = new Properties();
            try (InputStream in = ConfigProblem.class.getClassLoader().getResourceAsStream(ConfigProblem.ENGLISH)) {
                if (in != null) {
                    messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return messages;
        }
    }
}
