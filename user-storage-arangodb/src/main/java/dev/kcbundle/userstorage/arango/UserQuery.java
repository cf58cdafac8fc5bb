package dev.kcbundle.userstorage.arango;

import static dev.kcbundle.userstorage.document.UserDocument.EMAIL_LOWER;
import static dev.kcbundle.userstorage.document.UserDocument.USERNAME_LOWER;

import dev.kcbundle.userstorage.document.DocumentMapping;
import dev.kcbundle.userstorage.document.MappedField;
import dev.kcbundle.userstorage.document.SearchKeys;
import dev.kcbundle.userstorage.document.UserDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.models.UserModel;

/**
 * An AQL user query with bind parameters, built from Keycloak's search parameters (admin console list, search,
 * exact search, attribute search, group and role members). Values only ever travel as bind parameters.
 * Every filter is served by an index: username/email equality by the unique indexes, a search box term by its prefix
 * key in {@code searchPrefixes[*]} (or, searched anywhere, by a gram in {@code searchGrams[*]}), the name fields by
 * a gram of the value, groups, roles and attributes by {@code lookupKeys[*]} (see {@link SearchKeys}). The result
 * is sorted by {@code usernameLower} and paged with LIMIT, never more than {@link #MAX_PAGE_SIZE} documents.
 */
public final class UserQuery {

    /**
     * Most users one search, list or member page returns (also for "no limit", max=-1, and for calls without
     * paging): larger result sets are read page by page with {@code first}.
     */
    public static final int MAX_PAGE_SIZE = 1000;

    static final String COLLECTION_PARAM = "@col";
    private static final String INTERNAL_PARAM_PREFIX = "keycloak.session.";
    private static final String USERNAME_FIELD = "u." + USERNAME_LOWER;
    private static final String EMAIL_FIELD = "u." + EMAIL_LOWER;

    private final DocumentMapping mapping;
    private final List<String> filters = new ArrayList<>();
    private final Map<String, Object> bindVars = new LinkedHashMap<>();

    private UserQuery(String collection, DocumentMapping mapping) {
        this.mapping = mapping;
        bindVars.put(COLLECTION_PARAM, collection);
    }

    /** Every user of a collection of the provider's own shape. */
    public static UserQuery all(String collection) {
        return all(collection, DocumentMapping.DEFAULT);
    }

    /** Every user of the collection, whose documents have the shape {@code mapping} names. */
    public static UserQuery all(String collection, DocumentMapping mapping) {
        return new UserQuery(collection, mapping);
    }

    /** {@link #search(String, DocumentMapping, Map)} in a collection of the provider's own shape. */
    public static UserQuery search(String collection, Map<String, String> params) {
        return search(collection, DocumentMapping.DEFAULT, params);
    }

    /**
     * Keycloak's search parameters, read as Keycloak reads them for its own users ({@code JpaUserProvider}):
     * {@link UserModel#SEARCH} (terms split on blanks, each case-insensitive: {@code "term"} equals username, email,
     * first or last name; otherwise {@code *} is a wildcard and a term not ending in one gets one, so {@code ali} is a
     * prefix, {@code *ali} anywhere, {@code *} alone everybody), the fields username/email/firstName/lastName
     * (substring, or equality when {@link UserModel#EXACT} is true), enabled, emailVerified, and any other key as an
     * exact custom attribute match.
     */
    public static UserQuery search(String collection, DocumentMapping mapping, Map<String, String> params) {
        UserQuery query = new UserQuery(collection, mapping);
        boolean exact = Boolean.parseBoolean(params.get(UserModel.EXACT));
        params.forEach((name, value) -> {
            if (value == null) {
                return;
            }
            switch (name) {
                case UserModel.SEARCH -> query.searchTerms(value);
                case UserModel.USERNAME -> query.field(USERNAME_FIELD, value, exact, true);
                case UserModel.EMAIL -> query.field(EMAIL_FIELD, value, exact, true);
                case UserModel.FIRST_NAME -> query.field(query.lowerCase(MappedField.FIRST_NAME), value, exact, false);
                case UserModel.LAST_NAME -> query.field(query.lowerCase(MappedField.LAST_NAME), value, exact, false);
                case UserModel.ENABLED -> query.flag(mapping.attribute(MappedField.ENABLED), value, true);
                case UserModel.EMAIL_VERIFIED -> query.flag(UserDocument.EMAIL_VERIFIED, value, false);
                default -> {
                    if (!name.startsWith(INTERNAL_PARAM_PREFIX)) {
                        query.attribute(name, value);
                    }
                }
            }
        });
        return query;
    }

