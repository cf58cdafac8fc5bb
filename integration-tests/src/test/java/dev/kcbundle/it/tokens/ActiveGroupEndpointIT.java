package dev.kcbundle.it.tokens;

import static dev.kcbundle.it.tokens.PolicyScenario.ACTIVE_GROUP_LOGIN;
import static dev.kcbundle.it.tokens.PolicyScenario.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcbundle.it.HttpJson;
import dev.kcbundle.it.TestRealm;
import dev.kcbundle.it.TokenEndpoint;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.EventRepresentation;

/** /realms/{realm}/active-group as an app calls it: answers, errors as JSON, authentication, CORS and events. */
class ActiveGroupEndpointIT {

    @RegisterExtension
    static final TestRealm realm = PolicyScenario.realm("active-group", false);

    private static TokenEndpoint tokens;
    private static ActiveGroupApi api;

    @BeforeAll
    static void endpoints() {
        tokens = realm.tokens();
        api = PolicyScenario.activeGroupApi(realm);
    }

    @Test
    void getListsTheCallersGroupsSortedByPathAndNoActiveGroupAtFirst() {
        String token = accessTokenOfNewUser();

        ActiveGroupApi.Answer answer = api.get(token);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        JsonNode groups = answer.body().get("groups");
        assertThat(groups.size()).isEqualTo(2);
        assertThat(groups.get(0).get("path").asText()).isEqualTo("/sports");
        assertThat(groups.get(0).get("name").asText()).isEqualTo("sports");
        assertThat(groups.get(0).get("id").asText()).isEqualTo(realm.groupId("/sports"));
        assertThat(groups.get(1).get("path").asText()).isEqualTo("/university/faculty/physics");
        assertThat(answer.body().has("active_group")).isTrue();
        assertThat(answer.body().get("active_group").isNull()).isTrue();
    }

