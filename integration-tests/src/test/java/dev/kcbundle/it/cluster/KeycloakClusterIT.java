package dev.kcbundle.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcbundle.it.AdminUsers;
import dev.kcbundle.it.Federation;
import dev.kcbundle.it.HttpJson;
import dev.kcbundle.it.KeycloakClusterTestServer;
import dev.kcbundle.it.KeycloakTestServer;
import dev.kcbundle.launcher.TenantDatabase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Two Keycloak nodes on one PostgreSQL agree on everything a user of the acme realm sees: sessions, the user cache of
 * ArangoDB users, the federation's settings. Users are made through the admin API, so they live in ArangoDB.
 * Stopping node 1 comes last: after it only node 2 answers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakClusterIT {

    private static final String PASSWORD = "Cluster-pass-2026";
    private static final int NODE_1 = 1;
    private static final int NODE_2 = 2;

    private static KeycloakClusterTestServer cluster;
    private static AcmeOnNodes acme;

    @BeforeAll
    static void cluster() {
        cluster = KeycloakClusterTestServer.shared();
        acme = new AcmeOnNodes(cluster);
        acme.createClient();
    }

    @Test
    void loginOnNode1RefreshAndUserinfoOnNode2LogoutOnNode2EndsTheSessionOnNode1() {
        String username = newArangoUser(NODE_1);
        HttpJson.Answer login = ok(acme.login(NODE_1, username, PASSWORD, "openid"));

        HttpJson.Answer refreshed = ok(acme.refresh(NODE_2, login.body()));
        JsonNode claims = AcmeOnNodes.accessToken(refreshed);
        assertThat(claims.get("iss").asText()).isEqualTo(cluster.issuer(AcmeOnNodes.REALM));
        assertThat(claims.get("sid").asText())
                .as("same session")
                .isEqualTo(AcmeOnNodes.accessToken(login).get("sid").asText());
        HttpJson.Answer userInfo = ok(acme.userInfo(NODE_2, refreshed.body()));
        assertThat(userInfo.body().get("preferred_username").asText()).isEqualTo(username);

        assertThat(acme.logout(NODE_2, refreshed.body()).status()).isEqualTo(204);

        HttpJson.Answer refreshAfterLogout = acme.refresh(NODE_1, refreshed.body());
        assertThat(refreshAfterLogout.status()).isEqualTo(400);
        assertThat(refreshAfterLogout.body().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(acme.userInfo(NODE_1, refreshed.body()).status())
                .as("userinfo on node 1 after logout")
                .isEqualTo(401);
    }

    @Test
    void activeGroupSwitchedOnNode1ShowsInTheNextRefreshOnNode2() {
        String username = newArangoUser(NODE_1);
        HttpJson.Answer login = ok(acme.login(NODE_1, username, PASSWORD, "openid active-group"));
        HttpJson.Answer beforeSwitch = ok(acme.refresh(NODE_2, login.body()));
        assertThat(AcmeOnNodes.accessToken(beforeSwitch).has("active_group"))
                .as("node 2 has the user cached")
                .isFalse();

        assertThat(acme.selectActiveGroup(NODE_1, login.body(), "/staff").status())
                .isEqualTo(200);

        JsonNode claims = AcmeOnNodes.accessToken(ok(acme.refresh(NODE_2, beforeSwitch.body())));
        assertThat(claims.get("active_group").get("path").asText()).isEqualTo("/staff");
    }

    @Test
    void adminChangeOnNode2ShowsInTheNextTokenOnNode1() {
        String username = newArangoUser(NODE_1);
        HttpJson.Answer login = ok(acme.login(NODE_1, username, PASSWORD, "openid"));
        assertThat(strings(AcmeOnNodes.accessToken(login).get("groups"))).containsExactly("/staff");

        RealmResource realmOnNode2 = cluster.admin(NODE_2).realm(AcmeOnNodes.REALM);
        String userId = realmOnNode2.users().search(username, true).get(0).getId();
        UserRepresentation user = realmOnNode2.users().get(userId).toRepresentation();
        user.singleAttribute("policies", "cluster:audit");
        realmOnNode2.users().get(userId).update(user);
        realmOnNode2
                .users()
                .get(userId)
                .joinGroup(realmOnNode2.getGroupByPath("/staff/office").getId());

        JsonNode claims = AcmeOnNodes.accessToken(ok(acme.refresh(NODE_1, login.body())));
        assertThat(strings(claims.get("policies"))).contains("cluster:audit");
        assertThat(strings(claims.get("groups"))).containsExactlyInAnyOrder("/staff", "/staff/office");
    }

    @Test
    void federationPasswordChangedOnNode1IsUsedByNode2AtOnce() {
        String seenByNode2 = newArangoUser(NODE_1);
        ok(acme.login(NODE_2, seenByNode2, PASSWORD, "openid"));
        String newOnNode2 = newArangoUser(NODE_1);

        KeycloakTestServer.TenantAccount rotated = new KeycloakTestServer.TenantAccount(
                TenantDatabase.userFor(AcmeOnNodes.REALM), TenantDatabase.newPassword());
        cluster.arango().provision(AcmeOnNodes.REALM, rotated);
        assertThat(acme.login(NODE_2, newOnNode2, PASSWORD, "openid").status())
                .as("node 2's client still signs in with the old password, which ArangoDB now refuses")
                .isNotEqualTo(200);

        RealmResource realmOnNode1 = cluster.admin(NODE_1).realm(AcmeOnNodes.REALM);
        ComponentRepresentation federation = arangoFederation(realmOnNode1);
        federation.getConfig().putSingle("password", rotated.password());
        realmOnNode1.components().component(federation.getId()).update(federation);

        ok(acme.login(NODE_2, newOnNode2, PASSWORD, "openid"));
        ok(acme.login(NODE_2, seenByNode2, PASSWORD, "openid"));
    }

    @Test
    void userDeletedOnNode2CannotLogInOnNode1() {
        String username = newArangoUser(NODE_1);
        HttpJson.Answer session = ok(acme.login(NODE_1, username, PASSWORD, "openid"));

        RealmResource realmOnNode2 = cluster.admin(NODE_2).realm(AcmeOnNodes.REALM);
        realmOnNode2
                .users()
                .get(realmOnNode2.users().search(username, true).get(0).getId())
                .remove();

        HttpJson.Answer login = acme.login(NODE_1, username, PASSWORD, "openid");
        assertThat(login.status()).as("token endpoint: %s", login.body()).isEqualTo(400);
        assertThat(login.body().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(acme.refresh(NODE_1, session.body()).status())
                .as("the deleted user's session")
                .isEqualTo(400);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void node1StoppedMidTrafficNode2KeepsServingTheSessionsAndNoArangoDataIsLost() throws Exception {
        String username = newArangoUser(NODE_1);
        HttpJson.Answer session = ok(acme.login(NODE_1, username, PASSWORD, "openid"));
        RealmResource realmOnNode1 = cluster.admin(NODE_1).realm(AcmeOnNodes.REALM);
        String userId = realmOnNode1.users().search(username, true).get(0).getId();
        UserRepresentation written = realmOnNode1.users().get(userId).toRepresentation();
        written.singleAttribute("policies", "written:before-stop");
        realmOnNode1.users().get(userId).update(written);
        String trafficUser = newArangoUser(NODE_2);

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger servedAfterStop = new AtomicInteger();
        AtomicBoolean node1Stopped = new AtomicBoolean();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
            while (running.get()) {
                HttpJson.Answer login = acme.login(NODE_2, trafficUser, PASSWORD, "openid");
                int userInfo = login.status() == 200
                        ? acme.userInfo(NODE_2, login.body()).status()
                        : -1;
                if (login.status() != 200 || userInfo != 200) {
                    failures.add("login " + login.status() + " " + login.body() + ", userinfo " + userInfo);
                } else if (node1Stopped.get()) {
                    servedAfterStop.incrementAndGet();
                }
            }
        });
        TimeUnit.SECONDS.sleep(1);
        cluster.stopNode(NODE_1);
        node1Stopped.set(true);

        HttpJson.Answer refreshed = ok(acme.refresh(NODE_2, session.body()));
        assertThat(AcmeOnNodes.accessToken(refreshed).get("sid").asText())
                .isEqualTo(AcmeOnNodes.accessToken(session).get("sid").asText());
        assertThat(ok(acme.userInfo(NODE_2, refreshed.body()))
                        .body()
                        .get("preferred_username")
                        .asText())
                .isEqualTo(username);
        assertThat(strings(AcmeOnNodes.accessToken(refreshed).get("policies"))).contains("written:before-stop");
        TimeUnit.SECONDS.sleep(2);
        running.set(false);
        traffic.get(60, TimeUnit.SECONDS);

        assertThat(failures).as("requests node 2 failed while node 1 stopped").isEmpty();
        assertThat(servedAfterStop.get())
                .as("logins node 2 served after node 1 stopped")
                .isPositive();
        UserRepresentation stored = cluster.admin(NODE_2)
                .realm(AcmeOnNodes.REALM)
                .users()
                .get(userId)
                .toRepresentation();
        assertThat(stored.getAttributes().get("policies")).containsExactly("written:before-stop");
    }

    /** A user created through the admin API of {@code node}: acme keeps it in ArangoDB (its federation link says so). */
    private static String newArangoUser(int node) {
        String username = "cluster-" + UUID.randomUUID().toString().substring(0, 8);
        RealmResource realm = cluster.admin(node).realm(AcmeOnNodes.REALM);
        String id = AdminUsers.create(realm, username, username + "@acme.example", PASSWORD);
        assertThat(realm.users().get(id).toRepresentation().getFederationLink())
                .isEqualTo(arangoFederation(realm).getId());
        return username;
    }

    private static ComponentRepresentation arangoFederation(RealmResource realm) {
        return Federation.arangoDb(realm);
    }

    private static HttpJson.Answer ok(HttpJson.Answer answer) {
        assertThat(answer.status()).as("HTTP status, body %s", answer.body()).isEqualTo(200);
        return answer;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(value -> values.add(value.asText()));
        }
        return values;
    }
}
