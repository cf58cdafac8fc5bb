package dev.kcbundle.userstorage.arango;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kcbundle.userstorage.document.DocumentMapping;
import dev.kcbundle.userstorage.document.SearchKeys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.models.UserModel;

class UserQueryTest {

    @Test
    void listingAllIsSortedByTheIndexedUsernameAndPaged() {
        UserQuery query = UserQuery.search("users", Map.of(UserModel.SEARCH, "*"));

        assertThat(query.select(20, 10).text())
                .isEqualTo("FOR u IN @@col SORT u.usernameLower LIMIT @offset, @count RETURN u");
        assertThat(query.select(20, 10).bindVars())
                .containsEntry("@col", "users")
                .containsEntry("offset", 20)
                .containsEntry("count", 10);
        assertThat(query.hasFilters()).isFalse();
    }

    @Test
    void aSearchTermIsAPrefixLookedUpAsOneKeyAndNothingElse() {
        UserQuery query = UserQuery.search("users", Map.of(UserModel.SEARCH, "AliCE"));

        assertThat(query.select(0, 10).text())
                .isEqualTo("FOR u IN @@col FILTER @p1 IN u.searchPrefixes[*] SORT u.usernameLower"
                        + " LIMIT @offset, @count RETURN u");
        assertThat(query.count().bindVars()).containsEntry("p1", "alice");

        UserQuery trailingStar = UserQuery.search("users", Map.of(UserModel.SEARCH, "alice**"));
        assertThat(trailingStar.count().text()).isEqualTo(query.count().text());
        assertThat(trailingStar.count().bindVars()).isEqualTo(query.count().bindVars());
    }

    @Test
    void aTermLongerThanTheIndexedLengthIsLookedUpByItsHeadAndCheckedWhole() {
        String head = "a".repeat(SearchKeys.MAX_INDEXED_LENGTH);
        UserQuery query = UserQuery.search("users", Map.of(UserModel.SEARCH, head + "b_c"));

        assertThat(query.count().text())
                .startsWith("FOR u IN @@col FILTER @p1 IN u.searchPrefixes[*] FILTER (u.usernameLower LIKE @s2 OR"
                        + " u.emailLower LIKE @s2 OR LOWER(u.firstName) LIKE @s2 OR LOWER(u.lastName) LIKE @s2)");
        assertThat(query.count().bindVars()).containsEntry("p1", head).containsEntry("s2", head + "b\\_c%");
    }

    @Test
    void aForeignCollectionIsSearchedByItsMappedNamesAndEnabledFlagAndTheProvidersOwnDerivedFields() {
        DocumentMapping mapping = DocumentMapping.from(
                Map.of("mappingFirstName", "vorname", "mappingLastName", "nachname", "mappingEnabled", "active")::get);

        String search = UserQuery.search("User", mapping, Map.of(UserModel.SEARCH, "*AliCE"))
                .select(0, 10)
                .text();
        String fields = UserQuery.search(
                        "User",
                        mapping,
                        Map.of(UserModel.FIRST_NAME, "Al", UserModel.LAST_NAME, "Li", UserModel.ENABLED, "false"))
                .count()
                .text();

        assertThat(search)
                .contains("@g1 IN u.searchGrams[*]")
                .contains("u.usernameLower LIKE @s2")
                .contains("u.emailLower LIKE @s2")
                .contains("LOWER(u.vorname) LIKE @s2")
                .contains("LOWER(u.nachname) LIKE @s2")
                .doesNotContain("firstName", "lastName")
                .endsWith("SORT u.usernameLower LIMIT @offset, @count RETURN u");
        assertThat(fields)
                .contains("LOWER(u.vorname)", "LOWER(u.nachname)", "u.active == false")
                .doesNotContain("firstName", "lastName", "enabled");
    }

    @Test
    void everyPageIsCappedEvenWithoutALimitOrWithAHugeOne() {
        UserQuery query = UserQuery.all("users");

        assertThat(query.select(null, null).text()).endsWith("LIMIT @offset, @count RETURN u");
        assertThat(query.select(null, null).bindVars())
                .containsEntry("offset", 0)
                .containsEntry("count", UserQuery.MAX_PAGE_SIZE);
        assertThat(query.select(-1, -1).bindVars())
                .containsEntry("offset", 0)
                .containsEntry("count", UserQuery.MAX_PAGE_SIZE);
        assertThat(query.select(5, Integer.MAX_VALUE).bindVars())
                .containsEntry("offset", 5)
                .containsEntry("count", UserQuery.MAX_PAGE_SIZE);
        assertThat(query.select(0, UserQuery.MAX_PAGE_SIZE).bindVars()).containsEntry("count", UserQuery.MAX_PAGE_SIZE);
        assertThat(query.select(0, 0).bindVars()).containsEntry("count", 0);
        assertThat(UserQuery.MAX_PAGE_SIZE).isEqualTo(1000);
    }

