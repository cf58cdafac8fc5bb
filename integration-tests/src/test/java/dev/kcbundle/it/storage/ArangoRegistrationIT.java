package dev.kcbundle.it.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kcbundle.it.TestRealm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.storage.UserStorageProvider.EditMode;

/** Keycloak's own registration and login pages, posted like a browser does, with users kept in ArangoDB. */
class ArangoRegistrationIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.blank("register").withArangoUsers(EditMode.WRITABLE);

    @Test
    void registrationFormCreatesTheUserInArangoDbAndTheBrowserFormLogsInByEmail() {
        LoginPages.Page result = register(new LoginPages(), "ivan", "Ivan@Example.org", "Ivan-pass-1");

        assertThat(LoginPages.reachedCallback(result))
                .as("registration ends at the client: %s", result.html())
                .isTrue();
        Map<String, Object> document = realm.document("ivan");
        assertThat(document)
                .containsEntry("emailLower", "ivan@example.org")
                .containsEntry("firstName", "Ivan")
                .containsEntry("enabled", true);
        assertThat(document.get("credential")).isNotNull();

        LoginPages browser = new LoginPages();
        LoginPages.Page login = browser.open(realm.authUrl());
        LoginPages.Page loggedIn = browser.submit(
                login, "#kc-form-login", Map.of("username", "IVAN@example.org", "password", "Ivan-pass-1"));
        assertThat(LoginPages.reachedCallback(loggedIn))
                .as("login by email: %s", loggedIn.html())
                .isTrue();

        LoginPages other = new LoginPages();
        LoginPages.Page wrong = other.submit(
                other.open(realm.authUrl()), "#kc-form-login", Map.of("username", "ivan", "password", "nope"));
        assertThat(wrong.messages()).contains("Invalid username or password");
    }

    @Test
    void userChangesTheirOwnPasswordOnKeycloaksUpdatePasswordPage() {
        realm.createUser("kim", "kim@example.org", "Kim-pass-1");
        Object before = realm.document("kim").get("credential");

        // What the account console's "Update password" does: an application-initiated UPDATE_PASSWORD action.
        LoginPages browser = new LoginPages();
        LoginPages.Page update = browser.submit(
                browser.open(realm.authUrl() + "&kc_action=UPDATE_PASSWORD"),
                "#kc-form-login",
                Map.of("username", "kim", "password", "Kim-pass-1"));
        LoginPages.Page done = browser.submit(
                update,
                "#kc-passwd-update-form",
                Map.of("password-new", "Kim-pass-2", "password-confirm", "Kim-pass-2"));

        assertThat(LoginPages.reachedCallback(done))
                .as("password updated: %s", done.html())
                .isTrue();
        assertThat(realm.document("kim").get("credential")).isNotNull().isNotEqualTo(before);
        assertThat(realm.passwordGrant("kim", "Kim-pass-1").status()).isIn(400, 401);
        assertThat(realm.passwordGrant("kim", "Kim-pass-2").status()).isEqualTo(200);
    }

    @Test
    void registeringAnExistingEmailInAnotherCaseShowsEmailAlreadyExists() {
        register(new LoginPages(), "judy", "judy@example.org", "Judy-pass-1");

        LoginPages.Page again = register(new LoginPages(), "judy2", "JUDY@Example.ORG", "Judy-pass-2");

        assertThat(LoginPages.reachedCallback(again)).isFalse();
        assertThat(again.messages()).contains("Email already exists");
        assertThat(realm.document("judy2")).isNull();
        assertThat(realm.documents().usersWithEmail("judy@example.org")).isEqualTo(1);
    }

    @Test
    void concurrentRegistrationsOfOneEmailCreateExactlyOneUser() throws Exception {
        int racers = 4;
        List<LoginPages> browsers = new ArrayList<>();
        List<LoginPages.Page> forms = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            LoginPages browser = new LoginPages();
            browsers.add(browser);
            forms.add(openRegistration(browser));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<Future<LoginPages.Page>> results = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            int n = i;
            Callable<LoginPages.Page> submit = () -> {
                start.await();
                return submitRegistration(
                        browsers.get(n), forms.get(n), "racer" + n, "Race@Example.org", "Race-pass-1");
            };
            results.add(pool.submit(submit));
        }
        start.countDown();
        int registered = 0;
        for (Future<LoginPages.Page> result : results) {
            LoginPages.Page page = result.get();
            if (LoginPages.reachedCallback(page)) {
                registered++;
            } else {
                assertThat(page.status())
                        .as("a losing registration gets a page, not a crash")
                        .isLessThan(500);
                assertThat(page.html())
                        .as("Keycloak's message for a taken email, in the form or on the error page")
                        .contains("Email already exists.")
                        .doesNotContain("at org.keycloak");
            }
        }
        pool.shutdown();

        assertThat(registered).isEqualTo(1);
        assertThat(realm.documents().usersWithEmail("race@example.org")).isEqualTo(1);
        long racerDocuments = 0;
        for (int i = 0; i < racers; i++) {
            racerDocuments += realm.document("racer" + i) == null ? 0 : 1;
        }
        assertThat(racerDocuments).as("losers leave no half-written document").isEqualTo(1);
    }

    private LoginPages.Page register(LoginPages browser, String username, String email, String password) {
        return submitRegistration(browser, openRegistration(browser), username, email, password);
    }

    private LoginPages.Page openRegistration(LoginPages browser) {
        LoginPages.Page login = browser.open(realm.authUrl());
        String registrationLink =
                login.document().select("a[href*=registration]").attr("abs:href");
        assertThat(registrationLink).as("login page links to registration").isNotEmpty();
        return browser.open(registrationLink);
    }

    private LoginPages.Page submitRegistration(
            LoginPages browser, LoginPages.Page form, String username, String email, String password) {
        String first = Character.toUpperCase(username.charAt(0)) + username.substring(1);
        return browser.submit(
                form,
                "#kc-register-form",
                Map.of(
                        "username",
                        username,
                        "email",
                        email,
                        "firstName",
                        first,
                        "lastName",
                        "Tester",
                        "password",
                        password,
                        "password-confirm",
                        password));
    }
}
