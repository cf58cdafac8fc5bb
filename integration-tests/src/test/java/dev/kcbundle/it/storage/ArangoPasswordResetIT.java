package dev.kcbundle.it.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.kcbundle.it.HttpJson;
import dev.kcbundle.it.TestRealm;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.storage.UserStorageProvider.EditMode;

/**
 * "Forgot password?" for a user kept in ArangoDB, as a browser goes through it: Keycloak mails a link (to an SMTP
 * server in the test JVM, GreenMail), the link opens Keycloak's update-password page, the new password lands in
 * ArangoDB.
 */
class ArangoPasswordResetIT {

    private static final String FROM = "no-reply@reset.example";
    private static final Pattern ACTION_LINK =
            Pattern.compile("https?://\\S+/login-actions/action-token\\?key=[^\\s\"<>]+");

    /** One SMTP server for the class: its (free) port is written into the realm once, before the tests. */
    @RegisterExtension
    static final GreenMailExtension MAIL =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    @RegisterExtension
    static final TestRealm realm = TestRealm.blank("reset").withArangoUsers(EditMode.WRITABLE);

    @BeforeAll
    static void enableMail() {
        RealmRepresentation settings = realm.admin().toRepresentation();
        settings.setResetPasswordAllowed(true);
        settings.setPasswordPolicy("length(12)");
        settings.setSmtpServer(Map.of(
                "host", "localhost", "port", String.valueOf(MAIL.getSmtp().getPort()), "from", FROM));
        realm.admin().update(settings);
    }

    @Test
    @SuppressWarnings("unchecked")
    void forgotPasswordMailLeadsToANewPasswordInArangoDb() throws Exception {
        realm.createUser("nora", "nora@example.org", "Nora-pass-one");
        Object oldCredential = realm.document("nora").get("credential");
        LoginPages browser = new LoginPages();

        LoginPages.Page login = browser.open(realm.authUrl());
        String forgotUrl = login.document()
                .select("a[href*=login-actions/reset-credentials]")
                .attr("abs:href");
        assertThat(forgotUrl).as("the login page links to 'Forgot Password?'").isNotEmpty();
        LoginPages.Page sent = browser.submit(
                browser.open(forgotUrl), "#kc-reset-password-form", Map.of("username", "NORA@example.org"));
        assertThat(sent.messages()).contains("You should receive an email shortly");

        assertThat(MAIL.waitForIncomingEmail(15_000, 1))
                .as("a reset mail arrives")
                .isTrue();
        MimeMessage message = MAIL.getReceivedMessages()[0];
        assertThat(message.getAllRecipients()).extracting(Object::toString).containsExactly("nora@example.org");
        assertThat(message.getFrom()).extracting(Object::toString).containsExactly(FROM);
        assertThat(message.getSubject()).isEqualTo("Reset password");
        Matcher link = ACTION_LINK.matcher(text(message.getContent()));
        assertThat(link.find()).as("the mail holds Keycloak's action link").isTrue();

        LoginPages.Page update = browser.open(link.group().replace("&amp;", "&"));
        Map<String, Object> beforeRefusal = realm.document("nora");
        LoginPages.Page tooShort = browser.submit(
                update, "#kc-passwd-update-form", Map.of("password-new", "short", "password-confirm", "short"));
        assertThat(tooShort.messages()).contains("Invalid password: minimum length 12.");
        assertThat(realm.document("nora"))
                .as("a refused password changes nothing in ArangoDB")
                .isEqualTo(beforeRefusal);
        assertThat(beforeRefusal.get("credential")).isEqualTo(oldCredential);

        LoginPages.Page done = browser.submit(
                tooShort,
                "#kc-passwd-update-form",
                Map.of("password-new", "Nora-pass-two", "password-confirm", "Nora-pass-two"));

        assertThat(LoginPages.reachedCallback(done) || done.html().contains("Your account has been updated."))
                .as("the reset ends at the client or on Keycloak's 'account updated' page: %s", done.html())
                .isTrue();
        Map<String, Object> credential =
                (Map<String, Object>) realm.document("nora").get("credential");
        assertThat(credential).isNotEqualTo(oldCredential);
        assertThat(credential.toString()).doesNotContain("Nora-pass");
        HttpJson.Answer oldPassword = realm.passwordGrant("nora", "Nora-pass-one");
        assertThat(oldPassword.status()).isIn(400, 401);
        assertThat(oldPassword.body().path("error").asText()).isEqualTo("invalid_grant");
        assertThat(realm.passwordGrant("nora", "Nora-pass-two").status()).isEqualTo(200);
    }

    /** The text of a (multipart) mail: Keycloak sends a plain-text and an HTML part. */
    private static String text(Object content) throws Exception {
        if (content instanceof Multipart multipart) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                text.append(text(part.getContent())).append('\n');
            }
            return text.toString();
        }
        return String.valueOf(content);
    }
}
