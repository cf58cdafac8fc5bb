package dev.kcbundle.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * Where a benchmark realm keeps its users. Each store is a realm of its own made from the same template, so the three
 * differ only in the user store: a realm holding two federations would look every ArangoDB user up in both (and
 * Keycloak-local users would share a realm with a federation no tenant of ours has).
 */
public enum Store {

    /** Keycloak's own users (its database), no federation. */
    KEYCLOAK("keycloak", "kc", null),
    /** The {@code arangodb} federation with Keycloak's user cache (cache policy DEFAULT). */
    ARANGODB_DEFAULT("arangodb-default", "ad", "DEFAULT"),
    /** The {@code arangodb} federation with cache policy NO_CACHE: every request reads ArangoDB. */
    ARANGODB_NO_CACHE("arangodb-no-cache", "an", "NO_CACHE");

    private final String label;
    private final String realmSuffix;
    private final String cachePolicy;

    Store(String label, String realmSuffix, String cachePolicy) {
        this.label = label;
        this.realmSuffix = realmSuffix;
        this.cachePolicy = cachePolicy;
    }

    /** Parses {@code keycloak,arangodb-default,...} (the labels) or {@code all}; at least one ArangoDB store. */
    static List<Store> parse(String labels) {
        List<Store> stores = labels.equals("all")
                ? List.of(values())
                : Arrays.stream(labels.split(","))
                        .map(String::trim)
                        .map(Store::byLabel)
                        .distinct()
                        .toList();
        if (stores.stream().noneMatch(Store::inArangoDb)) {
            throw new IllegalArgumentException("--stores needs an ArangoDB store (it hashes the seeded password)");
        }
        return stores;
    }

    private static Store byLabel(String label) {
        return Arrays.stream(values())
                .filter(store -> store.label.equals(label))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown store " + label + "; one of "
                        + Arrays.stream(values()).map(Store::label).toList()));
    }

    public String label() {
        return label;
    }

    String realmSuffix() {
        return realmSuffix;
    }

    /** The federation's cache policy; null for Keycloak's own users. */
    String cachePolicy() {
        return cachePolicy;
    }

    boolean inArangoDb() {
        return cachePolicy != null;
    }
}
