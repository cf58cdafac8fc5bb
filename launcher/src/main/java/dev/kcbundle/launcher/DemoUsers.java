package dev.kcbundle.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The demo users of the {@code acme} tenant, created through the admin REST API so they land where the realm keeps
 * its users: in ArangoDB, through the bundle's user storage. Existing users are left as they are. Used by the run
 * command and, in docker-compose, by the one-shot {@code demo-users} service:
 * <pre>
 * KC_ADMIN_PASSWORD=... java -cp keycloak-launcher.jar dev.kcbundle.launcher.DemoUsers [--server http://localhost:8080]
 * </pre>
 * The passwords are public on purpose (README, "Demo users"); never use these accounts outside a demo.
 */
public final class DemoUsers {

    private static final Logger LOG = Logger.getLogger(DemoUsers.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One demo account: where it sits in the acme group tree and which realm roles it holds. */
    public record DemoUser(
            String username,
            String password,
            String email,
            String firstName,
            String lastName,
            String group,
            String realmRole) {}

    public static final List<DemoUser> USERS = List.of(
            new DemoUser(
                    "alice",
                    "alice-demo-2026",
                    "alice@acme.example",
                    "Alice",
                    "Archer",
                    "/staff/teachers/exam-board",
                    "manager"),
            new DemoUser("bob", "bob-demo-2026", "bob@acme.example", "Bob", "Baker", "/staff/office", "employee"));

    public static void main(String[] args) throws IOException {
        CommandLine options = CommandLine.parse(args);
        String adminPassword = System.getenv("KC_ADMIN_PASSWORD");
        if (adminPassword == null) {
            throw new IllegalArgumentException("Set KC_ADMIN_PASSWORD to the Keycloak admin's password");
        }
        create(
                AdminApi.signIn(
                        options.get("server", "http://localhost:8080"),
                        options.get("admin-user", "admin"),
                        adminPassword),
                options.get("realm", DevServer.REALM));
    }

    public static void create(AdminApi admin, String realm) throws IOException {
        for (DemoUser user : USERS) {
            int status =
                    admin.post("/" + realm + "/users", representation(user), "Creating demo user " + user.username());
            if (status == 409) {
                LOG.infof("Demo user '%s' exists already", user.username());
                continue;
            }
            String id = admin.get("/" + realm + "/users?exact=true&username=" + AdminApi.urlEncode(user.username()))
                    .get(0)
                    .get("id")
                    .asText();
            JsonNode role = admin.get("/" + realm + "/roles/" + AdminApi.urlEncode(user.realmRole()));
            admin.post(
                    "/" + realm + "/users/" + id + "/role-mappings/realm",
                    JSON.createArrayNode().add(role),
                    "Granting " + user.realmRole() + " to " + user.username());
            LOG.infof("Demo user '%s' created (group %s, role %s)", user.username(), user.group(), user.realmRole());
        }
    }

    private static ObjectNode representation(DemoUser user) {
        ObjectNode rep = JSON.createObjectNode()
                .put("username", user.username())
                .put("email", user.email())
                .put("emailVerified", true)
                .put("firstName", user.firstName())
                .put("lastName", user.lastName())
                .put("enabled", true);
        rep.putArray("groups").add(user.group());
        rep.putArray("credentials")
                .addObject()
                .put("type", "password")
                .put("value", user.password())
                .put("temporary", false);
        return rep;
    }
}
