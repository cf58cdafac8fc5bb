package dev.kcbundle.it.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcbundle.arangodb.testserver.FaultyServer;
import dev.kcbundle.it.AdminUsers;
import dev.kcbundle.it.KeycloakTestServer;
import dev.kcbundle.it.TestRealm;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.storage.UserStorageProvider.EditMode;

/**
 * What a tenant admin reads when saving the ArangoDB federation fails (POST and PUT of the admin API's components, as
 * the console's Save does): HTTP 400 and an {@code errorMessage} naming the fault and the host, in English (an admin
 * without a locale) and in German (a tenant admin whose locale is {@code de}, as the console's language menu sets it). Ports that are not a working ArangoDB run in
 * this JVM on {@link KeycloakTestServer#FAULTY_ARANGO_ADDRESS}. How long each answer took is logged, not asserted.
 */
class ArangoConnectionErrorsIT {

    private static final Logger LOG = Logger.getLogger(ArangoConnectionErrorsIT.class);
    private static final String ADMIN_PASSWORD = "Tenant-admin-" + UUID.randomUUID();
    private static final Map<String, Long> MILLIS = new ConcurrentSkipListMap<>();

    @RegisterExtension
    static final TestRealm realm = TestRealm.blank("errors").withArangoUsers(EditMode.READ_ONLY);

    private static Keycloak germanAdmin;
    private static FaultyServer silent;
    private static FaultyServer tlsOnly;

