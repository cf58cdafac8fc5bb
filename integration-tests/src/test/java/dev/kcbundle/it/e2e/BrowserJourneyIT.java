package dev.kcbundle.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kcbundle.it.TestRealm;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;

/**
 * A tenant's day as people see it, in headless Chromium: the themed login and registration pages, two company web
 * apps sharing one sign-on, single logout, a consent screen, the footer note on a phone and a wide screen. The realm
 * is made from realm-export.json.
 */
class BrowserJourneyIT {

    private static final By USERNAME = By.id("username");
    private static final By PASSWORD = By.id("password");
    private static final By SIGN_IN = By.id("kc-login");
    private static final By SIGNED_IN = By.id("signed-in");
    private static final By CLAIMS = By.id("claims");

    private static final Logger LOG = Logger.getLogger(BrowserJourneyIT.class);
    /** Room in CSS pixels between the footer's text and the card's (or the screen's) left, right and bottom edges. */
    private static final String FOOTER_ROOM = """
            const footer = document.getElementById('kcbundle-footer');
            const text = document.createRange();
            text.selectNodeContents(footer);
            const box = text.getBoundingClientRect();
            const card = footer.closest('.pf-v5-c-login__main').getBoundingClientRect();
            const page = document.documentElement;
            return {left: box.left - Math.max(card.left, 0),
                    right: Math.min(card.right, page.clientWidth) - box.right,
                    bottom: Math.min(card.bottom + window.scrollY, page.scrollHeight) - (box.bottom + window.scrollY)};
            """;

    private static final OidcWebApp webAppA = OidcWebApp.start("webapp-a");
    private static final OidcWebApp webAppB = OidcWebApp.start("webapp-b");
    private static final OidcWebApp partnerPortal = OidcWebApp.start("partner-portal", "openid partner-authorization");

    @RegisterExtension
    static final TestRealm tenant = TestRealm.fromTemplate(
            "journey",
            Map.of(
                    "WEBAPP_A_URL", webAppA.baseUrl(),
                    "WEBAPP_B_URL", webAppB.baseUrl(),
                    "PARTNER_PORTAL_URL", partnerPortal.baseUrl()));

    private Browser browser;

    @BeforeAll
    static void connectWebApps() {
        List.of(webAppA, webAppB, partnerPortal).forEach(app -> app.connect(tenant.issuer()));
    }

    @AfterAll
    static void closeWebApps() {
        List.of(webAppA, webAppB, partnerPortal).forEach(OidcWebApp::close);
    }

