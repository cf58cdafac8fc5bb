package dev.kcbundle.it;

import jakarta.ws.rs.core.Response;
import java.util.List;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** Users made the way an admin makes them (the admin console's "Create user"), so they land where the realm keeps users. */
public final class AdminUsers {

    private AdminUsers() {}

    /** Creates an enabled user with a verified email and, unless null, a non-temporary password; returns its id. */
    public static String create(RealmResource realm, String username, String email, String password) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(email);
        user.setFirstName("First " + username);
        user.setLastName("Last " + username);
        user.setEnabled(true);
        user.setEmailVerified(true);
        if (password != null) {
            user.setCredentials(List.of(password(password)));
        }
        try (Response response = realm.users().create(user)) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException("Creating " + username + ": HTTP " + response.getStatus() + " "
                        + response.readEntity(String.class));
            }
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    /** Creates a user as {@link #create} and makes it the realm's admin (realm-management realm-admin); returns its id. */
    public static String createRealmAdmin(RealmResource realm, String username, String email, String password) {
        String id = create(realm, username, email, password);
        ClientRepresentation management =
                realm.clients().findByClientId("realm-management").get(0);
        RoleRepresentation realmAdmin = realm.clients()
                .get(management.getId())
                .roles()
                .get("realm-admin")
                .toRepresentation();
        realm.users().get(id).roles().clientLevel(management.getId()).add(List.of(realmAdmin));
        return id;
    }

    /** A non-temporary password credential. */
    public static CredentialRepresentation password(String value) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(value);
        credential.setTemporary(false);
        return credential;
    }
}
