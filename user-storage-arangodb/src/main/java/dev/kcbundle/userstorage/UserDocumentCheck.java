package dev.kcbundle.userstorage;

import dev.kcbundle.userstorage.document.MappedField;
import dev.kcbundle.userstorage.document.UserDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * What the provider needs of one user document to serve it: an id (when the federation's mapping keeps it in an
 * attribute other than {@code _key}), a username, the lower-case copies of username and email its unique indexes find
 * users by, a password in Keycloak's credential form hashed with an algorithm this Keycloak
 * has, and current search keys. {@link #problems} names what is missing, in an admin's words.
 */
final class UserDocumentCheck {

    private final Predicate<String> hashAlgorithmAvailable;

    UserDocumentCheck(Predicate<String> hashAlgorithmAvailable) {
        this.hashAlgorithmAvailable = hashAlgorithmAvailable;
    }

    /** Empty when the provider can serve the document as it is. */
    List<String> problems(UserDocument document) {
        List<String> problems = new ArrayList<>();
        if (document.id() == null) {
            problems.add("no " + document.mapping().attribute(MappedField.ID) + " (the user id), so Keycloak cannot "
                    + "address the user");
        }
        String username = document.username();
        Object usernameLower = document.fields().get(UserDocument.USERNAME_LOWER);
        if (username == null || username.isBlank()) {
            problems.add("no username, so nobody can sign in as this user");
        } else if (usernameLower == null) {
            problems.add("no " + UserDocument.USERNAME_LOWER + " (is there another user whose username differs only "
                    + "in case? rename one), so sign-in by username does not find the user");
        } else if (!Objects.equals(UserDocument.normalize(username), usernameLower)) {
            problems.add(UserDocument.USERNAME_LOWER + " is not the lower-case username, so sign-in by username "
                    + "does not find the user");
        }
        String email = document.email();
        if (email != null
                && !email.isBlank()
                && !Objects.equals(
                        UserDocument.normalize(email), document.fields().get(UserDocument.EMAIL_LOWER))) {
            problems.add(UserDocument.EMAIL_LOWER + " is not the lower-case email, so sign-in by email does not find "
                    + "the user");
        }
        String legacyHash = LegacyPassword.hashOf(document.credential());
        if (legacyHash != null) {
            String problem = LegacyPassword.problem(legacyHash);
            if (problem != null) {
                problems.add("the password hash of the previous application cannot be verified (" + problem
                        + "), so the user cannot sign in with it");
            }
        } else if (document.hasPasswordValue()) {
            String algorithm = passwordAlgorithm(document);
            if (algorithm == null) {
                problems.add("the password is not in Keycloak's credential form, so the user cannot sign in with it");
            } else if (!hashAlgorithmAvailable.test(algorithm)) {
                problems.add("the password is hashed with " + algorithm + ", which this Keycloak cannot verify");
            }
        }
        if (!document.copy().searchKeysPatch().isEmpty()) {
            problems.add("the search keys are out of date, so admin searches may miss the user");
        }
        return problems;
    }

    /** The password's hash algorithm, or null when the stored credential cannot be read. */
    private static String passwordAlgorithm(UserDocument document) {
        try {
            PasswordCredentialModel password = StoredPassword.fromDocument(document.credential());
            return password == null
                    ? null
                    : password.getPasswordCredentialData().getAlgorithm();
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
