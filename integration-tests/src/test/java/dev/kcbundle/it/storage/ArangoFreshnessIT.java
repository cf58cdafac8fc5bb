package dev.kcbundle.it.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcbundle.it.HttpJson;
import dev.kcbundle.it.TestRealm;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.storage.UserStorageProvider.EditMode;

/**
 * The freshness contract: ArangoDB is the source of truth (READ_ONLY, written by other tools), and a user disabled,
 * given a new password or moved to another group directly in ArangoDB is seen by Keycloak within the component's
 * cache lifespan; a new component gets the documented default lifespan (5 minutes) instead of caching forever.
 */
class ArangoFreshnessIT {

    /** Short enough for a test, long enough that the stale answer right after the write is still cached. */
    private static final long LIFESPAN_MS = 8_000;

    private static final long GRACE_MS = 4_000;

    @RegisterExtension
    static final TestRealm realm = TestRealm.blank("fresh").withArangoUsers(EditMode.WRITABLE);

    private static String teamA;
    private static String teamB;

    @BeforeAll
    static void createReadOnlyRealmWithAShortCacheLifespan() {
        teamA = group("team-a");
        teamB = group("team-b");
        for (String name : List.of("dora", "pete", "gus")) {
            String id = realm.createUser(name, name + "@example.org", "Old-pass-1");
            realm.user(id).joinGroup(teamA);
        }
        realm.createUser("donor", "donor@example.org", "New-pass-2");
        ProtocolMapperRepresentation groups = new ProtocolMapperRepresentation();
        groups.setName("groups");
        groups.setProtocol("openid-connect");
        groups.setProtocolMapper("oidc-group-membership-mapper");
        groups.setConfig(Map.of("claim.name", "groups", "full.path", "false", "access.token.claim", "true"));
        String clientId = realm.admin()
                .clients()
                .findByClientId(TestRealm.CLIENT_ID)
                .get(0)
                .getId();
        realm.admin()
                .clients()
                .get(clientId)
                .getProtocolMappers()
                .createMapper(groups)
                .close();

        realm.updateFederation(Map.of(
                "editMode", "READ_ONLY", "cachePolicy", "MAX_LIFESPAN", "maxLifespan", Long.toString(LIFESPAN_MS)));
    }

    @Test
    void aNewComponentWithoutAnExplicitPolicyCachesForAtMostFiveMinutes() {
        try (TestRealm fresh = TestRealm.blank("fresh-default")
                .withArangoUsers(EditMode.READ_ONLY)
                .create()) {
            ComponentRepresentation component = fresh.federation();

            assertThat(component.getConfig().getFirst("cachePolicy")).isEqualTo("MAX_LIFESPAN");
            assertThat(component.getConfig().getFirst("maxLifespan")).isEqualTo("300000");
        }
    }

    @Test
    void theShortLifespanOfThisRealmIsKept() {
        ComponentRepresentation component = realm.federation();

        assertThat(component.getConfig().getFirst("cachePolicy")).isEqualTo("MAX_LIFESPAN");
        assertThat(component.getConfig().getFirst("maxLifespan")).isEqualTo(Long.toString(LIFESPAN_MS));
    }

    @Test
    void aUserDisabledInArangoDbCanNoLongerLogInOnceTheLifespanIsOver() {
        realm.admin().clearUserCache();
        assertThat(realm.passwordGrant("dora", "Old-pass-1").status()).isEqualTo(200); // now cached
        long cachedAt = System.currentTimeMillis();

        realm.documents().update(key("dora"), Map.of("enabled", false));

        assertThat(realm.passwordGrant("dora", "Old-pass-1").status())
                .as("still cached")
                .isEqualTo(200);
        awaitWithinLifespan(
                cachedAt, () -> realm.passwordGrant("dora", "Old-pass-1").status() != 200);
        HttpJson.Answer refused = realm.passwordGrant("dora", "Old-pass-1");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("error").asText()).isEqualTo("invalid_grant");
        assertThat(refused.body().path("error_description").asText()).isEqualTo("Account disabled");
    }

    @Test
    void aPasswordChangedInArangoDbReplacesTheOldOneOnceTheLifespanIsOver() {
        realm.admin().clearUserCache();
        assertThat(realm.passwordGrant("pete", "Old-pass-1").status()).isEqualTo(200);
        long cachedAt = System.currentTimeMillis();

        // another tool sets a new hash (here: the one of a user whose password is New-pass-2)
        realm.documents()
                .update(
                        key("pete"),
                        Map.of("credential", realm.document("donor").get("credential")));

        assertThat(realm.passwordGrant("pete", "Old-pass-1").status())
                .as("still cached")
                .isEqualTo(200);
        awaitWithinLifespan(
                cachedAt, () -> realm.passwordGrant("pete", "New-pass-2").status() == 200);
        HttpJson.Answer oldPassword = realm.passwordGrant("pete", "Old-pass-1");
        assertThat(oldPassword.status()).isEqualTo(400);
        assertThat(oldPassword.body().path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void aGroupChangedInArangoDbShowsInTheTokenOnceTheLifespanIsOver() {
        realm.admin().clearUserCache();
        assertThat(groupsInToken("gus")).containsExactly("team-a");
        long cachedAt = System.currentTimeMillis();

        Map<String, Object> document = realm.document("gus");
        List<Object> lookupKeys = new ArrayList<>((List<?>) document.get("lookupKeys"));
        lookupKeys.remove("group:" + teamA);
        lookupKeys.add("group:" + teamB);
        realm.documents().update(key("gus"), Map.of("groups", List.of(teamB), "lookupKeys", lookupKeys));

        assertThat(groupsInToken("gus")).as("still cached").containsExactly("team-a");
        awaitWithinLifespan(cachedAt, () -> groupsInToken("gus").equals(List.of("team-b")));
        assertThat(realm.admin().groups().group(teamB).members())
                .extracting(u -> u.getUsername())
                .contains("gus");
    }

    private static List<String> groupsInToken(String username) {
        HttpJson.Answer answer = realm.passwordGrant(username, "Old-pass-1");
        assertThat(answer.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        JsonNode claim =
                HttpJson.jwtPayload(answer.body().path("access_token").asText()).path("groups");
        claim.forEach(node -> names.add(node.asText()));
        return names;
    }

    /** Polls until {@code changed} holds; fails if that takes longer than the lifespan (plus a small grace). */
    private static void awaitWithinLifespan(long cachedAt, BooleanSupplier changed) {
        long deadline = cachedAt + LIFESPAN_MS + GRACE_MS;
        while (!changed.getAsBoolean()) {
            assertThat(System.currentTimeMillis())
                    .as("change seen within the cache lifespan")
                    .isLessThan(deadline);
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String key(String username) {
        return (String) realm.document(username).get("_key");
    }

    private static String group(String name) {
        GroupRepresentation group = new GroupRepresentation();
        group.setName(name);
        try (Response response = realm.admin().groups().add(group)) {
            return CreatedResponseUtil.getCreatedId(response);
        }
    }
}
