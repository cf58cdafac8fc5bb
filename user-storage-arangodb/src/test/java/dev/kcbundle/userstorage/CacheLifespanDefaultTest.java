package dev.kcbundle.userstorage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.keycloak.component.ComponentModel;
import org.keycloak.storage.CacheableStorageProviderModel.CachePolicy;
import org.keycloak.storage.UserStorageProviderModel;

class CacheLifespanDefaultTest {

    @Test
    void defaultOrMissingPolicyBecomesAFiveMinuteMaxLifespan() {
        for (String policy : new String[] {null, "", "DEFAULT"}) {
            ComponentModel model = component(policy, null);

            assertThat(CacheLifespanDefault.apply(model)).isTrue();

            UserStorageProviderModel storage = new UserStorageProviderModel(model);
            assertThat(storage.getCachePolicy()).isEqualTo(CachePolicy.MAX_LIFESPAN);
            assertThat(storage.getMaxLifespan()).isEqualTo(300_000L);
            assertThat(storage.getLifespan()).isEqualTo(300_000L);
        }
    }

    @Test
    void maxLifespanWithoutAPositiveLifespanGetsTheDefault() {
        for (String lifespan : new String[] {null, "-1", "0", "soon"}) {
            ComponentModel model = component("MAX_LIFESPAN", lifespan);

            assertThat(CacheLifespanDefault.apply(model)).isTrue();
            assertThat(model.get("maxLifespan")).isEqualTo("300000");
        }
    }

    @Test
    void explicitChoicesAreKept() {
        ComponentModel shortLifespan = component("MAX_LIFESPAN", "2000");
        ComponentModel noCache = component("NO_CACHE", null);
        ComponentModel daily = component("EVICT_DAILY", null);

        assertThat(CacheLifespanDefault.apply(shortLifespan)).isFalse();
        assertThat(CacheLifespanDefault.apply(noCache)).isFalse();
        assertThat(CacheLifespanDefault.apply(daily)).isFalse();
        assertThat(shortLifespan.get("maxLifespan")).isEqualTo("2000");
        assertThat(noCache.get("cachePolicy")).isEqualTo("NO_CACHE");
        assertThat(noCache.get("maxLifespan")).isNull();
        assertThat(daily.get("cachePolicy")).isEqualTo("EVICT_DAILY");
    }

    private static ComponentModel component(String policy, String lifespan) {
        ComponentModel model = new ComponentModel();
        model.setProviderId(ArangoUserStorageProviderFactory.PROVIDER_ID);
        if (policy != null) {
            model.put("cachePolicy", policy);
        }
        if (lifespan != null) {
            model.put("maxLifespan", lifespan);
        }
        return model;
    }
}
