package dev.kcbundle.userstorage;

import java.util.List;
import java.util.Map;

import dev.kcbundle.userstorage.arango.ArangoClients;
import dev.kcbundle.userstorage.arango.ConnectionCheck;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.storage.UserStorageProvider.EditMode;
import org.keycloak.storage.UserStorageProviderFactory;

/**
 * User federation "arangodb": the users of a realm (tenant) live in an ArangoDB collection. Configured in the admin
 * console under User federation, within the operator's rules ({@link ConnectionPolicy}, SPI options read in
 * {@link #init}); one driver client per component, shared by all sessions.
 */
public class ArangoUserStorageProviderFactory implements UserStorageProviderFactory<ArangoUserStorageProvider>,
        ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "arangodb";
    private static final Logger LOG = Logger.getLogger(ArangoUserStorageProviderFactory.class);

    private ConnectionPolicy policy = ConnectionPolicy.defaults();
    private ArangoClients clients = new ArangoClients(policy.createDatabase());

    /** The operator's SPI options ({@code --spi-storage--arangodb--<option>}, see {@link #getConfigMetadata}). */
    @Override
    public void init(Config.Scope config) {
        policy = ConnectionPolicy.from(config);
        clients = new ArangoClients(policy.createDatabase());
        LOG.infof("ArangoDB user federation: %d allowed host pattern(s), %d allowed user pattern(s), database "
                        + "creation %s, TLS %s", policy.allowedHosts().size(), policy.allowedUsers().size(),
                policy.createDatabase() ? "allowed" : "off",
                policy.requireTls() ? "required" : "optional");
    }

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

    /** Server-wide options, set by the operator; listed by Keycloak's provider configuration tooling. */
    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(ConnectionPolicy.ALLOWED_HOSTS).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Comma-separated host:port patterns ('*' matches any characters, a pattern without port "
                        + "allows every port) of the ArangoDB servers realm admins may configure")
                .defaultValue(ConnectionPolicy.DEFAULT_ALLOWED_HOSTS).add()
                .property().name(ConnectionPolicy.ALLOWED_USERS).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Comma-separated patterns ('*' matches any characters, case-sensitive) of the ArangoDB "
                        + "user names realm admins may configure; any other user is refused before a password is sent")
                .defaultValue(ConnectionPolicy.DEFAULT_ALLOWED_USERS).add()
                .property().name(ConnectionPolicy.CREATE_DATABASE).type(ProviderConfigProperty.BOOLEAN_TYPE)
                .helpText("Whether saving a federation (and its first use) may create a database that does not exist")
                .defaultValue(false).add()
                .property().name(ConnectionPolicy.REQUIRE_TLS).type(ProviderConfigProperty.BOOLEAN_TYPE)
                .helpText("Whether every federation must connect to ArangoDB with TLS")
                .defaultValue(false).add()
                .build();
    }

    /**
     * The options in effect, for the admin console's provider info (which realm admins see too): the host and user
     * patterns are only counted, so nobody learns from here which internal hosts or accounts exist.
     */
    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of(ConnectionPolicy.ALLOWED_HOSTS, policy.allowedHosts().size() + " pattern(s)",
                ConnectionPolicy.ALLOWED_USERS, policy.allowedUsers().size() + " pattern(s)",
                ConnectionPolicy.CREATE_DATABASE, Boolean.toString(policy.createDatabase()),
                ConnectionPolicy.REQUIRE_TLS, Boolean.toString(policy.requireTls()));
    }

    /**
     * Bounds the user cache ({@link CacheLifespanDefault}); refuses what breaks the operator's rules or the password
     * re-entry rule before anything is sent, then connects to each host ({@link ConnectionCheck}, seconds at most):
     * names an unknown or unreachable host, a TLS mismatch, rejected credentials, no access to the database or a
     * missing database, in the admin's language ({@link ConfigProblem}). The password is saved in its marked form
     * ({@link PasswordReentryRule}).
     */
    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model)
            throws ComponentValidationException {
        CacheLifespanDefault.apply(model);
        ArangoStorageConfig config;
        try {
            config = ArangoStorageConfig.from(model);
        } catch (ArangoStorageConfig.InvalidConfigException e) {
            throw e.problem().exception(session);
        }
        refuse(policy.problem(config));
        // on update, realm still holds the saved component: Keycloak validates before it writes
        ComponentModel saved = model.getId() == null ? null : realm.getComponent(model.getId());
        if (saved != null) {
            refuse(PasswordReentryRule.problem(saved, model));
        }
        ConfigProblem unusable = new ConnectionCheck(config, policy.createDatabase()).problem();
        if (unusable != null) {
            throw unusable.exception(session);
        }
        PasswordReentryRule.markStored(model);
    }

    private static void refuse(String problem) {
        if (problem != null) {
            throw ConfigProblem.text(problem).exception();
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
