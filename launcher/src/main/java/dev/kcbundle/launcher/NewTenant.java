package dev.kcbundle.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.jboss.logging.Logger;

/**
 * Creates one more tenant realm from {@code realm-export.json} on a running Keycloak, with its own ArangoDB database
 * (named like the realm):
 * <pre>
 * KC_ADMIN_PASSWORD=... java -cp launcher/target/keycloak-launcher.jar dev.kcbundle.launcher.NewTenant \
 *     --realm globex [--display-name "Globex"] [--server http://localhost:8080] [--template realm-export.json]
 * </pre>
 * ArangoDB connection placeholders are resolved from this process's environment ({@code ARANGODB_HOSTS},
 * {@code ARANGODB_USER}, {@code ARANGODB_PASSWORD}) exactly as Keycloak resolves them at import.
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
            throw new IllegalArgumentException("Set KC_ADMIN_PASSWORD to the password of admin user '" + adminUser + "'");
        }
        RealmTemplate template = RealmTemplate.load(Path.of(options.get("template", "realm-export.json")));
        boolean created = create(AdminApi.signIn(server, adminUser, adminPassword), template, realm,
                options.get("display-name", realm), System.getenv());
        if (!created) {
            LOG.errorf("Realm '%s' already exists at %s: nothing changed", realm, server);
            System.exit(1);
        }
        LOG.infof("Tenant realm '%s' created at %s/realms/%s (users in ArangoDB database '%s')",
                realm, server, realm, realm);
    }

    /** Creates the tenant realm; false when a realm of that name exists already (it is left as it is). */
    public static boolean create(AdminApi admin, RealmTemplate template, String realm, String displayName,
                                 Map<String, String> variables) throws IOException {
        return admin.post("", template.forTenant(realm, displayName, variables), "Creating realm " + realm) != 409;
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
