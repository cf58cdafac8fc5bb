package dev.kcbundle.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kcbundle.it.AdminUsers;
import dev.kcbundle.it.Federation;
import dev.kcbundle.it.KeycloakTestServer;
import dev.kcbundle.it.TestRealm;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.openqa.selenium.By;

/**
 * Issue 14, the document mapping in the admin console: a tenant admin (an admin of their own realm, signed in to its
 * console in headless Chromium, in English and in German) adds the ArangoDB federation for the legacy {@code User}
 * collection. The form shows one field per mapped part of a user after the connection's, with its label and help text
 * in the admin's language; a name that is no attribute name and two fields on one attribute are each refused with the
 * field's label and the value, and nothing is saved; the legacy mapping ({@code id}, {@code password},
 * {@code groupid}, {@code roleid}) saves, the admin API returns it, and the saved federation's mapping can be changed.
 * Every step saves {@code target/screenshots/mapping-<lang>-<step>.png}.
 */
class MappingFormIT {

    private static final String ADMIN_PASSWORD = "Tenant-admin-" + UUID.randomUUID();
    private static final String FEDERATION_NAME = "Legacy users";
    private static final By SAVE = By.cssSelector("[data-testid='custom-save']");
    /** The mapping fields' config keys in the form's order (MappedField's), and the legacy collection's attributes. */
    private static final List<String> MAPPING_KEYS = List.of(
            "mappingId",
            "mappingUsername",
            "mappingEmail",
            "mappingFirstName",
            "mappingLastName",
            "mappingEnabled",
            "mappingPassword",
            "mappingGroups",
            "mappingRoles");

    private static final Map<String, String> LEGACY_MAPPING = Map.of(
            "mappingId", "id", "mappingPassword", "password", "mappingGroups", "groupid", "mappingRoles", "roleid");

    @RegisterExtension
    static final TestRealm tenant = TestRealm.blank("mapping").with(realm -> {
        realm.setInternationalizationEnabled(true);
        realm.setSupportedLocales(Set.of("en", "de"));
        realm.setDefaultLocale("en");
    });

    private static KeycloakTestServer.TenantAccount arangoAccount;

    private Browser browser;
    private AdminConsole console;

    /** The console's language, the tenant admin who reads it, and what the admin reads in it. */
    enum Language {
        ENGLISH(
                "en",
                "en-US",
                List.of(
                        "ID attribute",
                        "Username attribute",
                        "Email attribute",
                        "First name attribute",
                        "Last name attribute",
                        "Enabled attribute",
                        "Password attribute",
                        "Groups attribute",
                        "Roles attribute"),
                "bcrypt, PBKDF2, argon2",
                List.of("Max lifespan", "milliseconds"),
                "Provider details",
                "User federation provider could not be created: ",
                "User federation provider could not be saved: ",
                "Password attribute: \"pass word\" is not a valid attribute name.",
                "\"Groups attribute\" and \"Roles attribute\" both name the attribute \"roles\".",
                "2 users in collection \"Members\" lack the fields this provider finds and searches users by"
                        + " (usernameLower, emailLower, searchPrefixes, searchGrams, lookupKeys), and a READ_ONLY"
                        + " federation writes nothing."),
        GERMAN(
                "de",
                "de-DE",
                List.of(
                        "ID-Attribut",
                        "Benutzernamen-Attribut",
                        "E-Mail-Attribut",
                        "Vornamen-Attribut",
                        "Nachnamen-Attribut",
                        "Aktiv-Attribut",
                        "Passwort-Attribut",
                        "Gruppen-Attribut",
                        "Rollen-Attribut"),
                "Einen solchen Hash ersetzt Keycloak im Bearbeitungsmodus WRITABLE",
                List.of("Maximale Lebensdauer", "Millisekunden"),
                "Anbieterdetails",
                "Anbieter für Benutzerföderierung konnte nicht erstellt werden: ",
                "Anbieter für Benutzerföderierung konnte nicht gespeichert werden: ",
                "Passwort-Attribut: „pass word“ ist kein gültiger Attributname.",
                "„Gruppen-Attribut“ und „Rollen-Attribut“ nennen beide das Attribut „roles“.",
                "2 Benutzern in der Collection „Members“ fehlen die Felder, über die dieser Provider Benutzer findet"
                        + " und sucht (usernameLower, emailLower, searchPrefixes, searchGrams, lookupKeys), und eine"
                        + " READ_ONLY-Föderation schreibt nichts.");

