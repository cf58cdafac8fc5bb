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
    private static final String ENGLISH_LABELS = "theme-resources/messages/messages_en.properties";

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
                        .map(parameter -> parameter instanceof Label ? parameter : new Value(parameter))
                        .toList());
    }

    /**
     * A parameter naming a form field by its label: the label's message key ({@code arangodbMappingId}), told in the
     * admin's language from the console's texts (the theme's {@code messages}, where the form's labels are).
     */
    public static Object label(String key) {
        return new Label(key);
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
        return text(told(session, locale)).exception();
    }

    /** The text in {@code locale}, from the admin theme's messages; English where a language lacks the key. */
    public String told(KeycloakSession session, Locale locale) {
        try {
            Theme admin = session.theme().getTheme(Theme.Type.ADMIN);
            String pattern = admin.getMessages("admin-messages", locale).getProperty(key);
            if (pattern != null) {
                return format(pattern, locale, admin.getMessages(locale));
            }
        } catch (IOException | RuntimeException e) { // the refusal matters more than its language
            LOG.debugf(e, "No admin messages for %s", locale);
        }
        return english();
    }

    /** The English text (what the admin API answers without a locale), for logs and tests. */
    public String english() {
        return format(Messages.ENGLISH.getProperty(key, key), Locale.ENGLISH, Messages.ENGLISH_LABELS);
    }

    private String format(String pattern, Locale locale, Properties labels) {
        Object[] values = parameters.stream()
                .map(parameter -> parameter instanceof Label label
                        ? labels.getProperty(label.key(), label.toString())
                        : parameter)
                .toArray();
        return new MessageFormat(pattern, locale).format(values);
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

    /** A form field's label, by its message key; in English unless told in another language. */
    private record Label(String key) {
        @Override
        public String toString() {
            return Messages.ENGLISH_LABELS.getProperty(key, key);
        }
    }

    private static final class Messages {
        static final Properties ENGLISH = load(ConfigProblem.ENGLISH);
        static final Properties ENGLISH_LABELS = load(ConfigProblem.ENGLISH_LABELS);

        private static Properties load(String resource) {
            Properties messages = new Properties();
            try (InputStream in = ConfigProblem.class.getClassLoader().getResourceAsStream(resource)) {
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
