package dev.kcbundle.userstorage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.arangodb.Protocol;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.storage.UserStorageProvider.EditMode;

class ArangoStorageConfigTest {

    @Test
    void theProtocolIsHttp2WithJsonUnlessOneOfTheOtherHttpProtocolsIsChosen() {
        assertThat(ArangoStorageConfig.from("db:8529", null, "kc", "pw", "acme", null, null)
                        .connection()
                        .protocol())
                .isEqualTo(Protocol.HTTP2_JSON);
        assertThat(ArangoStorageConfig.from("db:8529", null, " HTTP_JSON ", "kc", "pw", "acme", null, null)
                        .connection()
                        .protocol())
                .isEqualTo(Protocol.HTTP_JSON);
        assertThat(ArangoStorageConfig.from("db:8529", null, "HTTP_VPACK", "kc", "pw", "acme", null, null)
                        .connection()
                        .protocol())
                .isEqualTo(Protocol.HTTP_VPACK);
        // VelocyStream: ArangoDB 3.12 no longer answers it
        assertThatThrownBy(() -> ArangoStorageConfig.from("db:8529", null, "VST", "kc", "pw", "acme", null, null))
                .isInstanceOf(ArangoStorageConfig.InvalidConfigException.class)
                .hasMessage("Protocol must be one of HTTP2_JSON, HTTP_JSON, HTTP2_VPACK, HTTP_VPACK, not \"VST\"");
    }

    @Test
    void parsesHostListAndDefaults() {
        ArangoStorageConfig config =
                ArangoStorageConfig.from("db1:8529, db2:8530", null, " kc_acme ", "s3cret", "acme", null, null);

        assertThat(config.connection().hosts()).extracting(Object::toString).containsExactly("db1:8529", "db2:8530");
        assertThat(config.connection().user()).isEqualTo("kc_acme");
        assertThat(config.connection().usersCollection()).isEqualTo("users");
        assertThat(config.editMode()).isEqualTo(EditMode.WRITABLE);
        assertThat(config.connection().useTls()).isFalse();
    }

    @Test
    void readsTlsAndReadOnly() {
        ArangoStorageConfig config =
                ArangoStorageConfig.from("db:8529", "true", "kc", "pw", "acme", "people", "READ_ONLY");

        assertThat(config.connection().useTls()).isTrue();
        assertThat(config.writable()).isFalse();
        assertThat(config.connection().usersCollection()).isEqualTo("people");
    }

    @Test
    void namesEveryProblem() {
        assertThatThrownBy(
                        () -> ArangoStorageConfig.from("db1, db2:99999", null, null, null, "", "bad name", "UNSYNCED"))
                .isInstanceOf(ArangoStorageConfig.InvalidConfigException.class)
                .hasMessageContaining("Host \"db1\" is not in the form host:port[,host:port]")
                .hasMessageContaining("Host \"db2:99999\" has no valid port")
                .hasMessageContaining("ArangoDB user is required")
                .hasMessageContaining("Database is required")
                .hasMessageContaining("Users collection name \"bad name\"")
                .hasMessageContaining("Edit mode must be READ_ONLY or WRITABLE");
    }

    @Test
    void hostsAreNamesOrAddressesOnly() {
        assertThat(ArangoStorageConfig.from(
                                "[::1]:8529,db-1.example.org:8529", null, "kc_acme", null, "acme", null, null)
                        .connection()
                        .hosts())
                .extracting(Object::toString)
                .containsExactly("[::1]:8529", "db-1.example.org:8529");
        assertThatThrownBy(() ->
                        ArangoStorageConfig.from("user@evil.example:8529", null, "kc_acme", null, "acme", null, null))
                .hasMessageContaining("Host \"user@evil.example:8529\" is not a host name or address");
        assertThatThrownBy(() -> ArangoStorageConfig.from(
                        "evil.example/x?y=localhost:8529", null, "kc_acme", null, "acme", null, null))
                .hasMessageContaining("contains a path");
    }

