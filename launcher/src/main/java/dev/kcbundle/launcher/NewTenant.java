package dev.kcbundle.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Creates one more tenant realm from {@code realm-export.json} on a running Keycloak, with its own ArangoDB database
 * (named like the realm) and its own ArangoDB account {@code kc_<realm>} (generated password, read/write on that
 * database only, see {@link TenantDatabase}) that the realm's federation signs in with:
 * <pre>
 * KC_ADMIN_PASSWORD=... java -cp launcher/target/keycloak-launcher.jar dev.kcbundle.launcher.NewTenant \
 *     --realm globex [--display-name "Globex"] [--server http://localhost:8080] [--template realm-export.json]
 * </pre>
 * {@code ARANGODB_HOSTS}, {@code ARANGODB_USER} and {@code ARANGODB_PASSWORD} (the operator's admin credential) come
 * from this process's environment; the admin credential only provisions the account and never goes into the realm.
 */
public final class NewTenant {

    private static final Logger LOG = Logger.getLogger(NewTenant.class);

    public static void main(String[] args) throws Exception {
        CommandLine options = CommandLine.parse(args);
        String realm = options.required("realm");
        String server = options.get("server", "http://localhost:8080");
        String adminUser = options.get("admin-user", envOr("KC_ADMIN_USER", "admin"));
        String adminPassword = envOr("KC_ADMIN_PASSWORD", System.getenv("KC_BOOTSTRAP_ADMIN_PASSWORD"));
        if (adminPassword == null) {
            throw new IllegalArgumentException(
                    "Set KC_ADMIN_PASSWORD to the password of admin user '" + adminUser + "'");
        }
        RealmTemplate template = RealmTemplate.load(Path.of(options.get("template", "realm-export.json")));
        boolean created = create(
                AdminApi.signIn(server, adminUser, adminPassword),
                template,
                realm,
                options.get("display-name", realm),
                System.getenv());
        if (!created) {
            LOG.errorf("Realm '%s' already exists at %s: nothing changed", realm, server);
            System.exit(1);
        }
        LOG.infof(
                "Tenant realm '%s' created at %s/realms/%s (users in ArangoDB database '%s', account '%s')",
                realm, server, realm, realm, TenantDatabase.userFor(realm));
    }

    /**
     * Creates the tenant realm, its ArangoDB database and account; false when a realm of that name exists already
     * (it and its account are left as they are).
     *
     * @param variables the template's placeholders and the operator's ArangoDB connection: ARANGODB_HOSTS
     *                  (default localhost:8529), ARANGODB_USER (default root), ARANGODB_PASSWORD
     */
    public static boolean create(
            AdminApi admin, RealmTemplate template, String realm, String displayName, Map<String, String> variables)
            throws IOException {
        RealmTemplate.requireValidRealmName(realm); // before anything is created in ArangoDB
        if (!admin.get("/" + AdminApi.urlEncode(realm)).isMissingNode()) {
            return false;
        }
        String tenantUser = TenantDatabase.userFor(realm);
        String tenantPassword = TenantDatabase.newPassword();
        TenantDatabase.provision(
                variables.getOrDefault("ARANGODB_HOSTS", "localhost:8529"),
                variables.getOrDefault("ARANGODB_USER", "root"),
                variables.getOrDefault("ARANGODB_PASSWORD", ""),
                realm,
                tenantUser,
                tenantPassword);
        Map<String, String> tenant = new HashMap<>(variables);
        KeycloakDistribution.OPERATOR_ONLY_VARIABLES.forEach(tenant::remove);
        tenant.put("ARANGODB_TENANT_USER", tenantUser);
        tenant.put("ARANGODB_TENANT_PASSWORD", tenantPassword);
        return admin.post("", template.forTenant(realm, displayName, tenant), "Creating realm " + realm) != 409;
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