    @BeforeAll
    static void createRealmServersAndAGermanAdmin() throws IOException {
        // READ_ONLY: the German tenant admin is a local Keycloak user
        InetAddress faulty = InetAddress.getByName(KeycloakTestServer.FAULTY_ARANGO_ADDRESS);
        silent = FaultyServer.silent(faulty);
        tlsOnly = FaultyServer.tlsOnly(faulty);

        RealmRepresentation settings = realm.admin().toRepresentation();
        settings.setInternationalizationEnabled(true);
        settings.setSupportedLocales(Set.of("en", "de"));
        settings.setDefaultLocale("en");
        realm.admin().update(settings);
        String adminId = AdminUsers.createRealmAdmin(realm.admin(), "admin-de", "admin-de@example.org", ADMIN_PASSWORD);
        UserRepresentation admin = realm.admin().users().get(adminId).toRepresentation();
        admin.singleAttribute("locale", "de");
        realm.admin().users().get(adminId).update(admin);
        germanAdmin = realm.server().adminClient(realm.name(), "admin-cli", "admin-de", ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() {
        MILLIS.forEach((fault, millis) -> LOG.infof("Saving with %s answered 400 in %d ms", fault, millis));
        if (germanAdmin != null) {
            germanAdmin.close();
        }
        if (silent != null) {
            silent.close();
        }
        if (tlsOnly != null) {
            tlsOnly.close();
        }
    }

    /** The faults: a name, the change to a working federation, what an English and a German admin read. */
    static Stream<Arguments> faults() {
        String arango = firstHost();
        String user = realm.arangoAccount().user();
        String unknown = KeycloakTestServer.UNKNOWN_ARANGO_HOST;
        String refused = KeycloakTestServer.UNREACHABLE_ARANGO_HOST;
        String url = "http://" + arango;
        String path = arango + "/_db/" + realm.database();
        String missing =
                "missing_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String otherDatabase = realm.name().replace("-", "_") + "_other";
        KeycloakTestServer.TenantAccount other = realm.server().arango().tenantAccount(otherDatabase);
        return Stream.of(
                fault(
                        "unknown host",
                        Map.of("hosts", unknown),
                        "Unknown host \"arangodb.invalid\" (" + unknown + "): the name does not resolve to an address. "
                                + "Check its spelling.",
                        "Unbekannter Host „arangodb.invalid“ (" + unknown + "): Der Name lässt sich zu keiner Adresse "
                                + "auflösen. Prüfen Sie die Schreibweise."),
                fault(
                        "refused connection",
                        Map.of("hosts", refused),
                        "ArangoDB at " + refused + " refused the connection: nothing listens on that port. Check the "
                                + "port and that ArangoDB is running.",
                        "ArangoDB unter " + refused + " hat die Verbindung abgelehnt: Auf diesem Port lauscht nichts. "
                                + "Prüfen Sie den Port und ob ArangoDB läuft."),
                fault(
                        "a server that never answers",
                        Map.of("hosts", silent.hostAndPort()),
                        "ArangoDB at " + silent.hostAndPort() + " did not answer within 3 seconds.",
                        "ArangoDB unter " + silent.hostAndPort() + " hat nicht innerhalb von 3 Sekunden geantwortet."),
                fault(
                        "TLS on a plain HTTP port",
                        Map.of("useTls", "true"),
                        "TLS handshake with " + arango + " failed: that port speaks plain HTTP. Turn off \"Use TLS\", "
                                + "or enter the TLS port of ArangoDB.",
                        "TLS-Handshake mit " + arango + " fehlgeschlagen: Dieser Port spricht einfaches HTTP. Schalten "
                                + "Sie „TLS verwenden“ aus oder geben Sie den TLS-Port von ArangoDB an."),
                fault(
                        "plain HTTP on a TLS port",
                        Map.of("hosts", tlsOnly.hostAndPort()),
                        tlsOnly.hostAndPort() + " expects TLS (HTTPS): turn on \"Use TLS\".",
                        tlsOnly.hostAndPort() + " erwartet TLS (HTTPS): Schalten Sie „TLS verwenden“ ein."),
                fault(
                        "an untrusted TLS certificate",
                        Map.of("hosts", tlsOnly.hostAndPort(), "useTls", "true"),
                        "TLS handshake with " + tlsOnly.hostAndPort() + " failed: the server certificate is not "
                                + "trusted by this Keycloak server or does not name the host. Ask the operator to add "
                                + "its CA to Keycloak's truststore.",
                        "TLS-Handshake mit " + tlsOnly.hostAndPort() + " fehlgeschlagen: Dieser Keycloak-Server "
                                + "vertraut dem Serverzertifikat nicht, oder es nennt den Host nicht. Bitten Sie den "
                                + "Betreiber, dessen CA in den Truststore von Keycloak aufzunehmen."),
                fault(
                        "a wrong password",
                        Map.of("password", "not-the-password"),
                        "ArangoDB at " + arango + " rejected user \"" + user + "\": wrong user or password.",
                        "ArangoDB unter " + arango + " hat den Benutzer „" + user + "“ abgelehnt: falscher Benutzer "
                                + "oder falsches Passwort."),
                fault(
                        "an account without access to the database",
                        Map.of("user", other.user(), "password", other.password()),
                        "ArangoDB user \"" + other.user() + "\" has no access to database \"" + realm.database()
                                + "\" at " + arango + ", or that database does not exist.",
                        "Der ArangoDB-Benutzer „" + other.user() + "“ hat keinen Zugriff auf die Datenbank „"
                                + realm.database() + "“ unter " + arango + ", oder diese Datenbank existiert nicht."),
                // ArangoDB answers a tenant account alike (401) for a database that is missing and one it may not use
                fault(
                        "a missing database",
                        Map.of("database", missing),
                        "ArangoDB user \"" + user + "\" has no access to database \"" + missing + "\" at " + arango
                                + ", or that database does not exist.",
                        "Der ArangoDB-Benutzer „" + user + "“ hat keinen Zugriff auf die Datenbank „" + missing
                                + "“ unter " + arango + ", oder diese Datenbank existiert nicht."),
                fault(
                        "http:// in hosts",
                        Map.of("hosts", url),
                        "\"" + url + "\" is a URL: enter the ArangoDB host without http:// or https://, in the form "
                                + "host:port[,host:port] (for example arangodb:8529; \"Use TLS\" chooses HTTPS)",
                        "„" + url + "“ ist eine URL: Geben Sie den ArangoDB-Host ohne http:// oder https:// an, in der "
                                + "Form host:port[,host:port] (zum Beispiel arangodb:8529; „TLS verwenden“ wählt HTTPS)"),
                fault(
                        "a path in hosts",
                        Map.of("hosts", path),
                        "\"" + path + "\" contains a path: enter only the ArangoDB host and port, in the form "
                                + "host:port[,host:port] (for example arangodb:8529)",
                        "„" + path + "“ enthält einen Pfad: Geben Sie nur Host und Port von ArangoDB an, in der Form "
                                + "host:port[,host:port] (zum Beispiel arangodb:8529)"));
    }

    private static Arguments fault(String name, Map<String, String> change, String english, String german) {
        return Arguments.of(name, change, english, german);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void savingIsRefusedWithAMessageNamingTheFault(
            String fault, Map<String, String> change, String english, String german) {
        long start = System.nanoTime();
        String message = refusal(realm.admin(), change);
        MILLIS.put(fault, (System.nanoTime() - start) / 1_000_000);

        assertThat(message).isEqualTo(english);
        assertThat(refusal(germanAdmin.realm(realm.name()), change)).isEqualTo(german);
    }

    @Test
    void updatingTheComponentAnswersAlike() {
        ComponentRepresentation component = realm.federation();
        component.getConfig().putSingle("useTls", "true");
        // typed again, as changing TLS requires
        component.getConfig().putSingle("password", realm.arangoAccount().password());

        long start = System.nanoTime();
        String message;
        try {
            realm.admin().components().component(realm.federationId()).update(component);
            throw new AssertionError("saving TLS against a plain HTTP port was accepted");
        } catch (BadRequestException e) {
            message = errorMessage(e.getResponse().readEntity(String.class));
        }
        MILLIS.put("TLS on a plain HTTP port (update)", (System.nanoTime() - start) / 1_000_000);

        assertThat(message).startsWith("TLS handshake with " + firstHost() + " failed: that port speaks plain HTTP.");
        assertThat(realm.federation().getConfig().getFirst("useTls"))
                .as("nothing saved")
                .isEqualTo("false");
    }

    /** Adds a copy of the realm's federation with {@code change} applied, as {@code admin}; returns the refusal. */
    private static String refusal(RealmResource admin, Map<String, String> change) {
        ComponentRepresentation component = realm.federation();
        component.setId(null);
        component.setName("broken " + UUID.randomUUID());
        component.getConfig().putSingle("password", realm.arangoAccount().password());
        change.forEach(component.getConfig()::putSingle);
        try (Response response = admin.components().add(component)) {
            assertThat(response.getStatus())
                    .as("saving with a changed %s is refused", change.keySet())
                    .isEqualTo(400);
            return errorMessage(response.readEntity(String.class));
        }
    }

    private static String errorMessage(String body) {
        try {
            return new ObjectMapper().readTree(body).path("errorMessage").asText(body);
        } catch (IOException notJson) {
            return body;
        }
    }

    private static String firstHost() {
        return realm.server().arango().target().first().toString();
    }
}