    @Test
    void putByIdOrPathSetsTheActiveGroupAndAnswersTheNewState() {
        String token = accessTokenOfNewUser();

        ActiveGroupApi.Answer byPath = api.select(token, "/university/faculty/physics");
        ActiveGroupApi.Answer byId = api.select(token, realm.groupId("/sports"));

        assertThat(byPath.status()).isEqualTo(200);
        assertThat(byPath.body().get("active_group").get("path").asText()).isEqualTo("/university/faculty/physics");
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.body().get("active_group").get("id").asText()).isEqualTo(realm.groupId("/sports"));
        assertThat(api.get(token).body().get("active_group").get("path").asText())
                .isEqualTo("/sports");
    }

    @Test
    void theChoiceIsStoredOnTheUser() {
        String username = PolicyScenario.createStandardUser(realm);
        String token = tokens.password(PolicyScenario.APP, username, PASSWORD, ACTIVE_GROUP_LOGIN)
                .get("access_token")
                .asText();

        api.select(token, "/sports");

        assertThat(realm.admin()
                        .users()
                        .get(realm.userId(username))
                        .toRepresentation()
                        .getAttributes()
                        .get("active_group"))
                .containsExactly(realm.groupId("/sports"));
    }

    @Test
    void deleteClearsTheActiveGroup() {
        String token = accessTokenOfNewUser();
        api.select(token, "/sports");

        ActiveGroupApi.Answer answer = api.delete(token);

        assertThat(answer.status()).isEqualTo(204);
        assertThat(api.get(token).body().get("active_group").isNull()).isTrue();
    }

    @Test
    void unknownGroupIs404NotAMemberIs403BothAsJson() {
        String token = accessTokenOfNewUser();

        ActiveGroupApi.Answer unknownPath = api.select(token, "/no/such/group");
        ActiveGroupApi.Answer unknownId = api.select(token, "00000000-0000-0000-0000-000000000000");
        ActiveGroupApi.Answer notMember = api.select(token, realm.groupId("/chess"));
        ActiveGroupApi.Answer parentOfOwnGroup = api.select(token, "/university");

        assertError(unknownPath, 404, "group_not_found");
        assertError(unknownId, 404, "group_not_found");
        assertError(notMember, 403, "not_a_member");
        assertError(parentOfOwnGroup, 403, "not_a_member");
        assertThat(api.get(token).body().get("active_group").isNull())
                .as("nothing changed")
                .isTrue();
    }

    @Test
    void malformedBodiesAre400AndChangeNothing() {
        String token = accessTokenOfNewUser();
        api.select(token, "/sports");

        for (String body : List.of("", "not json", "[]", "{}", "{\"group\": 7}", "{\"group\": \"\"}")) {
            assertError(api.put(token, body), 400, "invalid_request");
        }
        assertThat(api.get(token).body().get("active_group").get("path").asText())
                .isEqualTo("/sports");
    }

    @Test
    void withoutAGarbledAnotherRealmsOrAnExpiredTokenIs401() throws InterruptedException {
        String username = PolicyScenario.createStandardUser(realm);
        String shortLived = tokens.password(PolicyScenario.SHORT_LIVED, username, PASSWORD, ACTIVE_GROUP_LOGIN)
                .get("access_token")
                .asText();
        assertThat(api.get(shortLived).status()).as("valid before it expires").isEqualTo(200);
        String masterToken = realm.server().admin().tokenManager().getAccessTokenString();

        ActiveGroupApi.Answer none = api.send(api.request().GET());
        ActiveGroupApi.Answer garbled = api.get("not-a-token");
        ActiveGroupApi.Answer otherRealm = api.get(masterToken);
        ActiveGroupApi.Answer otherRealmPut = api.select(masterToken, "/sports");
        long expiresAtMillis = HttpJson.jwtPayload(shortLived).get("exp").asLong() * 1000;
        Thread.sleep(Math.max(0, expiresAtMillis - System.currentTimeMillis()) + 1500);
        ActiveGroupApi.Answer expired = api.get(shortLived);

        for (ActiveGroupApi.Answer answer : List.of(none, garbled, otherRealm, otherRealmPut, expired)) {
            assertError(answer, 401, "invalid_token");
            assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
        }
    }

    @Test
    void aTokenOfAClientWithoutTheActiveGroupScopeIs403InsufficientScopeForEveryMethodAndChangesNothing() {
        String username = PolicyScenario.createStandardUser(realm);
        String allowed = tokens.password(PolicyScenario.APP, username, PASSWORD, ACTIVE_GROUP_LOGIN)
                .get("access_token")
                .asText();
        String other = tokens.password(PolicyScenario.WITHOUT_ACTIVE_GROUP_SCOPE, username, PASSWORD)
                .get("access_token")
                .asText();
        assertThat(HttpJson.jwtPayload(allowed).get("scope").asText()).contains(PolicyScenario.ACTIVE_GROUP_SCOPE);
        assertThat(api.select(allowed, "/sports").status()).isEqualTo(200);

        for (ActiveGroupApi.Answer answer :
                List.of(api.get(other), api.select(other, "/university/faculty/physics"), api.delete(other))) {
            assertError(answer, 403, "insufficient_scope");
            assertThat(answer.body().get("error_description").asText())
                    .contains(PolicyScenario.WITHOUT_ACTIVE_GROUP_SCOPE, PolicyScenario.ACTIVE_GROUP_SCOPE);
            assertThat(answer.header("WWW-Authenticate"))
                    .startsWith("Bearer")
                    .contains("error=\"insufficient_scope\"", "scope=\"" + PolicyScenario.ACTIVE_GROUP_SCOPE + "\"");
        }
        assertThat(api.get(allowed).body().get("active_group").get("path").asText())
                .as("nothing changed")
                .isEqualTo("/sports");
    }

    @Test
    void bodiesOverFourKilobytesAre413WhetherDeclaredOrStreamedAndChangeNothing() {
        String token = accessTokenOfNewUser();
        api.select(token, "/sports");
        String tooLarge = "{\"group\": \"/sports\", \"padding\": \"" + "x".repeat(4096) + "\"}";

        ActiveGroupApi.Answer declared = api.put(token, tooLarge);
        ActiveGroupApi.Answer streamed = api.send(api.request()
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                        ("{\"group\": \"/university/faculty/physics\", \"padding\": \"" + "x".repeat(100_000) + "\"}")
                                .getBytes(StandardCharsets.UTF_8)))));

        assertError(declared, 413, "request_too_large");
        assertError(streamed, 413, "request_too_large");
        assertThat(api.get(token).body().get("active_group").get("path").asText())
                .as("nothing changed")
                .isEqualTo("/sports");
    }

    @Test
    void groupValuesOver1024CharactersAre400AndEventsCarryAtMost1024() {
        String username = PolicyScenario.createStandardUser(realm);
        String token = tokens.password(PolicyScenario.APP, username, PASSWORD, ACTIVE_GROUP_LOGIN)
                .get("access_token")
                .asText();
        String longest = "/" + "g".repeat(1023);

        ActiveGroupApi.Answer tooLong = api.select(token, longest + "g");
        ActiveGroupApi.Answer unknownLongest = api.select(token, longest);

        assertError(tooLong, 400, "invalid_request");
        assertThat(tooLong.body().get("error_description").asText())
                .contains("1024")
                .doesNotContain(longest);
        assertError(unknownLongest, 404, "group_not_found");
        List<EventRepresentation> refusals = realm.admin()
                .getEvents(List.of("UPDATE_PROFILE_ERROR"), null, realm.userId(username), null, null, null, 0, 10);
        assertThat(refusals)
                .as("only the 404 is recorded")
                .singleElement()
                .satisfies(event -> assertThat(event.getDetails().get("updated_active_group"))
                        .hasSizeLessThanOrEqualTo(1024));
        assertThat(api.get(token).body().get("active_group").isNull())
                .as("nothing changed")
                .isTrue();
    }

    @Test
    void preflightHonoursTheWebOriginsOfTheRealmsClients() {
        ActiveGroupApi.Answer allowed = api.send(preflight(PolicyScenario.WEB_ORIGIN));
        ActiveGroupApi.Answer foreign = api.send(preflight("http://evil.example"));

        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(PolicyScenario.WEB_ORIGIN);
        assertThat(allowed.header("Access-Control-Allow-Methods")).contains("PUT", "DELETE", "GET");
        assertThat(allowed.header("Access-Control-Allow-Headers")).contains("Authorization");
        assertThat(foreign.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void requestsFromTheClientsWebOriginGetCorsHeadersForeignOriginsAre403() {
        String token = accessTokenOfNewUser();

        ActiveGroupApi.Answer allowed = api.send(api.request()
                .header("Authorization", "Bearer " + token)
                .header("Origin", PolicyScenario.WEB_ORIGIN)
                .GET());
        ActiveGroupApi.Answer foreign = api.send(api.request()
                .header("Authorization", "Bearer " + token)
                .header("Origin", "http://evil.example")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"group\": \"/sports\"}")));

        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(PolicyScenario.WEB_ORIGIN);
        assertThat(allowed.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertError(foreign, 403, "invalid_origin");
        assertThat(api.get(token).body().get("active_group").isNull())
                .as("nothing changed")
                .isTrue();
    }

    @Test
    void changesAndRefusalsAreRecordedAsUserEvents() {
        String username = PolicyScenario.createStandardUser(realm);
        String userId = realm.userId(username);
        String token = tokens.password(PolicyScenario.APP, username, PASSWORD, ACTIVE_GROUP_LOGIN)
                .get("access_token")
                .asText();

        api.select(token, "/sports");
        api.select(token, "/chess");
        api.delete(token);

        List<EventRepresentation> changes =
                realm.admin().getEvents(List.of("UPDATE_PROFILE"), null, userId, null, null, null, 0, 10);
        assertThat(changes).hasSize(2).allSatisfy(event -> {
            assertThat(event.getClientId()).isEqualTo(PolicyScenario.APP);
            assertThat(event.getDetails()).containsEntry("context", "ACTIVE_GROUP");
        });
        assertThat(changes)
                .anySatisfy(event -> assertThat(event.getDetails())
                        .containsEntry("updated_active_group", realm.groupId("/sports"))
                        .doesNotContainKey("previous_active_group"));
        assertThat(changes)
                .anySatisfy(event -> assertThat(event.getDetails())
                        .containsEntry("previous_active_group", realm.groupId("/sports"))
                        .doesNotContainKey("updated_active_group"));
        List<EventRepresentation> refusals =
                realm.admin().getEvents(List.of("UPDATE_PROFILE_ERROR"), null, userId, null, null, null, 0, 10);
        assertThat(refusals)
                .singleElement()
                .satisfies(event -> assertThat(event.getError()).isEqualTo("not_a_member"));
    }

    private static HttpRequest.Builder preflight(String origin) {
        return api.request()
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody());
    }

    private static String accessTokenOfNewUser() {
        String username = PolicyScenario.createStandardUser(realm);
        return tokens.password(PolicyScenario.APP, username, PASSWORD, ACTIVE_GROUP_LOGIN)
                .get("access_token")
                .asText();
    }

    private static void assertError(ActiveGroupApi.Answer answer, int status, String error) {
        assertThat(answer.status()).as("status of %s", answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.body().get("error").asText()).isEqualTo(error);
        assertThat(answer.body().get("error_description").asText()).isNotBlank();
    }
}
