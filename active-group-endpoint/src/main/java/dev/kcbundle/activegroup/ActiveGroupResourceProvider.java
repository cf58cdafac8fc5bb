package dev.kcbundle.activegroup;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

/** Hands Keycloak the JAX-RS resource served at {@code /realms/{realm}/active-group}. */
public class ActiveGroupResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;

    public ActiveGroupResourceProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        return new ActiveGroupResource(session);
    }

    @Override
    public void close() {}
}
