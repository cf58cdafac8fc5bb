package dev.kcbundle.it;

import dev.kcbundle.userstorage.ArangoStorageConfig;
import dev.kcbundle.userstorage.ArangoUserStorageProviderFactory;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.storage.CacheableStorageProviderModel;
import org.keycloak.storage.UserStorageProvider;
import org.keycloak.storage.UserStorageProviderModel;

/**
 * A realm's {@code arangodb} user federation as the admin console saves it, in the provider's own words: its provider
 * id and config keys come from the provider's classes, the component type from Keycloak's.
 */
public final class Federation {

    /** The component type of user federations ({@code org.keycloak.storage.UserStorageProvider}). */
    public static final String COMPONENT_TYPE = UserStorageProvider.class.getName();

    public static final String PROVIDER_ID = ArangoUserStorageProviderFactory.PROVIDER_ID;

    private Federation() {}

    /**
     * Adds an {@code arangodb} federation to {@code realm} through the admin API (the console's "Add provider"; the
     * provider checks the connection on save) and returns its id.
     *
     * @param account the realm's own ArangoDB account, read/write on {@code database}
     */
    public static String add(
            RealmResource realm,
            String hosts,
            KeycloakTestServer.TenantAccount account,
            String database,
            UserStorageProvider.EditMode editMode,
            CacheableStorageProviderModel.CachePolicy cachePolicy) {
        ComponentRepresentation component = new ComponentRepresentation();
        component.setName("ArangoDB users");
        component.setProviderId(PROVIDER_ID);
        component.setProviderType(COMPONENT_TYPE);
        component.setParentId(realm.toRepresentation().getId());
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        config.putSingle(ArangoStorageConfig.HOSTS, hosts);
        config.putSingle(ArangoStorageConfig.USE_TLS, "false");
        config.putSingle(
                ArangoStorageConfig.PROTOCOL,
                KeycloakTestServer.shared().arango().protocol());
        config.putSingle(ArangoStorageConfig.USER, account.user());
        config.putSingle(ArangoStorageConfig.PASSWORD, account.password());
        config.putSingle(ArangoStorageConfig.DATABASE, database);
        config.putSingle(ArangoStorageConfig.USERS_COLLECTION, ArangoStorageConfig.DEFAULT_USERS_COLLECTION);
        config.putSingle(ArangoStorageConfig.EDIT_MODE, editMode.name());
        config.putSingle(CacheableStorageProviderModel.CACHE_POLICY, cachePolicy.name());
        config.putSingle(UserStorageProviderModel.ENABLED, "true");
        config.putSingle(UserStorageProviderModel.PRIORITY, "0");
        component.setConfig(config);
        try (Response response = realm.components().add(component)) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException(
                        "arangodb federation: HTTP " + response.getStatus() + " " + response.readEntity(String.class));
            }
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    /** The realm's {@code arangodb} federation (the first, when it has several). */
    public static ComponentRepresentation arangoDb(RealmResource realm) {
        return of(realm).stream()
                .filter(component -> PROVIDER_ID.equals(component.getProviderId()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no arangodb user federation in realm "
                        + realm.toRepresentation().getRealm()));
    }

    /** The realm's user federations (every provider), as the console's "User federation" page lists them. */
    public static List<ComponentRepresentation> of(RealmResource realm) {
        return realm.components().query(realm.toRepresentation().getId(), COMPONENT_TYPE);
    }

    /** Saves federation {@code id} with {@code settings} changed, as an admin does in the console (password kept). */
    public static void update(RealmResource realm, String id, Map<String, String> settings) {
        ComponentRepresentation component = realm.components().component(id).toRepresentation();
        settings.forEach(component.getConfig()::putSingle);
        realm.components().component(id).update(component);
    }
}