    /** Users holding one custom attribute value (exact, case-insensitive). */
    public UserQuery attribute(String name, String value) {
        return withLookupKey(SearchKeys.attribute(name, value));
    }

    /** Members of a group (by group id). */
    public UserQuery memberOfGroup(String groupId) {
        return withLookupKey(SearchKeys.group(groupId));
    }

    /** Members of at least one of the groups (by group id). */
    public UserQuery memberOfAnyGroup(java.util.Collection<String> groupIds) {
        List<String> conditions = new ArrayList<>();
        for (String groupId : groupIds) {
            conditions.add(lookupCondition(SearchKeys.group(groupId)));
        }
        filters.add(conditions.isEmpty() ? "false" : "(" + String.join(" OR ", conditions) + ")");
        return this;
    }

    /**
     * Users mapped to a role (realm or client role): by role id, or by one of the other lookup keys: for documents
     * written by earlier versions (role names) {@link SearchKeys#realmRole} / {@link SearchKeys#clientRole}, for
     * references by name {@link SearchKeys#role} of the name.
     */
    public UserQuery withRole(String roleId, String... otherKeys) {
        List<String> conditions = new ArrayList<>();
        conditions.add(lookupCondition(SearchKeys.role(roleId)));
        for (String key : otherKeys) {
            conditions.add(lookupCondition(key));
        }
        filters.add("(" + String.join(" OR ", conditions) + ")");
        return this;
    }

    /** One AQL statement with its own bind parameters. */
    public record Aql(String text, Map<String, Object> bindVars) {}

    /**
     * The statement returning one page of documents: null or negative {@code first} means from the start; a null,
     * negative ("no limit") or larger {@code max} is capped at {@link #MAX_PAGE_SIZE}, so no request reads more.
     */
    public Aql select(Integer first, Integer max) {
        Map<String, Object> vars = new LinkedHashMap<>(bindVars);
        StringBuilder aql = new StringBuilder("FOR u IN @@col");
        appendFilters(aql);
        aql.append(" SORT u.").append(USERNAME_LOWER);
        vars.put("offset", first == null || first < 0 ? 0 : first);
        vars.put("count", pageSize(max));
        aql.append(" LIMIT @offset, @count");
        return new Aql(aql.append(" RETURN u").toString(), vars);
    }

    /** The number of users one page may hold: {@code max} when it is 0..{@link #MAX_PAGE_SIZE}, else the cap. */
    public static int pageSize(Integer max) {
        return max == null || max < 0 || max > MAX_PAGE_SIZE ? MAX_PAGE_SIZE : max;
    }

    /** The statement counting the matching documents (COLLECT WITH COUNT, no documents returned). */
    public Aql count() {
        StringBuilder aql = new StringBuilder("FOR u IN @@col");
        appendFilters(aql);
        return new Aql(aql.append(" COLLECT WITH COUNT INTO n RETURN n").toString(), Map.copyOf(bindVars));
    }

    public boolean hasFilters() {
        return !filters.isEmpty();
    }

    private void appendFilters(StringBuilder aql) {
        for (String filter : filters) {
            aql.append(" FILTER ").append(filter);
        }
    }

    private void searchTerms(String search) {
        for (String term : search.trim().split("\\s+")) {
            String lower = UserDocument.normalize(term);
            if (onlyWildcards(lower)) {
                continue; // Keycloak's pattern '%': everybody
            }
            if (lower.length() >= 2 && lower.startsWith("\"") && lower.endsWith("\"")) {
                String value = lower.substring(1, lower.length() - 1);
                withPrefixKey(value); // a value is a prefix of itself
                anyNameField("==", value);
            } else {
                searchTerm(lower);
            }
        }
    }

