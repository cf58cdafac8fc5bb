package dev.kcbundle.benchmarks;

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
