package dev.kcbundle.userstorage;

import java.util.List;

import dev.kcbundle.userstorage.arango.ArangoClients;
import dev.kcbundle.userstorage.arango.ConnectionCheck;
import org.jboss.logging.Logger;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.storage.UserStorageProvider.EditMode;
import org.keycloak.storage.UserStorageProviderFactory;

/**
 * User federation "arangodb": the users of a realm (tenant) live in an ArangoDB collection. Configured in the admin
 * console under User federation; one driver client per component, shared by all sessions.
 */
public class ArangoUserStorageProviderFactory implements UserStorageProviderFactory<ArangoUserStorageProvider> {

    public static final String PROVIDER_ID = "arangodb";
    private static final Logger LOG = Logger.getLogger(ArangoUserStorageProviderFactory.class);

    private final ArangoClients clients = new ArangoClients();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Users, passwords, group memberships and role mappings of this realm kept in an ArangoDB collection";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(ArangoStorageConfig.HOSTS).label("ArangoDB hosts")
                .helpText("Comma-separated host:port list of the ArangoDB coordinators or single server, e.g. arangodb:8529")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("localhost:8529").required(true).add()
                .property().name(ArangoStorageConfig.USE_TLS).label("Use TLS")
                .helpText("Connect with HTTPS; the server certificate must be trusted by Keycloak's truststore")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
                .property().name(ArangoStorageConfig.USER).label("ArangoDB user")
                .helpText("User Keycloak signs in to ArangoDB with (HTTP basic authentication)")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(ArangoStorageConfig.DEFAULT_USER).required(true).add()
                .property().name(ArangoStorageConfig.PASSWORD).label("ArangoDB password")
                .helpText("Password of the ArangoDB user; stored as a secret and never shown again")
                .type(ProviderConfigProperty.PASSWORD).secret(true).add()
                .property().name(ArangoStorageConfig.DATABASE).label("Database")
                .helpText("ArangoDB database holding this realm's users; created on first use when the user may")
                .type(ProviderConfigProperty.STRING_TYPE).required(true).add()
                .property().name(ArangoStorageConfig.USERS_COLLECTION).label("Users collection")
                .helpText("Document collection of the users; created with its unique indexes on first use")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(ArangoStorageConfig.DEFAULT_USERS_COLLECTION).add()
                .property().name(ArangoStorageConfig.EDIT_MODE).label("Edit mode")
                .helpText("WRITABLE: registration, profile, password, group and role changes are written to ArangoDB. "
                        + "READ_ONLY: ArangoDB is never written; edits are rejected with an error")
                .type(ProviderConfigProperty.LIST_TYPE)
                .options(EditMode.WRITABLE.name(), EditMode.READ_ONLY.name())
                .defaultValue(EditMode.WRITABLE.name()).add()
                .build();
    }

    /**
     * Bounds the user cache ({@link CacheLifespanDefault}), checks the values, then connects: names an unreachable
     * host, rejected credentials or a missing database.
     */
    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model)
            throws ComponentValidationException {
        CacheLifespanDefault.apply(model);
        ArangoStorageConfig config;
        try {
            config = ArangoStorageConfig.from(model);
        } catch (ArangoStorageConfig.InvalidConfigException e) {
            throw new ComponentValidationException(e.getMessage());
        }
        String problem = new ConnectionCheck(config).problem();
        if (problem != null) {
            throw new ComponentValidationException(problem);
        }
    }

    @Override
    public ArangoUserStorageProvider create(KeycloakSession session, ComponentModel model) {
        ArangoStorageConfig config = ArangoStorageConfig.from(model);
        return new ArangoUserStorageProvider(session, model, config, clients.store(model.getId(), config));
    }

    @Override
    public void onUpdate(KeycloakSession session, RealmModel realm, ComponentModel oldModel, ComponentModel newModel) {
        clients.release(oldModel.getId());
    }

    /** The component goes away; its ArangoDB data stays untouched. */
    @Override
    public void preRemove(KeycloakSession session, RealmModel realm, ComponentModel model) {
        LOG.infof("ArangoDB user federation %s removed from realm %s; its ArangoDB data is kept", model.getName(),
                realm.getName());
        clients.release(model.getId());
    }

    @Override
    public void close() {
        clients.close();
    }
}