        final String code;
        final String browserLanguage;
        /** The mapping fields' labels, in {@link #MAPPING_KEYS}' order. */
        final List<String> labels;
        /** A part of the password field's help text only this language has. */
        final String passwordHelpPart;
        /** The saved federation's cache setting (the provider's default policy MAX_LIFESPAN): label and unit. */
        final List<String> maxLifespan;
        /** The last step of the saved federation's breadcrumb. */
        final String providerDetails;

        /** Keycloak's title of the alert over a refused create, and over a refused save, of a federation. */
        final String notCreated;

        final String notSaved;
        final String badNameRefusal;
        final String sharedAttributeRefusal;
        /** The start of the READ_ONLY refusal of the {@code Members} collection, whose two documents lack them. */
        final String derivedFieldsMissing;

        Language(
                String code,
                String browserLanguage,
                List<String> labels,
                String passwordHelpPart,
                List<String> maxLifespan,
                String providerDetails,
                String notCreated,
                String notSaved,
                String badNameRefusal,
                String sharedAttributeRefusal,
                String derivedFieldsMissing) {
            this.code = code;
            this.browserLanguage = browserLanguage;
            this.labels = labels;
            this.passwordHelpPart = passwordHelpPart;
            this.maxLifespan = maxLifespan;
            this.providerDetails = providerDetails;
            this.notCreated = notCreated;
            this.notSaved = notSaved;
            this.badNameRefusal = badNameRefusal;
            this.sharedAttributeRefusal = sharedAttributeRefusal;
            this.derivedFieldsMissing = derivedFieldsMissing;
        }

        /** The tenant admin reading the console in this language (the German one has the locale de). */
        String admin() {
            return "admin-" + code;
        }
    }

    /**
     * The realm's ArangoDB database and account, an admin of the realm per language, and a collection {@code Members}
     * another application wrote: two users without the provider's derived fields.
     */
    @BeforeAll
    static void tenantAdminsAndArangoAccount() {
        arangoAccount = tenant.server().arango().tenantAccount(tenant.name());
        tenant.documents()
                .createCollection(
                        "Members",
                        List.of(
                                Map.of("username", "gil", "email", "gil@example.org"),
                                Map.of("username", "hal", "email", "hal@example.org")));
        for (Language language : Language.values()) {
            String id = AdminUsers.createRealmAdmin(
                    tenant.admin(), language.admin(), language.admin() + "@example.org", ADMIN_PASSWORD);
            UserRepresentation admin = tenant.admin().users().get(id).toRepresentation();
            admin.singleAttribute("locale", language.code);
            tenant.admin().users().get(id).update(admin);
        }
    }

