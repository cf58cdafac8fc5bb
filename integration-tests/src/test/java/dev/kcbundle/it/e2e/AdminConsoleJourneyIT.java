package dev.kcbundle.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.kcbundle.it.Federation;
import dev.kcbundle.it.KeycloakTestServer;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Year;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.keycloak.admin.client.resource.ClientsResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * Issue 16, point 8: a tenant admin sets up a fresh realm in Keycloak's real admin console, in headless Chromium, once
 * in English and once in German. Signed in as the master admin, they add the ArangoDB user federation (seeing the
 * connection errors first), create a user stored in ArangoDB, set its password, give it a group, a realm role and
 * policies, add the policy mapper to a client, and the user's token then carries {@code groups}, {@code roles} and
 * {@code policies}. Every step saves {@code target/screenshots/admin-<lang>-<step>.png}.
 *
 * <p>Each step is one method, named for what the admin does, and asserts what the admin reads there in the console's
 * language, found by the console's test ids, ARIA labels and PatternFly's form structure: the form labels of the
 * provider and the mapper, the sync actions' answers, the password in Credentials, the "Access" section with the
 * policies, the mapper's refusal of an unknown client id.
 */
class AdminConsoleJourneyIT {

    private static final Logger LOG = Logger.getLogger(AdminConsoleJourneyIT.class);
    private static final KeycloakTestServer SERVER = KeycloakTestServer.shared();
    private static final String CLIENT_ID = "journey-app";
    private static final String GROUP = "teachers";
    private static final String ROLE = "editor";
    private static final String USERNAME = "ada";
    private static final String PASSWORD = "a-long-secret-1";
    private static final List<String> POLICIES = List.of("reports:read", "reports:write");
    private static final String FEDERATION_NAME = "ArangoDB users";
    private static final String POLICY_MAPPER = "oidc-policy-mapper";
    private static final String UNKNOWN_CLIENT = "no-such-client";
    /** How the answers of the provider's sync actions start (the server's status, not translated). */
    private static final String NOTHING_IMPORTED =
            "Nothing imported: ArangoDB users are used where they are, never copied into Keycloak.";

    private static RealmRepresentation masterLanguages;

    private String realm;
    private KeycloakTestServer.TenantAccount arangoAccount;
    private OidcWebApp app;
    private Browser browser;
    private AdminConsole console;

    /**
     * The console languages of the journey: the browser's language, and the console's texts as the admin reads them in
     * it (Keycloak's own, and ours from the extensions' message bundles).
     */
    enum ConsoleLanguage {
        ENGLISH(
                "en",
                "en-US",
                "Users",
                List.of("ArangoDB hosts", "Protocol", "ArangoDB user", "Database", "Users collection"),
                List.of("Add groups claim", "Groups claim name", "Clients whose roles to include"),
                "Could not create mapping: 'a setting of the policy mapper is not valid'",
                "There is no client with the client ID \"%s\" in this realm.",
                "Access",
                "refused the connection",
                "User sync has started."),
        GERMAN(
                "de",
                "de-DE",
                "Benutzer",
                List.of("ArangoDB-Hosts", "Protokoll", "ArangoDB-Benutzer", "Datenbank", "Benutzer-Collection"),
                List.of(
                        "Gruppen-Claim hinzufügen",
                        "Name des Gruppen-Claims",
                        "Clients, deren Rollen aufgenommen werden"),
                "Zuordnung konnte nicht erstellt werden: „eine Einstellung des Policy-Mappers ist ungültig“",
                "In diesem Realm gibt es keinen Client mit der Client-ID „%s“.",
                "Zugriff",
                "hat die Verbindung abgelehnt",
                "Die Synchronisierung der Benutzer wurde gestartet.");

        /** The policy mapper's display name in the "Configure a new mapper" list (Keycloak shows it untranslated). */
        static final String POLICY_MAPPER_NAME = "Groups, roles, policies and active group";

