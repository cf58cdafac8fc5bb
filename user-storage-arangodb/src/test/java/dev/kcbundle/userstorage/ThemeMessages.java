package dev.kcbundle.userstorage;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import org.keycloak.models.KeycloakSession;
import org.keycloak.theme.Theme;

/**
 * A session whose admin theme holds this module's messages ({@code theme-resources/messages/<bundle>_<language>}), as
 * Keycloak merges them into the theme: what a refusal is told with in the admin's language.
 */
final class ThemeMessages {

    private ThemeMessages() {}

    static KeycloakSession session() {
        try {
            KeycloakSession session = mock(KeycloakSession.class, RETURNS_DEEP_STUBS);
            Theme admin = mock(Theme.class);
            when(session.theme().getTheme(Theme.Type.ADMIN)).thenReturn(admin);
            when(admin.getMessages(anyString(), any(Locale.class)))
                    .thenAnswer(call -> bundle(call.getArgument(0), call.getArgument(1)));
            when(admin.getMessages(any(Locale.class))).thenAnswer(call -> bundle("messages", call.getArgument(0)));
            return session;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties bundle(String name, Locale locale) throws IOException {
        Properties messages = new Properties();
        String resource = "theme-resources/messages/" + name + "_" + locale.getLanguage() + ".properties";
        try (InputStream in = ThemeMessages.class.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        }
        return messages;
    }
}
