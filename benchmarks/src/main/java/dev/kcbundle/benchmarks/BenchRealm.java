package dev.kcbundle.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kcbundle.launcher.RealmTemplate;
import dev.kcbundle.launcher.TenantDatabase;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One benchmark tenant: a realm made from the project's template ({@code realm-export.json}: the same token mappers,
 * password policy, brute-force detection and sessions as a real tenant) whose users live in one {@link Store}.
 * Added to the template: the public client {@value #CLIENT}, a copy of {@code webapp-a} (code + PKCE S256) that also
 * allows password grants, and generated secrets for {@code api-server} (introspection) and {@code micro-service-0}
 * (client credentials).
 */
final class BenchRealm {

    static final String CLIENT = "bench-app";
    static final String RESOURCE_SERVER = "api-server";
    static final String SERVICE = "micro-service-0";
    private static final String STORAGE = "org.keycloak.storage.UserStorageProvider";

    final Store store;
    final String name;
    final String realmUrl;
    final String redirectUri;
    final String resourceServerSecret;
    final String serviceSecret;
    final String staffGroupId;
    final String officeGroupId;

    private BenchRealm(
            Store store,
            String name,
            String realmUrl,
            String redirectUri,
            String resourceServerSecret,
            String serviceSecret,
            String staffGroupId,
            String officeGroupId) {
        this.store = store;
        this.name = name;
        this.realmUrl = realmUrl;
        this.redirectUri = redirectUri;
        this.resourceServerSecret = resourceServerSecret;
        this.serviceSecret = serviceSecret;
        this.staffGroupId = staffGroupId;
        this.officeGroupId = officeGroupId;
    }

    /**
     * Creates the realm {@code bench-<run>-<store>}; for an ArangoDB store first its database and its own ArangoDB
     * account (as {@code NewTenant} does), then makes the provider create the users collection and its indexes.
     */
    static BenchRealm create(Stack stack, AdminClient admin, RealmTemplate template, String run, Store store) {
        String name = "bench-" + run + "-" + store.realmSuffix();
        String accountPassword = TenantDatabase.newPassword();
        if (store.inArangoDb()) {
            try {
                TenantDatabase.provision(
                        stack.arangoHosts(),
                        stack.arangoAdminUser(),
                        stack.arangoAdminPassword(),
                        name,
                        TenantDatabase.userFor(name),
                        accountPassword);
            } catch (IOException e) {
                throw new BenchmarkException("cannot provision ArangoDB database " + name + ": " + e.getMessage(), e);
            }
        }
        ObjectNode realm = template.forTenant(
                name,
                "Benchmark " + store.label(),
                Map.of(
                        "ARANGODB_HOSTS",
                        stack.arangoHosts(),
                        "ARANGODB_PROTOCOL",
                        stack.arangoProtocol(),
                        "ARANGODB_TENANT_PASSWORD",
                        accountPassword));
        configureStore(realm, store);
        String resourceServerSecret = TenantDatabase.newPassword();
        String serviceSecret = TenantDatabase.newPassword();
        ArrayNode clients = (ArrayNode) realm.get("clients");
        ObjectNode benchClient = null;
        for (JsonNode client : clients) {
            ObjectNode c = (ObjectNode) client;
            switch (c.path("clientId").asText()) {
                case RESOURCE_SERVER -> c.put("secret", resourceServerSecret);
                case SERVICE -> c.put("secret", serviceSecret);
                case "webapp-a" -> benchClient = c.deepCopy();
                default -> {}
            }
        }
        if (benchClient == null) {
            throw new BenchmarkException("the realm template has no client webapp-a to copy");
        }
        benchClient.remove("id");
        benchClient.put("clientId", CLIENT).put("name", CLIENT).put("directAccessGrantsEnabled", true);
        clients.add(benchClient);
        String redirectUri = benchClient.path("redirectUris").path(0).asText();

        admin.send("POST", "", realm, 201);
        String staff = admin.get("/" + name + "/group-by-path/staff").path("id").asText();
        String office =
                admin.get("/" + name + "/group-by-path/staff/office").path("id").asText();
        admin.get(
                "/" + name + "/users/count"); // an ArangoDB federation creates its collection and indexes on first use
        return new BenchRealm(
                store,
                name,
                stack.keycloakUrl() + "/realms/" + name,
                redirectUri,
                resourceServerSecret,
                serviceSecret,
                staff,
                office);
    }

    /** Keycloak's own users: no federation. ArangoDB: the template's federation with this store's cache policy. */
    private static void configureStore(ObjectNode realm, Store store) {
        ObjectNode components = (ObjectNode) realm.get("components");
        if (!store.inArangoDb()) {
            components.remove(STORAGE);
            return;
        }
        for (JsonNode component : components.path(STORAGE)) {
            ObjectNode config = (ObjectNode) component.get("config");
            config.set("cachePolicy", Http.JSON.createArrayNode().add(store.cachePolicy()));
            for (Iterator<String> names = config.fieldNames(); names.hasNext(); ) {
                if (List.of("maxLifespan", "evictionDay", "evictionHour", "evictionMinute")
                        .contains(names.next())) {
                    names.remove();
                }
            }
        }
    }

    /** The ArangoDB database of this tenant (named like the realm, as {@code NewTenant} makes it). */
    String database() {
        return name;
    }

    void remove(AdminClient admin) {
        admin.delete("/" + name);
    }
}