        final String code;
        final String browserLanguage;
        final String usersSection;
        final List<String> providerLabels;
        /** Labels of the policy mapper's form; the last one is the role clients' field. */
        final List<String> mapperLabels;
        /** The title of the console's alert when it refuses the mapper's settings. */
        final String mapperRefused;
        /**
         * The mapper's refusal of an unknown client id, {@code %s} the id. Keycloak's endpoint alone would answer in
         * English (it translates with the {@code locale} claim, which the console's lightweight token lacks); the
         * mapper tells it in the admin's language.
         */
        final String unknownClientError;
        /** The user profile's "access" group as the user form titles it. */
        final String accessSection;
        /** How the provider form's connection check words a refused connection (arangodb-error-refused). */
        final String refusedConnection;
        /** The console's note when a sync action starts (Keycloak's text; German from this bundle). */
        final String syncStarted;

        ConsoleLanguage(
                String code,
                String browserLanguage,
                String usersSection,
                List<String> providerLabels,
                List<String> mapperLabels,
                String mapperRefused,
                String unknownClientError,
                String accessSection,
                String refusedConnection,
                String syncStarted) {
            this.code = code;
            this.browserLanguage = browserLanguage;
            this.usersSection = usersSection;
            this.providerLabels = providerLabels;
            this.mapperLabels = mapperLabels;
            this.mapperRefused = mapperRefused;
            this.unknownClientError = unknownClientError;
            this.accessSection = accessSection;
            this.refusedConnection = refusedConnection;
            this.syncStarted = syncStarted;
        }

        String roleClientsLabel() {
            return mapperLabels.get(mapperLabels.size() - 1);
        }
    }

    /**
     * The admin console speaks the language the master realm resolves for its admin: with internationalization on
     * (English and German), the browser's Accept-Language. Restored afterwards.
     */
    @BeforeAll
    static void masterRealmOffersEnglishAndGerman() {
        RealmResource master = SERVER.admin().realm("master");
        masterLanguages = master.toRepresentation();
        RealmRepresentation languages = master.toRepresentation();
        languages.setInternationalizationEnabled(true);
        languages.setSupportedLocales(Set.of("en", "de"));
        languages.setDefaultLocale("en");
        master.update(languages);
    }

    @AfterAll
    static void restoreMasterLanguages() {
        if (masterLanguages != null) {
            RealmResource master = SERVER.admin().realm("master");
            RealmRepresentation restored = master.toRepresentation();
            restored.setInternationalizationEnabled(
                    Boolean.TRUE.equals(masterLanguages.isInternationalizationEnabled()));
            restored.setSupportedLocales(
                    masterLanguages.getSupportedLocales() == null ? Set.of() : masterLanguages.getSupportedLocales());
            if (masterLanguages.getDefaultLocale() != null) { // else "en" stays: without i18n it is English anyway
                restored.setDefaultLocale(masterLanguages.getDefaultLocale());
            }
            master.update(restored);
        }
    }

