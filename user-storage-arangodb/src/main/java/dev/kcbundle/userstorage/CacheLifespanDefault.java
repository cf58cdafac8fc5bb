package dev.kcbundle.userstorage;

import java.util.concurrent.TimeUnit;
import org.keycloak.component.ComponentModel;
import org.keycloak.storage.CacheableStorageProviderModel;
import org.keycloak.storage.CacheableStorageProviderModel.CachePolicy;

/**
 * The freshness contract: Keycloak's user cache keeps an ArangoDB user (password hash, enabled flag, groups, roles,
 * attributes) for at most {@link #DEFAULT_MAX_LIFESPAN_MS} unless the component says otherwise, so a change written
 * into ArangoDB by another tool takes effect within that time. Keycloak's own cache policy {@code DEFAULT} (or none)
 * would cache without expiry; on every save of the component (create, update, realm import) it becomes
 * {@code MAX_LIFESPAN} with this lifespan, as does {@code MAX_LIFESPAN} without a positive lifespan. Every other
 * explicit choice ({@code EVICT_DAILY}, {@code EVICT_WEEKLY}, {@code NO_CACHE}, a lifespan) is kept.
 */
public final class CacheLifespanDefault {

    /** Five minutes, the lifespan of Keycloak's default access token. */
    public static final long DEFAULT_MAX_LIFESPAN_MS = TimeUnit.MINUTES.toMillis(5);

    private CacheLifespanDefault() {}

    /** Sets the bounded default on the component's config; true when it changed anything. */
    public static boolean apply(ComponentModel model) {
        String policy = model.get(CacheableStorageProviderModel.CACHE_POLICY);
        boolean unbounded =
                policy == null || policy.isBlank() || CachePolicy.DEFAULT.name().equals(policy);
        if (!unbounded && !(CachePolicy.MAX_LIFESPAN.name().equals(policy) && !hasPositiveLifespan(model))) {
            return false;
        }
        model.put(CacheableStorageProviderModel.CACHE_POLICY, CachePolicy.MAX_LIFESPAN.name());
        model.put(CacheableStorageProviderModel.MAX_LIFESPAN, Long.toString(DEFAULT_MAX_LIFESPAN_MS));
        return true;
    }

    private static boolean hasPositiveLifespan(ComponentModel model) {
        try {
            String lifespan = model.get(CacheableStorageProviderModel.MAX_LIFESPAN);
            return lifespan != null && Long.parseLong(lifespan.trim()) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
