package dev.kcbundle.userstorage.arango;

import static dev.kcbundle.userstorage.document.UserDocument.ATTRIBUTES;
import static dev.kcbundle.userstorage.document.UserDocument.EMAIL_LOWER;
import static dev.kcbundle.userstorage.document.UserDocument.USERNAME_LOWER;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.kcbundle.userstorage.document.UserDocument;
import org.keycloak.models.UserModel;

/**
 * An AQL user query with bind parameters, built from Keycloak's search parameters (admin console list, search,
 * exact search, attribute search, group and role members). Values only ever travel as bind parameters.
 * The result is sorted by {@code usernameLower} (served by its persistent index) and paged with LIMIT.
 */
public final class UserQuery {

    static final String COLLECTION_PARAM = "@col";
    private static final String INTERNAL_PARAM_PREFIX = "keycloak.session.";

    private final List<String> filters = new ArrayList<>();
    private final Map<String, Object> bindVars = new LinkedHashMap<>();

    private UserQuery(String collection) {
        bindVars.put(COLLECTION_PARAM, collection);
    }

    /** Every user of the collection. */
    public static UserQuery all(String collection) {
        return new UserQuery(collection);
    }

    /**
     * Keycloak's search parameters: {@link UserModel#SEARCH} (terms split on blanks; {@code *} alone lists all,
     * {@code *} inside is a wildcard, {@code "term"} is exact, otherwise a case-insensitive substring of username,
     * email, first or last name), the fields username/email/firstName/lastName (substring, or equality when
     * {@link UserModel#EXACT} is true), enabled, emailVerified, and any other key as an exact custom attribute match.
     */
    public static UserQuery search(String collection, Map<String, String> params) {
        UserQuery query = new UserQuery(collection);
        boolean exact = Boolean.parseBoolean(params.get(UserModel.EXACT));
        params.forEach((name, value) -> {
            if (value == null) {
                return;
            }
            switch (name) {
                case UserModel.SEARCH -> query.searchTerms(value);
                case UserModel.USERNAME -> query.field("u." + USERNAME_LOWER, value, exact);
                case UserModel.EMAIL -> query.field("u." + EMAIL_LOWER, value, exact);
                case UserModel.FIRST_NAME -> query.field("LOWER(u." + UserDocument.FIRST_NAME + ")", value, exact);
                case UserModel.LAST_NAME -> query.field("LOWER(u." + UserDocument.LAST_NAME + ")", value, exact);
                case UserModel.ENABLED -> query.flag(UserDocument.ENABLED, value, true);
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

    /** Users holding one custom attribute value (exact). */
    public UserQuery attribute(String name, String value) {
        String nameParam = param("an", name);
        String valueParam = param("av", value);
        filters.add("@" + valueParam + " IN u." + ATTRIBUTES + "[@" + nameParam + "]");
        return this;
    }

    /** Members of a group (by group id). */
    public UserQuery memberOfGroup(String groupId) {
        filters.add("@" + param("g", groupId) + " IN u." + UserDocument.GROUPS);
        return this;
    }

    /** Members of at least one of the groups (by group id). */
    public UserQuery memberOfAnyGroup(java.util.Collection<String> groupIds) {
        List<String> conditions = new ArrayList<>();
        for (String groupId : groupIds) {
            conditions.add("@" + param("g", groupId) + " IN u." + UserDocument.GROUPS);
        }
        filters.add(conditions.isEmpty() ? "false" : "(" + String.join(" OR ", conditions) + ")");
        return this;
    }

    /** Users with a realm role (by name). */
    public UserQuery withRealmRole(String roleName) {
        filters.add("@" + param("r", roleName) + " IN u." + UserDocument.ROLES + "." + UserDocument.REALM_ROLES);
        return this;
    }

    /** Users with a client role (by clientId and role name). */
    public UserQuery withClientRole(String clientId, String roleName) {
        String client = param("c", clientId);
        filters.add("@" + param("r", roleName) + " IN u." + UserDocument.ROLES + "." + UserDocument.CLIENT_ROLES
                + "[@" + client + "]");
        return this;
    }

    /** The AQL returning one page of documents; null or negative first/max mean "from the start"/"no limit". */
    public String selectAql(Integer first, Integer max) {
        StringBuilder aql = new StringBuilder("FOR u IN @@col");
        appendFilters(aql);
        aql.append(" SORT u.").append(USERNAME_LOWER);
        int offset = first == null || first < 0 ? 0 : first;
        if (max != null && max >= 0) {
            bindVars.put("offset", offset);
            bindVars.put("count", max);
            aql.append(" LIMIT @offset, @count");
        } else if (offset > 0) {
            bindVars.put("offset", offset);
            bindVars.put("count", Integer.MAX_VALUE);
            aql.append(" LIMIT @offset, @count");
        }
        return aql.append(" RETURN u").toString();
    }

    /** The AQL counting the matching documents (COLLECT WITH COUNT, no documents returned). */
    public String countAql() {
        StringBuilder aql = new StringBuilder("FOR u IN @@col");
        appendFilters(aql);
        return aql.append(" COLLECT WITH COUNT INTO n RETURN n").toString();
    }

    public boolean hasFilters() {
        return !filters.isEmpty();
    }

    public Map<String, Object> bindVars() {
        return bindVars;
    }

    private void appendFilters(StringBuilder aql) {
        for (String filter : filters) {
            aql.append(" FILTER ").append(filter);
        }
    }

    private void searchTerms(String search) {
        for (String term : search.trim().split("\\s+")) {
            String lower = UserDocument.normalize(term);
            if (lower.isEmpty() || lower.chars().allMatch(c -> c == '*')) {
                continue;
            }
            List<String> fields = List.of("u." + USERNAME_LOWER, "u." + EMAIL_LOWER,
                    "LOWER(u." + UserDocument.FIRST_NAME + ")", "LOWER(u." + UserDocument.LAST_NAME + ")");
            String condition;
            if (lower.length() >= 2 && lower.startsWith("\"") && lower.endsWith("\"")) {
                String value = param("s", lower.substring(1, lower.length() - 1));
                condition = String.join(" OR ", fields.stream().map(f -> f + " == @" + value).toList());
            } else if (lower.contains("*")) {
                String pattern = param("s", likePattern(lower));
                condition = String.join(" OR ", fields.stream().map(f -> f + " LIKE @" + pattern).toList());
            } else {
                String value = param("s", lower);
                condition = String.join(" OR ", fields.stream().map(f -> "CONTAINS(" + f + ", @" + value + ")").toList());
            }
            filters.add("(" + condition + ")");
        }
    }

    private void field(String expression, String value, boolean exact) {
        String lower = UserDocument.normalize(value);
        if (exact) {
            filters.add(expression + " == @" + param("f", lower));
        } else if (lower.contains("*")) {
            filters.add(expression + " LIKE @" + param("f", likePattern(lower)));
        } else {
            filters.add("CONTAINS(" + expression + ", @" + param("f", lower) + ")");
        }
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