    @Test
    void hostNamesMayContainUnderscoresLikeComposeServiceNames() {
        assertThat(ArangoStorageConfig.from(
                                "arango_db:8529,my_stack-arango_1:8529", null, "kc_acme", null, "acme", null, null)
                        .connection()
                        .hosts())
                .extracting(Object::toString)
                .containsExactly("arango_db:8529", "my_stack-arango_1:8529");
        assertThatThrownBy(() -> ArangoStorageConfig.from("_arango:8529", null, "kc_acme", null, "acme", null, null))
                .hasMessageContaining("Host \"_arango:8529\" is not a host name or address");
    }

    @Test
    void aUrlOrAPathWhereHostPortBelongsIsNamedWithTheExpectedForm() {
        assertThatThrownBy(() ->
                        ArangoStorageConfig.from("http://arangodb:8529", null, "kc_acme", null, "acme", null, null))
                .hasMessage("\"http://arangodb:8529\" is a URL: enter the ArangoDB host without http:// or https://, "
                        + "in the form host:port[,host:port] (for example arangodb:8529; \"Use TLS\" chooses HTTPS)");
        assertThatThrownBy(() -> ArangoStorageConfig.from(
                        "db1:8529, HTTPS://db2:8529/", null, "kc_acme", null, "acme", null, null))
                .hasMessageStartingWith("\"HTTPS://db2:8529/\" is a URL");
        assertThatThrownBy(() ->
                        ArangoStorageConfig.from("arangodb:8529/_db/acme", null, "kc_acme", null, "acme", null, null))
                .hasMessage("\"arangodb:8529/_db/acme\" contains a path: enter only the ArangoDB host and port, in the "
                        + "form host:port[,host:port] (for example arangodb:8529)");
    }

    @Test
    void aRefusalNamesEveryProblemInTheAdminsLanguage() {
        ComponentValidationException english = refusal("http://arangodb:8529", "bad{name'", Locale.ENGLISH);
        assertThat(english.getParameters())
                .extracting(Object::toString)
                .singleElement()
                .asString()
                .startsWith("\"http://arangodb:8529\" is a URL")
                .contains("; Database name \"bad{name'\" is not a valid ArangoDB name");
        assertThat(english.getLocalizedMessage()).as("what logs show").contains("is a URL");

        assertThat(refusal("http://arangodb:8529", "acme", Locale.GERMAN).getParameters())
                .extracting(Object::toString)
                .containsExactly("„http://arangodb:8529“ ist eine URL: Geben Sie den ArangoDB-Host ohne http:// oder "
                        + "https:// an, in der Form host:port[,host:port] (zum Beispiel arangodb:8529; „TLS verwenden“ "
                        + "wählt HTTPS)");
    }

    private static ComponentValidationException refusal(String hosts, String database, Locale locale) {
        try {
            ArangoStorageConfig.from(hosts, null, "kc_acme", null, database, null, null);
            throw new AssertionError("accepted " + hosts);
        } catch (ArangoStorageConfig.InvalidConfigException e) {
            return e.exception(ThemeMessages.session(), locale);
        }
    }

    @Test
    void missingHostsAreNamed() {
        assertThatThrownBy(() -> ArangoStorageConfig.from(" ", null, "kc_acme", null, "acme", null, null))
                .hasMessageContaining("ArangoDB hosts are required, in the form host:port[,host:port]");
    }

    @Test
    void toStringNeverShowsThePassword() {
        ArangoStorageConfig config = ArangoStorageConfig.from("db:8529", null, "kc", "very-secret", "acme", null, null);

        assertThat(config.toString()).doesNotContain("very-secret").contains("acme");
    }

    @Test
    void equalConfigurationsAreEqualSoTheyShareAClient() {
        assertThat(ArangoStorageConfig.from("db:8529", null, "kc", "pw", "acme", null, null))
                .isEqualTo(ArangoStorageConfig.from("db:8529", "false", "kc", "pw", "acme", "users", "WRITABLE"))
                .isNotEqualTo(ArangoStorageConfig.from("db:8529", null, "kc", "other", "acme", null, null));
    }
}
