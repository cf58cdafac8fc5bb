package dev.kcbundle.activegroup;

import org.keycloak.models.RealmModel;

/** The {@code WWW-Authenticate: Bearer ...} header of a refused request (RFC 6750 section 3). */
final class BearerChallenge {

    private BearerChallenge() {}

    static String of(RealmModel realm, ApiError error) {
        StringBuilder challenge = new StringBuilder("Bearer realm=\"")
                .append(realm.getName())
                .append("\", error=\"")
                .append(error.error())
                .append('"');
        if (ApiError.INSUFFICIENT_SCOPE.equals(error.error())) {
            challenge.append(", scope=\"").append(ActiveGroupScope.NAME).append('"');
        }
        return challenge.toString();
    }
}
