package dev.kcbundle.userstorage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kcbundle.userstorage.document.DocumentMapping;
import dev.kcbundle.userstorage.document.UserDocument;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.keycloak.models.credential.PasswordCredentialModel;

class UserDocumentCheckTest {

    private final UserDocumentCheck check = new UserDocumentCheck(Set.of("pbkdf2-sha512")::contains);

    @Test
    void aDocumentWrittenByTheProviderHasNoProblem() {
        UserDocument user = UserDocument.newUser("k1", "Alice", 1L);
        user.setEmail("Alice@Example.org");
        user.setCredential(password("pbkdf2-sha512"));

        assertThat(check.problems(user)).isEmpty();
    }

    @Test
    void aForeignDocumentLeftWithoutItsNormalizedUsernameOrIdIsNamed() {
        DocumentMapping mapping = DocumentMapping.from(Map.of("mappingId", "id", "mappingPassword", "password")::get);
        Map<String, Object> fields = new LinkedHashMap<>(Map.of("_key", "k9", "username", "Cleo"));
        fields.put("password", "$2b$04$lWK4E4IWjEBpJjIlyEemEezUXAPekhAdJ9fZGsddldf2ik6OsSFhi");
        UserDocument cleo = UserDocument.of(fields, mapping);
        cleo.searchKeysPatch();

        assertThat(check.problems(cleo))
                .containsExactly(
                        "no id (the user id), so Keycloak cannot address the user",
                        "no usernameLower (is there another user whose username differs only in case? rename one), "
                                + "so sign-in by username does not find the user");
    }

    @Test
    void namesEachThingTheProviderCannotServe() {
        Map<String, Object> fields =
                new LinkedHashMap<>(UserDocument.newUser("k2", "Carla", 1L).fields());
        fields.put(UserDocument.USERNAME_LOWER, "karla");
        fields.put(UserDocument.EMAIL, "Carla@Example.org");
        fields.put(UserDocument.CREDENTIAL, password("md5-legacy"));

        assertThat(check.problems(UserDocument.of(fields)))
                .containsExactly(
                        "usernameLower is not the lower-case username, so sign-in by username does not find the user",
                        "emailLower is not the lower-case email, so sign-in by email does not find the user",
                        "the password is hashed with md5-legacy, which this Keycloak cannot verify",
                        "the search keys are out of date, so admin searches may miss the user");
    }

    @Test
    void aMissingUsernameAndAnUnreadablePasswordAreProblems() {
        Map<String, Object> fields = new LinkedHashMap<>(Map.of(
                UserDocument.KEY, "k3", UserDocument.CREDENTIAL, Map.of("type", "password", "secretData", "not json")));

        assertThat(check.problems(UserDocument.of(fields)))
                .contains(
                        "no username, so nobody can sign in as this user",
                        "the password is not in Keycloak's credential form, so the user cannot sign in with it");
    }

    @Test
    void aLegacyHashIsFineWhenTheProviderCanVerifyItsFormat() {
        UserDocument bcrypt = UserDocument.newUser("k4", "Dora", 1L);
        bcrypt.setCredential(Map.of(
                "type",
                "password",
                "createdDate",
                1L,
                "legacyHash",
                "$2b$04$lWK4E4IWjEBpJjIlyEemEezUXAPekhAdJ9fZGsddldf2ik6OsSFhi"));
        UserDocument md5 = UserDocument.newUser("k5", "Emil", 1L);
        md5.setCredential(Map.of("type", "password", "legacyHash", "5f4dcc3b5aa765d61d8327deb882cf99"));

        assertThat(check.problems(bcrypt)).isEmpty();
        assertThat(check.problems(md5))
                .containsExactly("the password hash of the previous application cannot be "
                        + "verified (unknown format hash: not a bcrypt, PBKDF2 (passlib, Django, Werkzeug) or argon2 PHC "
                        + "string), so the user cannot sign in with it");
    }

    private static Map<String, Object> password(String algorithm) {
        PasswordCredentialModel credential =
                PasswordCredentialModel.createFromValues(algorithm, new byte[16], 1000, "aGFzaA==");
        credential.setCreatedDate(1L);
        return StoredPassword.toDocument(credential);
    }
}