    @BeforeEach
    void openBrowser() {
        browser = Browser.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) { // null when no Chromium is installed: the test was skipped, not failed
            browser.close();
        }
    }

    @Test
    void registrationThroughTheThemedFormLandsInWebAppAWithGroupsRolesAndPolicies() throws Exception {
        browser.open(webAppA.baseUrl() + "/login");
        assertThat(browser.text(By.id("kc-page-title"))).isEqualTo("Sign in to your company account");
        assertThat(browser.text(By.id("kcbundle-footer"))).contains("your company's identity service", "Never share");
        browser.screenshot("login-page");

        browser.click(By.linkText("Register"));
        assertThat(browser.text(By.id("kc-page-title"))).isEqualTo("Create your company account");
        browser.screenshot("registration-page");
        String username = "reg-" + UUID.randomUUID().toString().substring(0, 8);
        browser.type(USERNAME, username)
                .type(By.id("email"), username + "@acme.example")
                .type(By.id("firstName"), "Regina")
                .type(By.id("lastName"), "Register")
                .type(PASSWORD, "a-long-secret-1")
                .type(By.id("password-confirm"), "a-long-secret-1")
                .click(By.cssSelector("#kc-register-form input[type=submit]"));

        assertThat(browser.text(SIGNED_IN)).isEqualTo("Signed in as " + username);
        assertThat(browser.url()).startsWith(webAppA.baseUrl());
        var claims = webAppA.accessTokenClaims().getClaims();
        assertThat(claims.get("groups").toString()).contains("staff");
        assertThat(claims.get("roles").toString()).contains("employee");
        assertThat(webAppA.accessTokenClaims().getStringListClaim("policies")).contains("self:read", "profile:read");
        assertThat(browser.text(CLAIMS)).contains("self:read");
    }

    @Test
    void signedInAtWebAppAMeansSignedInAtWebAppBAndSigningOutOfAEndsB() {
        String username = newUser();
        browser.open(webAppA.baseUrl() + "/login")
                .type(USERNAME, username)
                .type(PASSWORD, "a-long-secret-1")
                .click(SIGN_IN);
        assertThat(browser.text(SIGNED_IN)).isEqualTo("Signed in as " + username);

        browser.open(webAppB.baseUrl() + "/login");
        assertThat(browser.text(SIGNED_IN))
                .as("web app B signs in through the SSO session, no password prompt")
                .isEqualTo("Signed in as " + username);
        assertThat(webAppB.refresh())
                .as("B's refresh while the SSO session lives")
                .isNull();

        browser.open(webAppA.baseUrl() + "/logout");
        browser.waitFor(By.id("login"));
        assertThat(webAppB.refresh())
                .as("B's refresh token died with the SSO session")
                .isEqualTo("invalid_grant");
        browser.open(webAppB.baseUrl() + "/login");
        assertThat(browser.waitFor(PASSWORD).isDisplayed())
                .as("B asks for the password again")
                .isTrue();
    }

    @Test
    void partnerPortalAsksForConsentBeforeItGetsTheUsersData() throws Exception {
        String username = newUser();
        browser.open(partnerPortal.baseUrl() + "/login")
                .type(USERNAME, username)
                .type(PASSWORD, "a-long-secret-1")
                .click(SIGN_IN);

        assertThat(browser.text(By.id("kc-oauth")))
                .contains("Your groups, roles and permissions, also for the company API");
        browser.screenshot("consent-page");
        browser.click(By.id("kc-login"));
        assertThat(browser.text(SIGNED_IN)).isEqualTo("Signed in as " + username);
        assertThat(partnerPortal.accessTokenClaims().getStringClaim("scope"))
                .contains("partner-authorization")
                .doesNotContain("active-group");
        assertThat(partnerPortal.accessTokenClaims().getAudience()).contains("api-server");
    }

    @Test
    void loginPageSpeaksGerman() {
        browser.open(webAppA.baseUrl() + "/login");
        browser.open(browser.url() + "&ui_locales=de");
        assertThat(browser.text(By.id("kc-page-title"))).isEqualTo("Bei Ihrem Firmenkonto anmelden");
        assertThat(browser.text(By.id("kcbundle-footer"))).contains("Geben Sie Ihr Passwort niemals weiter");
    }

    /**
     * The footer note keeps clear of the edges of what it is printed on, on a phone (360 px wide, where the card fills
     * the screen) and on a wide screen (a card in the middle): its text (not its box) is measured against the card's
     * edges, cut to the viewport's width and the page's height.
     */
    @ParameterizedTest(name = "{0} x {1}")
    @CsvSource({"360, 740", "1920, 1080"})
    void theFooterTextKeepsClearOfTheEdges(int width, int height) {
        browser.windowSize(width, height).open(webAppA.baseUrl() + "/login");
        browser.waitFor(By.id("kcbundle-footer"));

        @SuppressWarnings("unchecked")
        Map<String, Number> room = (Map<String, Number>) browser.script(FOOTER_ROOM);
        LOG.infof(
                "Footer text at %d x %d: %s px from the left edge, %s from the right, %s from the bottom",
                width, height, room.get("left"), room.get("right"), room.get("bottom"));
        browser.screenshot("login-footer-" + width);

        assertThat(room.get("left").doubleValue())
                .as("room left of the footer text")
                .isGreaterThanOrEqualTo(16);
        assertThat(room.get("right").doubleValue())
                .as("room right of the footer text")
                .isGreaterThanOrEqualTo(16);
        assertThat(room.get("bottom").doubleValue())
                .as("room below the footer text")
                .isGreaterThanOrEqualTo(16);
    }

    private static String newUser() {
        String username = "sso-" + UUID.randomUUID().toString().substring(0, 8);
        tenant.createUser(username, "a-long-secret-1");
        return username;
    }
}
