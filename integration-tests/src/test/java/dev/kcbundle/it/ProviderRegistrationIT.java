package dev.kcbundle.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ComponentTypeRepresentation;
import org.keycloak.representations.info.ProviderRepresentation;
import org.keycloak.representations.info.ServerInfoRepresentation;

/** What an admin sees in the server info (Provider info tab of the master realm): every extension of the bundle. */
class ProviderRegistrationIT {

    private static ServerInfoRepresentation serverInfo;

    @BeforeAll
    static void readServerInfo() {
        serverInfo = KeycloakTestServer.shared().admin().serverInfo().getInfo();
    }

    @Test
    void arangoDbUserStorageIsAUserFederationChoice() {
        assertThat(providersOf("storage")).containsKey("arangodb");
        List<ComponentTypeRepresentation> storageTypes =
                serverInfo.getComponentTypes().get(Federation.COMPONENT_TYPE);
        assertThat(storageTypes).extracting(ComponentTypeRepresentation::getId).contains("arangodb");
    }

    @Test
    void policyMapperIsAnOpenIdConnectMapperType() {
        assertThat(providersOf("protocol-mapper")).containsKey("oidc-policy-mapper");
        assertThat(serverInfo.getProtocolMapperTypes().get("openid-connect"))
                .extracting(type -> type.getId())
                .contains("oidc-policy-mapper");
    }

    @Test
    void activeGroupEndpointIsARealmResource() {
        assertThat(providersOf("realm-restapi-extension")).containsKey("active-group");
    }

    @Test
    void loginThemeIsSelectable() {
        assertThat(serverInfo.getThemes().get("login"))
                .extracting(theme -> theme.getName())
                .contains("kcbundle");
    }

    private static Map<String, ProviderRepresentation> providersOf(String spi) {
        assertThat(serverInfo.getProviders()).containsKey(spi);
        return serverInfo.getProviders().get(spi).getProviders();
    }
}