    @AfterEach
    void cleanUp() {
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.close();
        }
        if (realm != null) {
            SERVER.admin().realm(realm).remove();
        }
    }

    @ParameterizedTest
    @EnumSource(ConsoleLanguage.class)
    void tenantAdminSetsUpArangoDbUsersAndTheirTokenClaimsInTheConsole(ConsoleLanguage language) throws Exception {
        browser = Browser.start(language.browserLanguage);
        freshRealmWithGroupRoleAndClient(language);
        console = new AdminConsole(browser, SERVER.baseUrl(), "admin-" + language.code);

        signInAndOpenTheRealm(language);
        addArangoDbProviderAndSeeEachConnectionError(language);
        saveTheArangoDbProviderWithTheTenantAccount();
        syncActionsSayThatNothingIsImported(language);
        createUserStoredInArangoDb();
        setPasswordAndSeeItInCredentials();
        joinGroupAndAssignRealmRole();
        setPoliciesInTheAccessSection(language);
        addPolicyMapperByConfiguration(language);
        signInAsTheUserAndReadTheClaims();
    }

    /** Step 1: the master admin signs in; the console speaks the browser's language; the test realm opens. */
    private void signInAndOpenTheRealm(ConsoleLanguage language) {
        console.signIn("admin", SERVER.adminPassword());
        assertThat(console.sectionName("users"))
                .as("the console speaks %s", language)
                .isEqualTo(language.usersSection);
        console.openRealm(realm);
        console.screenshot("01-realm");
    }

    /**
     * Step 2a: User federation, "Add Arangodb providers" (Keycloak's caption): the form's labels are the console
     * language's texts (issue 16 point 4); saving a host that cannot work shows an error alert and saves nothing.
     * Issue 16 point 5 expects each fault's own message, naming the host, within a few seconds: today's messages name
     * the host (asserted); their wording and timing are logged for the report.
     */
    private void addArangoDbProviderAndSeeEachConnectionError(ConsoleLanguage language) {
        console.openSection("user-federation").click(By.cssSelector("[data-testid='arangodb-card']"));
        console.formLabelsIncluding(language.providerLabels);
        console.fill(By.cssSelector("[data-testid='name']"), FEDERATION_NAME)
                .fill(By.cssSelector("[data-testid='user']"), arangoAccount.user())
                .fill(By.cssSelector("[data-testid='database']"), realm)
                .choose("protocol", SERVER.arango().protocol());

        connectionErrorFor(
                "02-error-url-instead-of-host", "http://localhost:1", arangoAccount.password(), "localhost:1");
        assertThat(connectionErrorFor(
                        "03-error-refused",
                        KeycloakTestServer.UNREACHABLE_ARANGO_HOST,
                        arangoAccount.password(),
                        KeycloakTestServer.UNREACHABLE_ARANGO_HOST))
                .as("the refusal in the console's language")
                .contains(language.refusedConnection);
        String host = firstArangoHost();
        connectionErrorFor("04-error-wrong-password", host, "not-the-password", host);

        assertThat(arangoFederations())
                .as("nothing is saved while the connection fails")
                .isEmpty();
    }

    /** Saves the form with a faulty connection; the error alert names the host, never the password. Its text. */
    private String connectionErrorFor(String step, String hosts, String password, String hostNamed) {
        console.fill(By.cssSelector("[data-testid='hosts']"), hosts)
                .fill(By.cssSelector("[data-testid='config.password']"), password);
        long started = System.nanoTime();
        AdminConsole.Alert alert = console.save(By.cssSelector("[data-testid='custom-save']"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        console.screenshot(step);
        LOG.infof("Connection check %s (hosts %s): %d ms, alert: %s", step, hosts, millis, alert.text());
        assertThat(alert.success())
                .as("saving hosts %s shows an error alert: %s", hosts, alert.text())
                .isFalse();
        assertThat(alert.text())
                .as("the error names the host")
                .contains(hostNamed)
                .doesNotContain(arangoAccount.password());
        return alert.text();
    }

    /** Step 2b: with the stand-in's host and the tenant's own ArangoDB account the provider saves. */
    private void saveTheArangoDbProviderWithTheTenantAccount() {
        console.fill(By.cssSelector("[data-testid='hosts']"), SERVER.arango().hosts())
                .fill(By.cssSelector("[data-testid='config.password']"), arangoAccount.password())
                .dismissAlerts();
        console.screenshot("05-provider-form");
        console.saveExpectingSuccess(By.cssSelector("[data-testid='custom-save']"));
        assertThat(console.waitFor(By.linkText(FEDERATION_NAME)).isDisplayed()).isTrue();
        console.screenshot("06-provider-saved");
        assertThat(arangoFederations()).hasSize(1);
    }

    /**
     * Step 2c: the saved provider's page, headed "ArangoDB"; its action menu, "Sync changed users" and "Sync all
     * users" (its first two items). Nothing is imported from ArangoDB, and each answer says so plainly in a warning
     * (issue 16 point 2): the first that Keycloak's cached users were dropped, the second what it checked (the realm's
     * database holds no user yet). The texts are the server's status, English in every console language; the
     * console's note that the sync started is in the admin's language.
     */
    private void syncActionsSayThatNothingIsImported(ConsoleLanguage language) {
        By actions = By.cssSelector("[data-testid='action-dropdown']");
        console.click(By.linkText(FEDERATION_NAME));
        assertThat(console.waitFor(By.cssSelector("main [data-testid='view-header']"))
                        .getText())
                .as("the saved federation's header: the provider id's message, not the id")
                .isEqualTo("ArangoDB");
        console.click(actions);
        console.screenshot("07-provider-actions");

        AdminConsole.Alert changed = console.chooseAction(actions, 1);
        console.screenshot("07b-sync-changed-users");
        assertThat(console.alertTitles()).contains(language.syncStarted);
        assertThat(changed.variant())
                .as("answer to Sync changed users: %s", changed.text())
                .isEqualTo(AdminConsole.Alert.Variant.WARNING);
        assertThat(changed.text())
                .startsWith(NOTHING_IMPORTED)
                .contains("Keycloak's cached copies of this realm's users were dropped")
                .doesNotContain("Checked");

        AdminConsole.Alert all = console.chooseAction(actions, 2);
        console.screenshot("07c-sync-all-users");
        assertThat(all.variant())
                .as("answer to Sync all users: %s", all.text())
                .isEqualTo(AdminConsole.Alert.Variant.WARNING);
        assertThat(all.text())
                .startsWith(NOTHING_IMPORTED)
                .contains("Checked 0 users in ArangoDB (database " + realm + ",");
        assertThat(arangoFederations())
                .as("the actions leave the provider as it was")
                .hasSize(1);
    }

    /** Step 3a: Users, "Create new user"; the user is stored in ArangoDB, so its details show the federation link. */
    private void createUserStoredInArangoDb() {
        console.openSection("users").click(By.cssSelector("[data-testid='add-user']"));
        console.fill(By.cssSelector("[data-testid='username']"), USERNAME)
                .fill(By.cssSelector("[data-testid='email']"), USERNAME + "@" + realm + ".example")
                .fill(By.cssSelector("[data-testid='firstName']"), "Ada")
                .fill(By.cssSelector("[data-testid='lastName']"), "Lovelace");
        console.saveExpectingSuccess(By.cssSelector("[data-testid='user-creation-save']"));
        assertThat(console.waitFor(By.cssSelector("main a[href*='/user-federation/arangodb/']"))
                        .getText())
                .as("federation link of the new user")
                .isEqualTo(FEDERATION_NAME);
        console.screenshot("08-user-created");
    }

    /**
     * Step 3b: Credentials, "Set password" (not temporary); the console confirms it, and the tab then lists the
     * ArangoDB password in its "Type | Provided by | Created at" table: {@code password}, the federation's name and
     * today's date in the console's format (issue 16 point 1). Never the password itself.
     */
    private void setPasswordAndSeeItInCredentials() {
        console.click(By.cssSelector("[data-testid='credentials']"))
                .click(AdminConsole.emptyStateAction(1)); // "Set password"
        console.fill(By.cssSelector("[data-testid='passwordField']"), PASSWORD)
                .fill(By.cssSelector("[data-testid='passwordConfirmationField']"), PASSWORD)
                .setSwitch("temporaryPassword", false)
                .click(By.cssSelector("[role='dialog'] [data-testid='confirm']"));
        // "Set password?": the confirmation dialog's button is the red one
        console.saveExpectingSuccess(By.cssSelector("[role='dialog'] [data-testid='confirm'].pf-m-danger"));
        List<String> password = console.tableRow("password");
        console.screenshot("09-credentials");
        assertThat(password)
                .as("the password row: type, provided by, created at")
                .hasSizeGreaterThanOrEqualTo(3);
        assertThat(password.get(1)).as("provided by").isEqualTo(FEDERATION_NAME);
        assertThat(password.get(2))
                .as("created at")
                .contains(String.valueOf(Year.now().getValue()));
        assertThat(String.join(" ", password)).doesNotContain(PASSWORD);
    }

    /** Step 4a: Groups, "Join group"; Role mapping, "Assign role", realm roles. */
    private void joinGroupAndAssignRealmRole() {
        console.click(By.cssSelector("[data-testid='user-groups-tab']"))
                .click(AdminConsole.emptyStateAction(1)) // "Join group"
                .click(By.cssSelector("[data-testid='" + GROUP + "-check']"));
        console.saveExpectingSuccess(By.cssSelector("[data-testid='join-button']"));
        console.waitFor(AdminConsole.row("//main", GROUP));
        console.screenshot("10-groups");

        console.click(By.cssSelector("[data-testid='role-mapping-tab']"))
                .click(By.cssSelector("[data-testid='add-role-mapping-button']"))
                .click(By.cssSelector("[data-testid='roles-role'] button"))
                .click(AdminConsole.rowCheckbox("//*[@role='dialog']", ROLE));
        console.saveExpectingSuccess(By.cssSelector("[data-testid='assign']"));
        console.waitFor(AdminConsole.row("//main", ROLE));
        console.screenshot("11-roles");
    }

    /**
     * Step 4b: the user's {@code policies} in the Details form. A realm made by hand through the REST API (not from the
     * template or the tenant command) lacks the declaration, so it is declared here as realm-export.json declares it:
     * in the "access" group, with message keys. The console reads the user profile when the page loads, hence the
     * reload; the form then shows an "Access"/"Zugriff" section (and jump link) holding the Policies field.
     */
    private void setPoliciesInTheAccessSection(ConsoleLanguage language) throws IOException {
        declarePoliciesAsTheTemplateDoes();
        console.click(By.cssSelector("[data-testid='user-details-tab']")).reload();
        String heading = language.accessSection.toLowerCase(Locale.ROOT); // the console's id of a section's heading
        assertThat(console.waitFor(By.id(heading)).getText())
                .as("the access section's heading")
                .isEqualTo(language.accessSection);
        String section = "//section[*[@id='" + heading + "']]";
        console.waitFor(
                By.xpath(section + "//*[contains(@class,'pf-v5-c-form__label-text')][normalize-space()='Policies']"));
        console.waitFor(By.xpath(section + "//input[@data-testid='attributes.policies0']"));
        console.fill(By.cssSelector("[data-testid='attributes.policies0']"), POLICIES.get(0))
                .click(
                        By.xpath(
                                "//input[@data-testid='attributes.policies0']"
                                        + "/ancestor::div[contains(@class,'pf-v5-c-form__group-control')]//button[@data-testid='addValue']"))
                .fill(By.cssSelector("[data-testid='attributes.policies1']"), POLICIES.get(1));
        console.saveExpectingSuccess(By.cssSelector("[data-testid='user-creation-save']"));
        console.screenshot("12-user-policies");
        assertThat(SERVER.admin()
                        .realm(realm)
                        .users()
                        .searchByUsername(USERNAME, true)
                        .get(0)
                        .getAttributes())
                .as("policies saved (in ArangoDB)")
                .containsEntry("policies", POLICIES);
    }

    /** Declares {@code policies} and its group through the admin REST API exactly as realm-export.json does. */
    private void declarePoliciesAsTheTemplateDoes() throws IOException {
        UPConfig template = templateUserProfile();
        UPAttribute policies = template.getAttribute("policies");
        var profile = SERVER.admin().realm(realm).users().userProfile();
        UPConfig config = profile.getConfiguration();
        config.addOrReplaceAttribute(policies);
        template.getGroups().stream()
                .filter(group -> group.getName().equals(policies.getGroup()))
                .forEach(config::addGroup);
        profile.update(config);
    }

    private static UPConfig templateUserProfile() throws IOException {
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        JsonNode provider = json.readTree(
                        KeycloakTestServer.projectFile("realm-export.json").toFile())
                .path("components")
                .path("org.keycloak.userprofile.UserProfileProvider")
                .path(0);
        return json.readValue(
                provider.path("config").path("kc.user.profile.config").path(0).asText(), UPConfig.class);
    }

    /**
     * Step 5: the client's dedicated scope, "Configure a new mapper" (by configuration), the policy mapper picked by
     * its display name. Its form's labels are the console language's texts (issue 16 point 4). Saving it with a client
     * id the realm lacks under the role clients is refused with a message and saves nothing (point 5): the bundle's
     * sentence under a title in the console's language (the refusal is told in the admin's language, not the English of
     * Keycloak's endpoint: see {@link ConsoleLanguage#unknownClientError}); with this client's id it saves.
     */
    private void addPolicyMapperByConfiguration(ConsoleLanguage language) {
        console.openSection("clients")
                .fill(By.cssSelector("[data-testid='table-search-input'] input"), CLIENT_ID + Keys.ENTER);
        console.click(By.xpath("//main//a[normalize-space()='" + CLIENT_ID + "']"))
                .click(By.cssSelector("[data-testid='clientScopesTab']"))
                .click(By.cssSelector("main a[href$='/clientScopes/dedicated']"))
                .click(AdminConsole.emptyStateAction(2)) // "Configure a new mapper", after "Add predefined mapper"
                .click(By.xpath("//*[@role='dialog']//li[@aria-label='" + ConsoleLanguage.POLICY_MAPPER_NAME + "']"));
        console.formLabelsIncluding(language.mapperLabels);
        By roleClients = By.cssSelector("main input[aria-label='" + language.roleClientsLabel() + "']");
        By save = By.cssSelector("main [data-testid='save']");
        console.fill(By.cssSelector("main [data-testid='name']"), "groups, roles, policies")
                .fill(roleClients, UNKNOWN_CLIENT);
        AdminConsole.Alert refused = console.save(save);
        console.screenshot("13a-mapper-unknown-client");
        assertThat(refused.variant())
                .as("saving an unknown client id: %s", refused.text())
                .isEqualTo(AdminConsole.Alert.Variant.DANGER);
        assertThat(refused.text())
                .as("the refusal in the console's language, naming the client id")
                .startsWith(language.mapperRefused + "\n" + String.format(language.unknownClientError, UNKNOWN_CLIENT));
        assertThat(policyMappers()).as("nothing saved").isEmpty();

        console.fill(roleClients, CLIENT_ID);
        console.screenshot("13-mapper-form");
        console.saveExpectingSuccess(save);
        console.screenshot("14-mapper-saved");
        assertThat(policyMappers())
                .singleElement()
                .satisfies(mapper ->
                        assertThat(mapper.getConfig().get("roles.clients")).contains(CLIENT_ID));
    }

    /** Step 6: the user signs in to the client's web app (code flow, PKCE); the token carries the claims. */
    private void signInAsTheUserAndReadTheClaims() throws Exception {
        browser.open(app.baseUrl() + "/login");
        console.fill(By.id("username"), USERNAME)
                .fill(By.id("password"), PASSWORD)
                .click(By.id("kc-login"));
        assertThat(console.waitFor(By.id("signed-in")).getText()).isEqualTo("Signed in as " + USERNAME);
        console.screenshot("15-claims");
        JWTClaimsSet claims = app.accessTokenClaims();
        assertThat(claims.getStringListClaim("groups")).containsExactly("/" + GROUP);
        assertThat(claims.getStringListClaim("roles")).contains(ROLE);
        assertThat(claims.getStringListClaim("policies")).containsExactlyElementsOf(POLICIES);
    }

    /**
     * A fresh realm (no template): group {@value #GROUP}, realm role {@value #ROLE}, the public client
     * {@value #CLIENT_ID} of a loopback web app, and the realm's own ArangoDB database and account.
     */
    private void freshRealmWithGroupRoleAndClient(ConsoleLanguage language) {
        realm = "admin-" + language.code + "-" + UUID.randomUUID().toString().substring(0, 8);
        RealmRepresentation representation = new RealmRepresentation();
        representation.setRealm(realm);
        representation.setEnabled(true);
        SERVER.admin().realms().create(representation);
        RealmResource admin = SERVER.admin().realm(realm);
        GroupRepresentation group = new GroupRepresentation();
        group.setName(GROUP);
        admin.groups().add(group).close();
        admin.roles().create(new RoleRepresentation(ROLE, "Edits reports", false));

        app = OidcWebApp.start(CLIENT_ID);
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(CLIENT_ID);
        client.setPublicClient(true);
        client.setStandardFlowEnabled(true);
        client.setRedirectUris(List.of(app.baseUrl() + "/callback"));
        try (Response created = admin.clients().create(client)) {
            assertThat(created.getStatus()).isEqualTo(201);
        }
        app.connect(SERVER.realmUrl(realm));
        arangoAccount = SERVER.arango().tenantAccount(realm);
    }

    /** The policy mappers of the journey's client, as the admin REST API lists them. */
    private List<ProtocolMapperRepresentation> policyMappers() {
        ClientsResource clients = SERVER.admin().realm(realm).clients();
        return clients.get(clients.findByClientId(CLIENT_ID).get(0).getId()).getProtocolMappers().getMappers().stream()
                .filter(mapper -> POLICY_MAPPER.equals(mapper.getProtocolMapper()))
                .toList();
    }

    private String firstArangoHost() {
        return SERVER.arango().target().first().toString();
    }

    private List<?> arangoFederations() {
        RealmResource admin = SERVER.admin().realm(realm);
        return Federation.of(admin).stream()
                .filter(component -> Federation.PROVIDER_ID.equals(component.getProviderId()))
                .toList();
    }
}