    @AfterEach
    void closeBrowserAndRemoveTheFederation() {
        if (browser != null) {
            browser.close();
        }
        arangoFederations()
                .forEach(federation -> tenant.admin()
                        .components()
                        .component(federation.getId())
                        .remove());
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void tenantAdminMapsTheLegacyUserCollectionInTheFederationForm(Language language) throws IOException {
        browser = Browser.start(language.browserLanguage);
        console = new AdminConsole(browser, tenant.server().baseUrl(), "mapping-" + language.code);
        console.signInToRealm(tenant.name(), language.admin(), ADMIN_PASSWORD)
                .openSection("user-federation")
                .click(By.cssSelector("[data-testid='arangodb-card']"));

        seeTheMappingFieldsWithLabelsAndHelpTexts(language);
        fillTheConnection();
        aBadAttributeNameIsRefusedWithTheFieldsLabel(language);
        twoFieldsOnOneAttributeAreRefused(language);
        theLegacyMappingSavesAndTheAdminApiReturnsIt();
        theSavedMappingCanBeChanged(language);
    }

    /**
     * The READ_ONLY refusal of a collection whose documents lack the provider's derived fields, under Keycloak's
     * title, all in the admin's language; nothing is saved and nothing written.
     */
    @ParameterizedTest
    @EnumSource(Language.class)
    void aReadOnlyFederationOverDocumentsWithoutTheDerivedFieldsIsRefusedInTheAdminsLanguage(Language language) {
        browser = Browser.start(language.browserLanguage);
        console = new AdminConsole(browser, tenant.server().baseUrl(), "derived-" + language.code);
        console.signInToRealm(tenant.name(), language.admin(), ADMIN_PASSWORD)
                .openSection("user-federation")
                .click(By.cssSelector("[data-testid='arangodb-card']"));
        fillTheConnection();
        console.fill(By.cssSelector("[data-testid='usersCollection']"), "Members")
                .choose("editMode", "READ_ONLY");

        AdminConsole.Alert refused = console.save(SAVE);
        console.screenshot("01-derived-fields-missing");

        assertThat(refused.variant()).as(refused.text()).isEqualTo(AdminConsole.Alert.Variant.DANGER);
        assertThat(refused.text()).startsWith(language.notCreated + language.derivedFieldsMissing);
        assertThat(arangoFederations()).as("nothing saved").isEmpty();
        assertThat(tenant.documents().query("FOR u IN Members FILTER u.usernameLower != null RETURN u", Map.of()))
                .as("nothing written")
                .isEmpty();
    }

    /** After the connection's fields, one per mapped part of a user: label, help text, the provider's own default. */
    private void seeTheMappingFieldsWithLabelsAndHelpTexts(Language language) throws IOException {
        List<String> labels = console.formLabelsIncluding(language.labels);
        int first = labels.indexOf(language.labels.get(0));
        assertThat(labels.subList(first, first + MAPPING_KEYS.size()))
                .as("the mapping fields one after another, in this order")
                .containsExactlyElementsOf(language.labels);
        Properties texts = consoleTexts(language);
        for (int i = 0; i < MAPPING_KEYS.size(); i++) {
            String key = MAPPING_KEYS.get(i);
            String helpKey = "arangodb" + Character.toUpperCase(key.charAt(0)) + key.substring(1) + "Help";
            assertThat(console.helpText(language.labels.get(i)))
                    .as("help text of %s", language.labels.get(i))
                    .isEqualTo(texts.getProperty(helpKey));
        }
        assertThat(console.helpText(language.labels.get(6))).contains(language.passwordHelpPart);
        assertThat(console.waitFor(mappingInput("mappingId")).getAttribute("value"))
                .as("the provider's own shape as default")
                .isEqualTo("_key");
        assertThat(console.waitFor(mappingInput("mappingPassword")).getAttribute("value"))
                .isEqualTo("credential");
        console.screenshot("01-mapping-fields");
    }

    private void fillTheConnection() {
        console.fill(By.cssSelector("[data-testid='name']"), FEDERATION_NAME)
                .fill(
                        By.cssSelector("[data-testid='hosts']"),
                        tenant.server().arango().hosts())
                .choose("protocol", tenant.server().arango().protocol())
                .fill(By.cssSelector("[data-testid='user']"), arangoAccount.user())
                .fill(By.cssSelector("[data-testid='config.password']"), arangoAccount.password())
                .fill(By.cssSelector("[data-testid='database']"), tenant.database());
    }

    private void aBadAttributeNameIsRefusedWithTheFieldsLabel(Language language) {
        console.fill(mappingInput("mappingPassword"), "pass word");
        AdminConsole.Alert refused = console.save(SAVE);
        console.screenshot("02-bad-attribute-name");
        assertThat(refused.variant()).as(refused.text()).isEqualTo(AdminConsole.Alert.Variant.DANGER);
        assertThat(refused.text())
                .as("the whole alert in the admin's language")
                .startsWith(language.notCreated + language.badNameRefusal);
        assertThat(arangoFederations()).as("nothing saved").isEmpty();
    }

    private void twoFieldsOnOneAttributeAreRefused(Language language) {
        console.fill(mappingInput("mappingPassword"), "password").fill(mappingInput("mappingGroups"), "roles");
        AdminConsole.Alert refused = console.save(SAVE);
        console.screenshot("03-shared-attribute");
        assertThat(refused.variant()).as(refused.text()).isEqualTo(AdminConsole.Alert.Variant.DANGER);
        assertThat(refused.text()).startsWith(language.notCreated + language.sharedAttributeRefusal);
        assertThat(arangoFederations()).as("nothing saved").isEmpty();
    }

    private void theLegacyMappingSavesAndTheAdminApiReturnsIt() {
        LEGACY_MAPPING.forEach((key, attribute) -> console.fill(mappingInput(key), attribute));
        console.saveExpectingSuccess(SAVE);
        console.waitFor(By.linkText(FEDERATION_NAME));
        console.screenshot("04-legacy-mapping-saved");

        Map<String, String> expected = new HashMap<>(Map.of(
                "mappingUsername", "username",
                "mappingEmail", "email",
                "mappingFirstName", "firstName",
                "mappingLastName", "lastName",
                "mappingEnabled", "enabled"));
        expected.putAll(LEGACY_MAPPING);
        assertThat(savedMapping()).isEqualTo(expected);
    }

    /**
     * Changing the mapping of a saved federation (the connection unchanged, so no password again) is allowed; a bad
     * attribute name is refused under Keycloak's title for a save, in the admin's language. The cache setting at the
     * form's end and the breadcrumb read in that language too.
     */
    private void theSavedMappingCanBeChanged(Language language) {
        console.click(By.linkText(FEDERATION_NAME));
        console.waitFor(mappingInput("mappingRoles"));
        console.formLabelsIncluding(List.of(language.maxLifespan.get(0)));
        console.waitFor(By.xpath("//main//*[normalize-space()='" + language.maxLifespan.get(1) + "']"));
        console.waitFor(By.xpath("//*[contains(@class,'pf-v5-c-breadcrumb__item')][normalize-space()='"
                + language.providerDetails + "']"));
        console.fill(mappingInput("mappingRoles"), "role ids");
        AdminConsole.Alert refused = console.save(SAVE);
        console.screenshot("05-bad-attribute-name-on-save");
        assertThat(refused.variant()).as(refused.text()).isEqualTo(AdminConsole.Alert.Variant.DANGER);
        assertThat(refused.text()).startsWith(language.notSaved + language.labels.get(8) + ": ");
        assertThat(savedMapping()).containsEntry("mappingRoles", "roleid");
        console.fill(mappingInput("mappingRoles"), "role_ids");
        console.saveExpectingSuccess(SAVE);
        console.screenshot("06-mapping-changed");
        assertThat(savedMapping()).containsEntry("mappingRoles", "role_ids").containsEntry("mappingId", "id");
    }

    private static By mappingInput(String key) {
        return By.cssSelector("[data-testid='" + key + "']");
    }

    /** The mapping of the realm's ArangoDB federation as the admin API returns it. */
    private static Map<String, String> savedMapping() {
        ComponentRepresentation federation = Federation.arangoDb(tenant.admin());
        Map<String, String> mapping = new HashMap<>();
        MAPPING_KEYS.forEach(key -> mapping.put(key, federation.getConfig().getFirst(key)));
        return mapping;
    }

    private static List<ComponentRepresentation> arangoFederations() {
        return Federation.of(tenant.admin()).stream()
                .filter(component -> Federation.PROVIDER_ID.equals(component.getProviderId()))
                .toList();
    }

    /** The provider's console texts in the language, as its jar ships them. */
    private static Properties consoleTexts(Language language) throws IOException {
        Properties texts = new Properties();
        try (Reader in = Files.newBufferedReader(
                KeycloakTestServer.projectFile("user-storage-arangodb/src/main/resources/theme-resources/messages/"
                        + "messages_" + language.code + ".properties"),
                StandardCharsets.UTF_8)) {
            texts.load(in);
        }
        return texts;
    }
}
