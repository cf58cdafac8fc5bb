package dev.kcbundle.activegroup;

import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Records changes of the active group as user events.
 *
 * <p>Type {@link EventType#UPDATE_PROFILE}: the user changes an attribute of their own, which is what Keycloak records
 * for self-service attribute changes (the event type is a closed enum, so a custom type is not possible). Event
 * listeners, the admin console's Events tab and audits already handle it; detail {@code context=ACTIVE_GROUP} tells it
 * apart, and {@code previous_active_group} / {@code updated_active_group} (each left out when there is none) follow
 * Keycloak's previous_/updated_ naming.
 * Refused changes (not a member, unknown group) are recorded as {@code UPDATE_PROFILE_ERROR}.
 */
final class ActiveGroupEvents {

    static final String CONTEXT = "ACTIVE_GROUP";
    static final String PREVIOUS = Details.PREF_PREVIOUS + "active_group";
    static final String UPDATED = Details.PREF_UPDATED + "active_group";

    private ActiveGroupEvents() {}

    static EventBuilder forCaller(KeycloakSession session, Caller caller) {
        RealmModel realm = session.getContext().getRealm();
        EventBuilder event = new EventBuilder(
                        realm, session, session.getContext().getConnection())
                .event(EventType.UPDATE_PROFILE)
                .user(caller.user())
                .detail(Details.CONTEXT, CONTEXT);
        if (caller.clientId() != null) {
            event.client(caller.clientId());
        }
        if (caller.userSessionId() != null) {
            event.session(caller.userSessionId());
        }
        return event;
    }
}