    @Test
    void quotedTermIsExactAndNarrowedByItsPrefixKey() {
        UserQuery exact = UserQuery.search("users", Map.of(UserModel.SEARCH, "\"Bob\""));

        assertThat(exact.count().text())
                .startsWith("FOR u IN @@col FILTER @p1 IN u.searchPrefixes[*] FILTER (u.usernameLower == @s2 OR")
                .contains("LOWER(u.lastName) == @s2)");
        assertThat(exact.count().bindVars()).containsEntry("p1", "bob").containsEntry("s2", "bob");
    }

    @Test
    void aStarInsideKeepsThePrefixKeyOfTheHeadAndChecksThePatternAsKeycloakDoes() {
        UserQuery wildcard = UserQuery.search("users", Map.of(UserModel.SEARCH, "b*_xyz"));

        assertThat(wildcard.select(0, 5).text())
                .contains("FILTER @p1 IN u.searchPrefixes[*]")
                .contains("u.usernameLower LIKE @s2")
                .doesNotContain("searchGrams");
        assertThat(wildcard.count().bindVars())
                .as("Keycloak appends a wildcard to a term not ending in one: b%_xyz%")
                .containsEntry("p1", "b")
                .containsEntry("s2", "b%\\_xyz%");
    }

    @Test
    void aLeadingStarSearchesAnywhereThroughAGramOfTheLongestLiteral() {
        UserQuery infix = UserQuery.search("users", Map.of(UserModel.SEARCH, "*ce*example"));

        assertThat(infix.count().text())
                .startsWith("FOR u IN @@col FILTER @g1 IN u.searchGrams[*] FILTER (u.usernameLower LIKE @s2 OR")
                .doesNotContain("searchPrefixes");
        assertThat(infix.count().bindVars()).containsEntry("g1", "exa").containsEntry("s2", "%ce%example%");

        assertThat(UserQuery.search("users", Map.of(UserModel.SEARCH, "*lic*"))
                        .count()
                        .bindVars())
                .containsEntry("g1", "lic")
                .containsEntry("s2", "%lic%");
    }

    @Test
    void aLoneStarListsEverybodyWithoutAFilter() {
        assertThat(UserQuery.search("users", Map.of(UserModel.SEARCH, "* **")).hasFilters())
                .isFalse();
        assertThat(UserQuery.search("users", Map.of(UserModel.FIRST_NAME, "*")).hasFilters())
                .isFalse();
    }

    @Test
    void nameFieldsAreNarrowedByAGramEvenWhenExact() {
        UserQuery query = exactSearch(UserModel.FIRST_NAME, "Odd");

        assertThat(query.count().text())
                .isEqualTo("FOR u IN @@col FILTER @g1 IN u.searchGrams[*] "
                        + "FILTER LOWER(u.firstName) == @f2 COLLECT WITH COUNT INTO n RETURN n");
        assertThat(query.count().bindVars()).containsEntry("g1", "odd").containsEntry("f2", "odd");
    }

    @Test
    void exactFieldSearchUsesEqualityOnTheNormalizedForm() {
        UserQuery query = exactSearch(UserModel.EMAIL, "Alice@Example.org");

        assertThat(query.count().text())
                .isEqualTo("FOR u IN @@col FILTER u.emailLower == @f1 COLLECT WITH COUNT INTO n RETURN n");
        assertThat(query.count().bindVars()).containsEntry("f1", "alice@example.org");
    }

    @Test
    void customAttributesAndFlagsBecomeFilters() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("policies", "self:read");
        params.put(UserModel.ENABLED, "false");
        params.put(UserModel.INCLUDE_SERVICE_ACCOUNT, "true");

        UserQuery query = UserQuery.search("users", params);

        assertThat(query.count().text())
                .contains("FILTER @k1 IN u.lookupKeys[*]")
                .contains("FILTER u.enabled == false")
                .doesNotContain("service");
        assertThat(query.count().bindVars()).containsEntry("k1", "attribute:policies:self:read");
    }

    @Test
    void valuesNeverEnterTheQueryText() {
        String injection = "x\" || true || \"";
        UserQuery query = UserQuery.search("users", Map.of(UserModel.USERNAME, injection));

        assertThat(query.select(0, 1).text()).doesNotContain(injection).doesNotContain("true ||");
    }

    @Test
    void groupAndRoleMembership() {
        UserQuery group = UserQuery.all("users").memberOfGroup("g-1");
        assertThat(group.select(0, 10).text()).contains("FILTER @k1 IN u.lookupKeys[*]");
        assertThat(group.count().bindVars()).containsEntry("k1", "group:g-1");

        UserQuery role = UserQuery.all("users").withRole("r-1", SearchKeys.clientRole("urn:api", "reader"));
        assertThat(role.count().text()).contains("FILTER (@k1 IN u.lookupKeys[*] OR @k2 IN u.lookupKeys[*])");
        assertThat(role.count().bindVars())
                .containsEntry("k1", "role:r-1")
                .containsEntry("k2", "client-role:urn%3Aapi:reader");

        assertThat(UserQuery.all("users")
                        .memberOfAnyGroup(List.of("a", "b"))
                        .count()
                        .text())
                .contains("(@k1 IN u.lookupKeys[*] OR @k2 IN u.lookupKeys[*])");
    }

    private static UserQuery exactSearch(String field, String value) {
        return UserQuery.search("users", Map.of(field, value, UserModel.EXACT, "true"));
    }
}
