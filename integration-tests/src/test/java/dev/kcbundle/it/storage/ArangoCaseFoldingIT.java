package dev.kcbundle.it.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kcbundle.it.TestRealm;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.storage.UserStorageProvider.EditMode;

/**
 * Usernames and emails match case-insensitively exactly as for Keycloak's own users: the same names (German sharp s,
 * Turkish dotted and dotless i, the Kelvin sign) are created, logged in with (password grant, by username and by
 * email, in many spellings) and collide in a realm whose users live in Keycloak's database and in a realm whose users
 * live in ArangoDB; every answer must be the same in both.
 */
class ArangoCaseFoldingIT {

    private static final Logger LOG = Logger.getLogger(ArangoCaseFoldingIT.class);
    private static final String PASSWORD = "Fold-pass-1";
    private static final String KELVIN = "\u212A";
    private static final String DOTTED_I = "\u0130";
    private static final String COMBINING_DOT = "\u0307";

    /** username, email */
    private static final List<List<String>> USERS = List.of(
            List.of("Straße", "Straße@Example.org"),
            List.of(DOTTED_I + "stanbul", DOTTED_I + "nci@example.org"),
            List.of("ısparta", "ılgaz@example.org"),
            List.of(KELVIN + "elvin", KELVIN + "elvin@example.org"),
            List.of("Isa", "ISA@example.org"));

    private static final List<String> LOGINS = List.of(
            "straße",
            "STRAßE",
            "Straße",
            "strasse",
            "STRASSE",
            "straße@example.org",
            "STRAßE@EXAMPLE.ORG",
            "strasse@example.org",
            DOTTED_I + "stanbul",
            "i" + COMBINING_DOT + "stanbul",
            "istanbul",
            "ISTANBUL",
            "ıstanbul",
            DOTTED_I + "nci@example.org",
            "i" + COMBINING_DOT + "nci@example.org",
            "inci@example.org",
            "ısparta",
            "ISPARTA",
            "isparta",
            "ılgaz@example.org",
            "ILGAZ@example.org",
            "ilgaz@example.org",
            "kelvin",
            "KELVIN",
            KELVIN + "elvin",
            KELVIN + "ELVIN",
            "kelvin@example.org",
            KELVIN + "elvin@example.org",
            "isa",
            "ISA",
            "ısa",
            DOTTED_I + "SA",
            "isa@example.org",
            "ISA@EXAMPLE.ORG",
            "ısa@example.org",
            " kelvin",
            "kelvin ",
            " isa@example.org ");

    /** username, email of a second user each: which of them collide with the first ones (409)? */
    private static final List<List<String>> SECOND_USERS = List.of(
            List.of("STRASSE", "strasse@example.org"),
            List.of("straße", "other-1@example.org"),
            List.of("other-2", "STRAßE@example.org"),
            List.of("KELVIN", "other-3@example.org"),
            List.of("other-4", "kelvin@example.org"),
            List.of("i" + COMBINING_DOT + "stanbul", "other-5@example.org"),
            List.of("istanbul", "other-6@example.org"),
            List.of("ISPARTA", "other-7@example.org"),
            List.of("other-8", "ILGAZ@example.org"),
            List.of("ISA", "other-9@example.org"),
            List.of("other-10", "isa@example.org"));

    @RegisterExtension
    static final TestRealm keycloakUsers = TestRealm.blank("fold-local").withArangoUsers(EditMode.READ_ONLY);

    @RegisterExtension
    static final TestRealm arangoUsers = TestRealm.blank("fold-arango").withArangoUsers(EditMode.WRITABLE);

    @Test
    void creationLoginAndCollisionsAnswerTheSameAsForKeycloaksOwnUsers() {
        Map<String, Integer> local = run(keycloakUsers);
        Map<String, Integer> arango = run(arangoUsers);
        LOG.infof("Keycloak's own users: %s", local);
        LOG.infof("ArangoDB users:       %s", arango);

        assertThat(arangoUsers.document("kelvin"))
                .as("the ArangoDB realm really stores its users in ArangoDB")
                .isNotNull();
        assertThat(keycloakUsers.document("kelvin")).isNull();
        assertThat(arango).isEqualTo(local);
        // what Keycloak itself does with these names (String.toLowerCase(), nothing trimmed): the Kelvin sign folds to
        // k, ß and the dotless ı stay, a plain I becomes i; an unknown user is 400 invalid_grant
        assertThat(local)
                .containsEntry("create " + KELVIN + "elvin", 201)
                .containsEntry("login kelvin", 200)
                .containsEntry("login KELVIN", 200)
                .containsEntry("login kelvin@example.org", 200)
                .containsEntry("login strasse", 400)
                .containsEntry("login STRAßE", 200)
                .containsEntry("login isparta", 400)
                .containsEntry("login ısparta", 200)
                .containsEntry("login isa", 200)
                .containsEntry("login ısa", 400)
                .containsEntry("login  kelvin", 400)
                .containsEntry("login  isa@example.org ", 400)
                .containsEntry("create KELVIN", 409)
                .containsEntry("create other-4", 409)
                .containsEntry("create STRASSE", 201)
                .containsEntry("create ISPARTA", 201);
    }

    /** Creates the users, tries every login, creates the second users: status by step. */
    private static Map<String, Integer> run(TestRealm realm) {
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (List<String> user : USERS) {
            answers.put("create " + user.get(0), create(realm, user.get(0), user.get(1)));
        }
        for (String login : LOGINS) {
            answers.put("login " + login, realm.passwordGrant(login, PASSWORD).status());
        }
        for (List<String> user : SECOND_USERS) {
            answers.put("create " + user.get(0), create(realm, user.get(0), user.get(1)));
        }
        return answers;
    }

    private static int create(TestRealm realm, String username, String email) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(email);
        user.setFirstName("First");
        user.setLastName("Last");
        user.setEnabled(true);
        user.setEmailVerified(true);
        user.setCredentials(List.of(dev.kcbundle.it.AdminUsers.password(PASSWORD)));
        try (Response response = realm.admin().users().create(user)) {
            return response.getStatus();
        }
    }
}