    /**
     * A term not quoted, as Keycloak's own search reads it: the LIKE pattern of the term with a {@code *} appended
     * unless it ends in one. A term starting with a literal is looked up by that literal (up to the first {@code *})
     * as a prefix key; for {@code ali} or {@code ali*} the key is the match, so nothing else is checked. A term
     * starting with {@code *} is looked up by a gram of its longest literal part. The pattern is then checked on the
     * candidates.
     */
    private void searchTerm(String term) {
        int wildcard = term.indexOf('*');
        String head = wildcard < 0 ? term : term.substring(0, wildcard);
        if (head.isEmpty()) {
            withGramOf(term, false);
        } else if (withPrefixKey(head) && onlyWildcards(term.substring(head.length()))) {
            return;
        }
        anyNameField("LIKE", likePattern(term.endsWith("*") ? term : term + "*"));
    }

    private static boolean onlyWildcards(String term) {
        return term.chars().allMatch(c -> c == '*');
    }

    /**
     * Adds the index filter on the prefix key of a literal; true when the key is the whole literal (a literal longer
     * than the indexed length is looked up by its head, see {@link SearchKeys#prefixOf}).
     */
    private boolean withPrefixKey(String literal) {
        String key = SearchKeys.prefixOf(literal);
        filters.add("@" + param("p", key) + " IN u." + UserDocument.SEARCH_PREFIXES + "[*]");
        return key.equals(literal);
    }

    /** One value against username, email, first and last name with one operator ({@code ==} or {@code LIKE}). */
    private void anyNameField(String operator, String value) {
        String param = param("s", value);
        filters.add("("
                + String.join(
                        " OR ",
                        nameFields().stream()
                                .map(field -> field + " " + operator + " @" + param)
                                .toList())
                + ")");
    }

    /**
     * One field: username and email equality is served by their unique indexes; every other match is narrowed by a
     * gram of the value first.
     */
    private void field(String expression, String value, boolean exact, boolean uniqueIndex) {
        String lower = UserDocument.normalize(value);
        if (!(exact && uniqueIndex) && !withGramOf(lower, exact)) {
            return;
        }
        String param = param("f", exact || !lower.contains("*") ? lower : likePattern(lower));
        filters.add(match(expression, param, lower, exact));
    }

    /** The fields a search term is matched against: the normalized username and email, first and last name. */
    private List<String> nameFields() {
        return List.of(
                USERNAME_FIELD, EMAIL_FIELD, lowerCase(MappedField.FIRST_NAME), lowerCase(MappedField.LAST_NAME));
    }

    /** The lower-case value of a mapped attribute (attribute names are checked, so safe in the statement). */
    private String lowerCase(MappedField field) {
        return "LOWER(u." + mapping.attribute(field) + ")";
    }

    private static String match(String expression, String param, String term, boolean exact) {
        if (exact) {
            return expression + " == @" + param;
        }
        return term.contains("*") ? expression + " LIKE @" + param : "CONTAINS(" + expression + ", @" + param + ")";
    }

    /**
     * Adds the index filter on a gram of the term (of its longest literal part when {@code *} is a wildcard); false
     * when a wildcard term has no literal part, which matches everything.
     */
    private boolean withGramOf(String term, boolean exact) {
        String literal = exact ? term : longestLiteral(term);
        if (literal.isEmpty()) {
            return false;
        }
        filters.add("@" + param("g", SearchKeys.gramOf(literal)) + " IN u." + UserDocument.SEARCH_GRAMS + "[*]");
        return true;
    }

    private static String longestLiteral(String wildcardTerm) {
        String longest = "";
        for (String part : wildcardTerm.split("\\*")) {
            if (part.length() > longest.length()) {
                longest = part;
            }
        }
        return longest;
    }

    private UserQuery withLookupKey(String key) {
        filters.add(lookupCondition(key));
        return this;
    }

    private String lookupCondition(String key) {
        return "@" + param("k", key) + " IN u." + UserDocument.LOOKUP_KEYS + "[*]";
    }

    private void flag(String field, String value, boolean missingMeansTrue) {
        boolean wanted = Boolean.parseBoolean(value);
        if (wanted) {
            filters.add(missingMeansTrue ? "u." + field + " != false" : "u." + field + " == true");
        } else {
            filters.add(missingMeansTrue ? "u." + field + " == false" : "u." + field + " != true");
        }
    }

    /** '*' becomes '%'; LIKE's own '%' and '_' in the user's text are escaped. */
    static String likePattern(String term) {
        String escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return escaped.replace('*', '%');
    }

    private String param(String prefix, Object value) {
        String name = prefix + bindVars.size();
        bindVars.put(name, value);
        return name;
    }
}
