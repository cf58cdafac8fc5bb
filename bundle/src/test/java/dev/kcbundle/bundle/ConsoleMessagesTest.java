package dev.kcbundle.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kcbundle.policy.PolicyProtocolMapper;
import dev.kcbundle.policy.SettingsProblems;
import dev.kcbundle.userstorage.ArangoUserStorageProviderFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * The console texts of the bundle: every label and help text of the ArangoDB federation form and of the policy
 * mapper form, every problem the mapper reports and every {@code ${key}} of the template realm's user profile is a key
 * of the English and the German messages, and the messages hold no other key (but for keys of Keycloak's own that
 * the policy mapper and the federation translate into German: the titles of the alerts over their refusals). Each extension ships its own
 * {@code theme-resources/messages} files, appended into the bundle jar, so no key may appear in two of them.
 */
class ConsoleMessagesTest {

    private static final String EN = "theme-resources/messages/messages_en.properties";
    private static final String DE = "theme-resources/messages/messages_de.properties";
    /** Any spelling of the product's name; a host name such as arangodb:8529 is not one. */
    private static final Pattern PRODUCT_NAME = Pattern.compile("(?i)\\barango\\w*+(?!:)");

    private static final Pattern MESSAGE_KEY = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9]*)}");

    @ParameterizedTest
    @ValueSource(strings = {EN, DE})
    void everyKeyTheConsoleLooksUpIsTranslatedAndNoOtherKeyIsShipped(String bundle) throws IOException {
        Set<String> expected = usedKeys();
        if (bundle.equals(DE)) {
            expected.addAll(SettingsProblems.KEYCLOAK_KEYS_IN_GERMAN);
            expected.addAll(ArangoUserStorageProviderFactory.KEYCLOAK_KEYS_IN_GERMAN);
        }
        assertThat(messages(bundle).stringPropertyNames()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {EN, DE})
    void noKeyIsShippedByTwoExtensions(String bundle) throws IOException {
        List<URL> files = Collections.list(getClass().getClassLoader().getResources(bundle));
        assertThat(files).as("one file per extension with console texts").hasSize(2);
        Set<String> seen = new HashSet<>();
        for (URL file : files) {
            for (String key : load(file).stringPropertyNames()) {
                assertThat(seen.add(key))
                        .as("key %s in more than one extension", key)
                        .isTrue();
            }
        }
    }

    @Test
    void germanIsGermanAndTheProductIsAlwaysCalledArangoDb() throws IOException {
        Properties en = messages(EN);
        Properties de = messages(DE);
        for (String key : en.stringPropertyNames()) {
            assertThat(de.getProperty(key)).as("German %s", key).isNotBlank();
            if (key.endsWith("Help")) {
                assertThat(de.getProperty(key))
                        .as("German %s is translated", key)
                        .isNotEqualTo(en.getProperty(key));
            }
            for (Properties messages : List.of(en, de)) {
                Matcher product = PRODUCT_NAME.matcher(messages.getProperty(key));
                while (product.find()) {
                    assertThat(product.group()).as("product name in %s", key).isEqualTo("ArangoDB");
                }
            }
        }
        assertThat(de.getProperty("policyMapperRoleClients")).doesNotContain(" of ");
    }

    private static Set<String> usedKeys() throws IOException {
        Set<String> keys = new HashSet<>(SettingsProblems.MESSAGE_KEYS);
        formKeys(new ArangoUserStorageProviderFactory().getConfigProperties(), keys);
        keys.add(ArangoUserStorageProviderFactory.PROVIDER_ID); // the header of a saved federation's page
        List<ProviderConfigProperty> keycloaksOwn = new ArrayList<>();
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(keycloaksOwn, PolicyProtocolMapper.class);
        Set<String> keycloaksOwnNames =
                keycloaksOwn.stream().map(ProviderConfigProperty::getName).collect(Collectors.toSet());
        formKeys(
                new PolicyProtocolMapper()
                        .getConfigProperties().stream()
                                .filter(property -> !keycloaksOwnNames.contains(property.getName()))
                                .toList(),
                keys);
        Matcher templateKeys = MESSAGE_KEY.matcher(Files.readString(Path.of("../realm-export.json")));
        while (templateKeys.find()) {
            if (templateKeys.group(1).startsWith("userProfile")) {
                keys.add(templateKeys.group(1));
            }
        }
        return keys;
    }

    private static void formKeys(List<ProviderConfigProperty> properties, Set<String> keys) {
        for (ProviderConfigProperty property : properties) {
            keys.addAll(Stream.of(property.getLabel(), property.getHelpText()).toList());
        }
    }

    private Properties messages(String bundle) throws IOException {
        Properties merged = new Properties();
        for (URL file : Collections.list(getClass().getClassLoader().getResources(bundle))) {
            merged.putAll(load(file));
        }
        return merged;
    }

    private static Properties load(URL file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = file.openStream()) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
