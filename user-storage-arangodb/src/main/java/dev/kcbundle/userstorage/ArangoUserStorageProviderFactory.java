package dev.kcbundle.userstorage;

import dev.kcbundle.userstorage.arango.ArangoClients;
import dev.kcbundle.userstorage.arango.ArangoUserStore;
import dev.kcbundle.userstorage.arango.ConfigProblem;
import dev.kcbundle.userstorage.arango.ConnectionCheck;
import dev.kcbundle.userstorage.arango.DerivedFieldsCheck;
import dev.kcbundle.userstorage.document.MappedField;
import io.micrometer.core.instrument.Metrics;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.storage.UserStorageProvider.EditMode;
import org.keycloak.storage.UserStorageProviderFactory;
import org.keycloak.storage.UserStorageProviderModel;
import org.keycloak.storage.user.ImportSynchronization;
import org.keycloak.storage.user.SynchronizationResult;

/**
 * User federation "arangodb": the users of a realm (tenant) live in an ArangoDB collection. Configured in the admin
 * console under User federation, within the operator's rules ({@link ConnectionPolicy}, SPI options read in
 * {@link #init}); one driver client per component, shared by all sessions.
 */
public class ArangoUserStorageProviderFactory
        implements UserStorageProviderFactory<ArangoUserStorageProvider>,
                ImportSynchronization,
                ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "arangodb";
    /**
     * Keys of Keycloak's own console that its German messages (26.7.3) lack, so a German admin would read English on a
     * federation's page: the alert titles over a refused create or save (before the provider's German refusal), the
     * note that a sync started and the title over a failed sync, the breadcrumb "Provider details", the cache settings'
     * labels. This jar's German
     * messages hold them (a Keycloak that translates them wins over provider jars).
     */
    public static final Set<String> KEYCLOAK_KEYS_IN_GERMAN = Set.of(
            "createUserProviderError",
            "userProviderSaveError",
            "syncUsersStarted",
            "syncUsersError",
            "providerDetails",
            "maxLifespan",
            "ms",
            "evictionDay",
            "evictionMinute",
            "evictionHourHelp",
            "selectEvictionDay",
            "selectEvictionHour",
            "selectEvictionMinute");
    /** Keycloak's component type metadata key that makes the console offer periodic sync settings. */
    static final String SYNCHRONIZABLE = "synchronizable";

    private static final Logger LOG = Logger.getLogger(ArangoUserStorageProviderFactory.class);

    private ConnectionPolicy policy = ConnectionPolicy.defaults();
    private ArangoClients clients = new ArangoClients(policy.createDatabase(), Metrics.globalRegistry);

    /** The operator's SPI options ({@code --spi-storage--arangodb--<option>}, see {@link #getConfigMetadata}). */
    @Override
    public void init(Config.Scope config) {
        policy = ConnectionPolicy.from(config);
        // Keycloak's own meters (e.g. its user event metrics) go to Micrometer's global registry, which Keycloak
        // exposes on /metrics of the management port when metrics are enabled; without, the meters cost nothing.
        clients = new ArangoClients(policy.createDatabase(), Metrics.globalRegistry);
        LOG.infof(
                "ArangoDB user federation: %d allowed host pattern(s), %d allowed user pattern(s), database "
                        + "creation %s, TLS %s",
                policy.allowedHosts().size(),
                policy.allowedUsers().size(),
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

    /**
     * The form of the admin console. Labels and help texts are message keys: the console translates them with the
     * admin theme's messages, to which this jar adds {@code theme-resources/messages/messages_<locale>.properties}.
     * The user has no default: the form leads to the tenant's own account ({@code kc_<realm>}), never to root. After
     * the connection, the document mapping ({@link MappedField}): which attribute holds each part of a user.
     */
    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        ProviderConfigurationBuilder form = ProviderConfigurationBuilder.create()
                .property()
                .name(ArangoStorageConfig.HOSTS)
                .label("arangodbHosts")
                .helpText("arangodbHostsHelp")
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue("localhost:8529")
                .required(true)
                .add()
                .property()
                .name(ArangoStorageConfig.USE_TLS)
                .label("arangodbUseTls")
                .helpText("arangodbUseTlsHelp")
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue("false")
                .add()
                .property()
                .name(ArangoStorageConfig.PROTOCOL)
                .label("arangodbProtocol")
                .helpText("arangodbProtocolHelp")
                .type(ProviderConfigProperty.LIST_TYPE)
                .options(ArangoStorageConfig.PROTOCOLS.stream().map(Enum::name).toList())
                .defaultValue(ArangoStorageConfig.DEFAULT_PROTOCOL.name())
                .add()
                .property()
                .name(ArangoStorageConfig.USER)
                .label("arangodbUser")
                .helpText("arangodbUserHelp")
                .type(ProviderConfigProperty.STRING_TYPE)
                .required(true)
                .add()
                .property()
                .name(ArangoStorageConfig.PASSWORD)
                .label("arangodbPassword")
                .helpText("arangodbPasswordHelp")
                .type(ProviderConfigProperty.PASSWORD)
                .secret(true)
                .add()
                .property()
                .name(ArangoStorageConfig.DATABASE)
                .label("arangodbDatabase")
                .helpText("arangodbDatabaseHelp")
                .type(ProviderConfigProperty.STRING_TYPE)
                .required(true)
                .add()
                .property()
                .name(ArangoStorageConfig.USERS_COLLECTION)
                .label("arangodbUsersCollection")
                .helpText("arangodbUsersCollectionHelp")
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(ArangoStorageConfig.DEFAULT_USERS_COLLECTION)
                .add()
                .property()
                .name(ArangoStorageConfig.EDIT_MODE)
                .label("arangodbEditMode")
                .helpText("arangodbEditModeHelp")
                .type(ProviderConfigProperty.LIST_TYPE)
                .options(EditMode.WRITABLE.name(), EditMode.READ_ONLY.name())
                .defaultValue(EditMode.WRITABLE.name())
                .add();
        // the document mapping: one field per mapped part of a user, the provider's own shape as default
        for (MappedField field : MappedField.values()) {
            form.property()
                    .name(field.configKey())
                    .label(ArangoStorageConfig.labelKey(field))
                    .helpText(ArangoStorageConfig.labelKey(field) + "Help")
                    .type(ProviderConfigProperty.STRING_TYPE)
                    .defaultValue(field.defaultAttribute())
                    .add();
        }
        return form.build();
    }

    /** Server-wide options, set by the operator; listed by Keycloak's provider configuration tooling. */
    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property()
                .name(ConnectionPolicy.ALLOWED_HOSTS)
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Comma-separated host:port patterns ('*' matches any characters, a pattern without port "
                        + "allows every port) of the ArangoDB servers realm admins may configure")
                .defaultValue(ConnectionPolicy.DEFAULT_ALLOWED_HOSTS)
                .add()
                .property()
                .name(ConnectionPolicy.ALLOWED_USERS)
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Comma-separated patterns ('*' matches any characters, case-sensitive) of the ArangoDB "
                        + "user names realm admins may configure; any other user is refused before a password is sent")
                .defaultValue(ConnectionPolicy.DEFAULT_ALLOWED_USERS)
                .add()
                .property()
                .name(ConnectionPolicy.CREATE_DATABASE)
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .helpText("Whether a federation may use a database that does not exist yet: saving accepts it "
                        + "(it only checks), the federation's first use creates it")
                .defaultValue(false)
                .add()
                .property()
                .name(ConnectionPolicy.REQUIRE_TLS)
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .helpText("Whether every federation must connect to ArangoDB with TLS")
                .defaultValue(false)
                .add()
                .build();
    }

    /**
     * The options in effect, for the admin console's provider info (which realm admins see too): the host and user
     * patterns are only counted, so nobody learns from here which internal hosts or accounts exist.
     */
    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of(
                ConnectionPolicy.ALLOWED_HOSTS,
                policy.allowedHosts().size() + " pattern(s)",
                ConnectionPolicy.ALLOWED_USERS,
                policy.allowedUsers().size() + " pattern(s)",
                ConnectionPolicy.CREATE_DATABASE,
                Boolean.toString(policy.createDatabase()),
                ConnectionPolicy.REQUIRE_TLS,
                Boolean.toString(policy.requireTls()));
    }

    /**
     * Bounds the user cache ({@link CacheLifespanDefault}); refuses what breaks the operator's rules or the password
     * re-entry rule before anything is sent, then connects to each host ({@link ConnectionCheck}, seconds at most):
     * names an unknown or unreachable host, a TLS mismatch, rejected credentials, no access to the database or a
     * missing database, in the admin's language ({@link ConfigProblem}); a READ_ONLY federation is refused while
     * documents of its collection lack the provider's derived fields ({@link DerivedFieldsCheck}). Only checks: nothing
     * is created in ArangoDB (a missing database the operator lets this server create is created on first use). The
     * password is saved in its marked form ({@link PasswordReentryRule}).
     */
    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model)
            throws ComponentValidationException {
        CacheLifespanDefault.apply(model);
        ArangoStorageConfig config;
        try {
            config = ArangoStorageConfig.from(model);
        } catch (ArangoStorageConfig.InvalidConfigException e) {
            throw e.exception(session, AdminLanguage.of(session));
        }
        refuse(policy.problem(config.connection()));
        // on update, realm still holds the saved component: Keycloak validates before it writes
        ComponentModel saved = model.getId() == null ? null : realm.getComponent(model.getId());
        if (saved != null) {
            refuse(PasswordReentryRule.problem(saved, model));
        }
        ConfigProblem unusable = new ConnectionCheck(config.connection(), policy.createDatabase()).problem();
        if (unusable == null && !config.writable()) {
            unusable = new DerivedFieldsCheck(config.connection()).problem();
        }
        if (unusable != null) {
            throw unusable.exception(session, AdminLanguage.of(session));
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
        return new ArangoUserStorageProvider(
                session, model, config, store(session.realms().getRealm(model.getParentId()), model, config));
    }

    /** The component's store, its metrics and log lines named by the realm's and component's names (ids without). */
    private ArangoUserStore store(RealmModel realm, ComponentModel model, ArangoStorageConfig config) {
        String realmName = realm == null ? model.getParentId() : realm.getName();
        String componentName = Objects.requireNonNullElse(model.getName(), model.getId());
        return clients.store(
                model.getId(), config.connection(), config.mapping(), config.writable(), realmName, componentName);
    }

    @Override
    public void onUpdate(KeycloakSession session, RealmModel realm, ComponentModel oldModel, ComponentModel newModel) {
        clients.release(oldModel.getId());
    }

    /** The component goes away; its ArangoDB data stays untouched. */
    @Override
    public void preRemove(KeycloakSession session, RealmModel realm, ComponentModel model) {
        LOG.infof(
                "ArangoDB user federation %s removed from realm %s; its ArangoDB data is kept",
                model.getName(), realm.getName());
        clients.release(model.getId());
    }

    /**
     * "Sync all users" in the admin console: nothing is imported; every document is checked and the realm's cached
     * users are dropped ({@link FederationSync}). The answer says so ({@link SyncAnswer}), also when ArangoDB fails.
     */
    @Override
    public SynchronizationResult sync(
            KeycloakSessionFactory sessionFactory, String realmId, UserStorageProviderModel model) {
        return runSync(
                sessionFactory,
                realmId,
                model,
                (sync, config) -> sync.checkAll(config, store(sync.realm(), model, config)));
    }

    /** "Sync changed users": nothing is imported; the realm's cached users are dropped. */
    @Override
    public SynchronizationResult syncSince(
            Date lastSync, KeycloakSessionFactory sessionFactory, String realmId, UserStorageProviderModel model) {
        return runSync(sessionFactory, realmId, model, (sync, config) -> sync.changedUsers());
    }

    private static SynchronizationResult runSync(
            KeycloakSessionFactory sessionFactory,
            String realmId,
            UserStorageProviderModel model,
            BiFunction<FederationSync, ArangoStorageConfig, SyncAnswer> action) {
        try {
            return KeycloakModelUtils.runJobInTransactionWithResult(sessionFactory, session -> {
                RealmModel realm = session.realms().getRealm(realmId);
                session.getContext().setRealm(realm);
                return action.apply(new FederationSync(session, realm), ArangoStorageConfig.from(model));
            });
        } catch (ModelException | ArangoStorageConfig.InvalidConfigException e) {
            LOG.warnf("ArangoDB user federation %s: sync not done: %s", model.getName(), e.getMessage());
            return SyncAnswer.notDone(e.getMessage());
        }
    }

    /** No periodic sync settings in the console's form: there is nothing to import on a schedule. */
    @Override
    public Map<String, Object> getTypeMetadata() {
        Map<String, Object> metadata = new HashMap<>(UserStorageProviderFactory.super.getTypeMetadata());
        metadata.put(SYNCHRONIZABLE, false);
        return metadata;
    }

    @Override
    public void close() {
        clients.close();
    }
}
