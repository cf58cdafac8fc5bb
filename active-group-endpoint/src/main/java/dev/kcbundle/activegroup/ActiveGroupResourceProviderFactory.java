package dev.kcbundle.activegroup;

import java.util.Map;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Registers the active-group endpoint under {@code /realms/{realm}/active-group}. */
public class ActiveGroupResourceProviderFactory
        implements RealmResourceProviderFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "active-group";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new ActiveGroupResourceProvider(session);
    }

    @Override
    public void init(Config.Scope config) {}

    @Override
    public void postInit(KeycloakSessionFactory factory) {}

    @Override
    public void close() {}

    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of("path", "/realms/{realm}/" + ID, "methods", String.join(", ", CorsPolicy.METHODS));
    }
}
