package dev.kcbundle.userstorage.arango;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.models.UserModel;

class UserQueryTest {

    @Test
    void listingAllIsSortedByTheIndexedUsernameAndPaged() {
        UserQuery query = UserQuery.search("users", Map.of(UserModel.SEARCH, "*"));

        assertThat(query.selectAql(20, 10))
                .isEqualTo("FOR u IN @@col SORT u.usernameLower LIMIT @offset, @count RETURN u");
        assertThat(query.bindVars()).containsEntry("@col", "users").containsEntry("offset", 20).containsEntry("count", 10);
        assertThat(query.hasFilters()).isFalse();
    }

    @Test
    void searchTermIsACaseInsensitiveSubstringOfUsernameEmailAndNames() {
        UserQuery query = UserQuery.search("users", Map.of(UserModel.SEARCH, "AliCE"));

        String aql = query.selectAql(0, 10);
        assertThat(aql).contains("CONTAINS(u.usernameLower, @s1)").contains("CONTAINS(u.emailLower, @s1)")
                .contains("CONTAINS(LOWER(u.firstName), @s1)").contains("CONTAINS(LOWER(u.lastName), @s1)");
        assertThat(query.bindVars()).containsEntry("s1", "alice");
    }

    @Test
    void quotedTermIsExactAndStarIsAWildcard() {
        UserQuery exact = UserQuery.search("users", Map.of(UserModel.SEARCH, "\"Bob\""));
        assertThat(exact.selectAql(null, null)).contains("u.usernameLower == @s1").doesNotContain("LIMIT");
        assertThat(exact.bindVars()).containsEntry("s1", "bob");

        UserQuery wildcard = UserQuery.search("users", Map.of(UserModel.SEARCH, "b*_x"));
        assertThat(wildcard.selectAql(0, 5)).contains("u.usernameLower LIKE @s1");
        assertThat(wildcard.bindVars()).containsEntry("s1", "b%\\_x");
    }

    @Test
    void exactFieldSearchUsesEqualityOnTheNormalizedForm() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put(UserModel.EMAIL, "Alice@Example.org");
        params.put(UserModel.EXACT, "true");

        UserQuery query = UserQuery.search("users", params);

        assertThat(query.countAql())
                .isEqualTo("FOR u IN @@col FILTER u.emailLower == @f1 COLLECT WITH COUNT INTO n RETURN n");
        assertThat(query.bindVars()).containsEntry("f1", "alice@example.org");
    }

    @Test
    void customAttributesAndFlagsBecomeFilters() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("policies", "self:read");
        params.put(UserModel.ENABLED, "false");
        params.put(UserModel.INCLUDE_SERVICE_ACCOUNT, "true");

        UserQuery query = UserQuery.search("users", params);

        assertThat(query.countAql()).contains("FILTER @av2 IN u.attributes[@an1]").contains("FILTER u.enabled == false")
                .doesNotContain("service");
        assertThat(query.bindVars()).containsEntry("an1", "policies").containsEntry("av2", "self:read");
    }

    @Test
    void valuesNeverEnterTheQueryText() {
        String injection = "x\" || true || \"";
        UserQuery query = UserQuery.search("users", Map.of(UserModel.USERNAME, injection));

        assertThat(query.selectAql(0, 1)).doesNotContain(injection).doesNotContain("true ||");
    }

    @Test
    void groupAndRoleMembership() {
        assertThat(UserQuery.all("users").memberOfGroup("g-1").selectAql(0, 10)).contains("FILTER @g1 IN u.groups");
        assertThat(UserQuery.all("users").withClientRole("api", "reader").countAql())
                .contains("FILTER @r2 IN u.roles.clients[@c1]");
        assertThat(UserQuery.all("users").memberOfAnyGroup(List.of("a", "b")).countAql())
                .contains("(@g1 IN u.groups OR @g2 IN u.groups)");
    }
}
