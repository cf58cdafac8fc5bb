package dev.kcbundle.it.tokens;

import static dev.kcbundle.it.tokens.PolicyScenario.ACTIVE_GROUP_LOGIN;
import static dev.kcbundle.it.tokens.PolicyScenario.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kcbundle.it.TestRealm;
import dev.kcbundle.it.TokenEndpoint;
import dev.kcbundle.it.storage.ArangoHttp;
import jakarta.ws.rs.ClientErrorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * No lost updates for ArangoDB users: an admin's changes racing 50 active-group choices of the user (through
 * {@code /realms/{realm}/active-group} with the user's token) hold afterwards, in the admin API, in the next token
 * and in the document. Every choice is answered 200, or 409 with a JSON error when the user's document kept changing.
 * The admin removes {@value #REMOVALS} policies (group memberships) one at a time, each a chance for a choice that
 * read the document before it to write the removed value back, in {@value #ROUNDS} rounds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArangoConcurrentWritesIT {

    private static final Logger LOG = Logger.getLogger(ArangoConcurrentWritesIT.class);
    private static final int CHOICES = 50;
    private static final int PARALLEL = 8;
    private static final int ROUNDS = 5;
    private static final int REMOVALS = 8;
    private static final List<String> CHOSEN_GROUPS = List.of("/university/faculty/physics", "/chess");

    @RegisterExtension
    static final TestRealm realm = PolicyScenario.realm("races", true);

    private TokenEndpoint tokens;
    private ActiveGroupApi api;
    private ArangoHttp arango;
    /** Top-level groups the admin removes the user from, one at a time. */
    private final List<String> clubIds = new ArrayList<>();

    @BeforeAll
    void clubsAndEndpoints() {
        tokens = realm.tokens();
        api = PolicyScenario.activeGroupApi(realm);
        arango = realm.documents();
        for (int i = 1; i <= REMOVALS; i++) {
            clubIds.add(PolicyScenario.createGroup(realm, "club-" + i, "club:" + i));
        }
    }

    @Test
    void anAdminsPolicyRemovalsHoldAgainstTheUsersActiveGroupChoices() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            String user = userChoosingAmongTwoGroups();
            UserResource admin = realm.admin().users().get(realm.userId(user));
            List<String> removed = new ArrayList<>();
            UserRepresentation withPolicies = admin.toRepresentation();
            List<String> policies = new ArrayList<>(withPolicies.getAttributes().get("policies"));
            for (int i = 1; i <= REMOVALS; i++) {
                policies.add("temporary:" + i);
                removed.add("temporary:" + i);
            }
            withPolicies.getAttributes().put("policies", policies);
            admin.update(withPolicies);
            removed.add("self:read");

            List<Runnable> removals = new ArrayList<>();
            for (String policy : removed) {
                removals.add(() -> {
                    UserRepresentation representation = admin.toRepresentation();
                    List<String> current =
                            new ArrayList<>(representation.getAttributes().get("policies"));
                    current.remove(policy);
                    representation.getAttributes().put("policies", current);
                    admin.update(representation);
                });
            }
            raceWithChoices(user, removals);

            assertThat(admin.toRepresentation().getAttributes().get("policies"))
                    .as("round %d: admin API", round)
                    .containsExactly("academic:read");
            List<String> inToken = PolicyTokensContract.strings(
                    TokenEndpoint.accessToken(tokens.password(PolicyScenario.APP, user, PASSWORD))
                            .get("policies"));
            assertThat(inToken)
                    .as("round %d: the next token", round)
                    .contains("academic:read")
                    .doesNotContainAnyElementsOf(removed);
            assertThat(String.valueOf(arango.userByUsername(user).get("attributes")))
                    .as("round %d: the document", round)
                    .doesNotContain("self:read")
                    .doesNotContain("temporary:");
        }
    }

    @Test
    void anAdminsGroupRemovalsHoldAgainstTheUsersActiveGroupChoices() throws Exception {
        List<String> removedIds = new ArrayList<>(clubIds);
        removedIds.add(realm.groupId("/sports"));
        for (int round = 1; round <= ROUNDS; round++) {
            String user = userChoosingAmongTwoGroups();
            String userId = realm.userId(user);
            clubIds.forEach(clubId -> realm.admin().users().get(userId).joinGroup(clubId));

            List<Runnable> removals = new ArrayList<>();
            List<String> removedSoFar = new ArrayList<>();
            int currentRound = round;
            for (String groupId : removedIds) {
                removals.add(() -> {
                    realm.admin().users().get(userId).leaveGroup(groupId);
                    removedSoFar.add(groupId);
                    // while the choices go on: a choice that read the user before may not write the membership back
                    for (String removedId : removedSoFar) {
                        assertThat(realm.admin().groups().group(removedId).members())
                                .extracting(UserRepresentation::getUsername)
                                .as("round %d, during the choices: the members of %s", currentRound, removedId)
                                .doesNotContain(user);
                    }
                });
            }
            raceWithChoices(user, removals);

            assertThat(realm.admin().users().get(userId).groups())
                    .extracting(GroupRepresentation::getId)
                    .as("round %d: the user's groups", round)
                    .doesNotContainAnyElementsOf(removedIds);
            for (String groupId : removedIds) {
                assertThat(realm.admin().groups().group(groupId).members())
                        .extracting(UserRepresentation::getUsername)
                        .as("round %d: the members of %s", round, groupId)
                        .doesNotContain(user);
            }
            List<String> groups = PolicyTokensContract.strings(
                    TokenEndpoint.accessToken(tokens.password(PolicyScenario.APP, user, PASSWORD))
                            .get("groups"));
            assertThat(groups)
                    .as("round %d: the next token", round)
                    .containsExactlyInAnyOrder("/chess", "/university/faculty/physics");
            Map<String, Object> document = arango.userByUsername(user);
            String references = String.valueOf(document.get("groups")) + document.get("lookupKeys");
            assertThat(removedIds)
                    .as("round %d: the document %s", round, references)
                    .noneMatch(references::contains);
        }
    }

    /** The standard user, also a member of /chess, so the choices can alternate between two of its groups. */
    private String userChoosingAmongTwoGroups() {
        String user = PolicyScenario.createStandardUser(realm);
        PolicyScenario.joinGroup(realm, user, "/chess");
        return user;
    }

    /**
     * Sends {@value #CHOICES} active-group choices from {@value #PARALLEL} threads and runs the admin's changes one
     * after the other while they are under way (a change answered 409 is sent again, as a real admin would after
     * "reload and try again").
     */
    private void raceWithChoices(String user, List<Runnable> adminChanges) throws Exception {
        String token = tokens.password(PolicyScenario.APP, user, PASSWORD, ACTIVE_GROUP_LOGIN)
                .get("access_token")
                .asText();
        ExecutorService threads = Executors.newFixedThreadPool(PARALLEL);
        CountDownLatch underWay = new CountDownLatch(PARALLEL);
        List<Future<ActiveGroupApi.Answer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < CHOICES; i++) {
                String group = CHOSEN_GROUPS.get(i % CHOSEN_GROUPS.size());
                answers.add(threads.submit(() -> {
                    underWay.countDown();
                    return api.select(token, group);
                }));
            }
            assertThat(underWay.await(30, TimeUnit.SECONDS)).isTrue();
            int adminConflicts = 0;
            for (Runnable adminChange : adminChanges) {
                while (true) {
                    try {
                        adminChange.run();
                        break;
                    } catch (ClientErrorException e) {
                        assertThat(e.getResponse().getStatus())
                                .as("the admin's change: %s", e.getMessage())
                                .isEqualTo(409);
                        assertThat(++adminConflicts)
                                .as("409 answers to the admin")
                                .isLessThan(20);
                    }
                }
            }
            int ok = 0;
            int conflicts = 0;
            for (Future<ActiveGroupApi.Answer> future : answers) {
                ActiveGroupApi.Answer answer = future.get(60, TimeUnit.SECONDS);
                if (answer.status() == 409) {
                    conflicts++;
                    assertThat(answer.body().toString()).as("a clear 409").contains("another request");
                } else {
                    assertThat(answer.status())
                            .as("active-group choice: %s", answer.body())
                            .isEqualTo(200);
                    ok++;
                }
            }
            LOG.infof(
                    "%d choices: %d answered 200, %d answered 409; the admin's %d changes were answered 409 %d times",
                    CHOICES, ok, conflicts, adminChanges.size(), adminConflicts);
            assertThat(ok).as("choices that went through").isPositive();
        } finally {
            threads.shutdownNow();
        }
    }
}
