package dev.kcbundle.userstorage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kcbundle.userstorage.document.MappedField;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.keycloak.component.ComponentModel;

/**
 * The document mapping of a federation's form, as {@link ArangoStorageConfig#from(ComponentModel)} reads and checks it:
 * plain attribute names, none of the provider's own fields, no attribute for two fields; a refusal names the field by
 * its form label and the value, in the admin's language.
 */
class DocumentMappingCheckTest {

    @Test
    void withoutMappingTheProvidersOwnShapeIsRead() {
        ArangoStorageConfig config = ArangoStorageConfig.from(federation(Map.of()));

        for (MappedField field : MappedField.values()) {
            assertThat(config.mapping().attribute(field)).isEqualTo(field.defaultAttribute());
        }
        assertThat(config.mapping().isDefault()).isTrue();
    }

    @Test
    void aForeignUserCollectionIsMappedFieldByField() {
        ArangoStorageConfig config = ArangoStorageConfig.from(federation(Map.of(
                "mappingId", "id",
                "mappingPassword", " password ",
                "mappingGroups", "groupid",
                "mappingRoles", "roleid",
                "mappingEnabled", "")));

        assertThat(config.mapping().attribute(MappedField.ID)).isEqualTo("id");
        assertThat(config.mapping().attribute(MappedField.PASSWORD)).isEqualTo("password");
        assertThat(config.mapping().attribute(MappedField.GROUPS)).isEqualTo("groupid");
        assertThat(config.mapping().attribute(MappedField.ROLES)).isEqualTo("roleid");
        assertThat(config.mapping().attribute(MappedField.ENABLED))
                .as("a field left empty keeps its default")
                .isEqualTo("enabled");
    }

    @Test
    void namesAreALetterThenUpTo63LettersDigitsOrUnderscores() {
        String longest = "a" + "b".repeat(63);
        assertThat(ArangoStorageConfig.from(
                                federation(Map.of("mappingFirstName", longest, "mappingLastName", "sur_Name2")))
                        .mapping()
                        .attribute(MappedField.FIRST_NAME))
                .isEqualTo(longest);

        for (String bad : new String[] {longest + "c", "2fa", "pass word", "profile.name", "name`", "näme", "_name"}) {
            assertThatThrownBy(() -> ArangoStorageConfig.from(federation(Map.of("mappingPassword", bad))))
                    .as(bad)
                    .hasMessage("Password attribute: \"" + bad + "\" is not a valid attribute name. Use a letter, then "
                            + "up to 63 letters, digits or _ (only the ID attribute may be _key).");
        }
    }

    @Test
    void onlyTheIdMayBeTheDocumentKey() {
        assertThat(ArangoStorageConfig.from(federation(Map.of("mappingId", "_key")))
                        .mapping()
                        .attribute(MappedField.ID))
                .isEqualTo("_key");
        assertThatThrownBy(() -> ArangoStorageConfig.from(federation(Map.of("mappingUsername", "_key"))))
                .hasMessage(
                        "Username attribute: \"_key\" is a field the provider keeps itself. Choose another attribute.");
    }

    static String[] providerFields() {
        return new String[] {
            "usernameLower",
            "emailLower",
            "searchGrams",
            "searchPrefixes",
            "lookupKeys",
            "attributes",
            "emailVerified",
            "createdTimestamp",
            "passwordHistory",
            "_id",
            "_rev"
        };
    }

    @ParameterizedTest
    @MethodSource("providerFields")
    void noFieldMayNameAFieldTheProviderKeepsItself(String providerField) {
        for (MappedField field : new MappedField[] {MappedField.ID, MappedField.EMAIL}) {
            assertThatThrownBy(() -> ArangoStorageConfig.from(federation(Map.of(field.configKey(), providerField))))
                    .hasMessageEndingWith(": \"" + providerField
                            + "\" is a field the provider keeps itself. Choose another attribute.");
        }
    }

    @Test
    void twoFieldsMayNotShareAnAttribute() {
        assertThatThrownBy(() -> ArangoStorageConfig.from(federation(Map.of("mappingGroups", "roles"))))
                .hasMessage(
                        "\"Groups attribute\" and \"Roles attribute\" both name the attribute \"roles\". Each field "
                                + "needs its own attribute.");
        assertThatThrownBy(() -> ArangoStorageConfig.from(
                        federation(Map.of("mappingUsername", "login", "mappingEmail", "login"))))
                .hasMessage("\"Username attribute\" and \"Email attribute\" both name the attribute \"login\". Each "
                        + "field needs its own attribute.");
        assertThat(ArangoStorageConfig.from(federation(Map.of("mappingGroups", "roles", "mappingRoles", "groups")))
                        .mapping()
                        .attribute(MappedField.ROLES))
                .as("swapped attributes are each used once")
                .isEqualTo("groups");
    }

    @Test
    void theRefusalIsToldInTheAdminsLanguageWithTheFormsLabels() {
        try {
            ArangoStorageConfig.from(federation(Map.of("mappingPassword", "pass word", "mappingGroups", "roles")));
            throw new AssertionError("accepted");
        } catch (ArangoStorageConfig.InvalidConfigException e) {
            assertThat(e.exception(ThemeMessages.session(), Locale.GERMAN).getParameters())
                    .extracting(Object::toString)
                    .containsExactly("Passwort-Attribut: „pass word“ ist kein gültiger Attributname. Erlaubt "
                            + "sind ein Buchstabe, danach bis zu 63 Buchstaben, Ziffern oder _ (nur das ID-Attribut "
                            + "darf _key sein).; „Gruppen-Attribut“ und „Rollen-Attribut“ nennen "
                            + "beide das Attribut „roles“. Jedes Feld braucht ein eigenes Attribut.");
        }
    }

    /** A federation with a valid connection and {@code mapping} (config key to attribute). */
    private static ComponentModel federation(Map<String, String> mapping) {
        ComponentModel model = new ComponentModel();
        model.put(ArangoStorageConfig.HOSTS, "arangodb:8529");
        model.put(ArangoStorageConfig.USER, "kc_acme");
        model.put(ArangoStorageConfig.PASSWORD, "secret");
        model.put(ArangoStorageConfig.DATABASE, "acme");
        mapping.forEach(model::put);
        return model;
    }
}
