package dev.kcbundle.userstorage.document;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The derived arrays that let ArangoDB persistent array indexes serve every admin search:
 * <ul>
 *   <li>{@code searchPrefixes}: every prefix, of one to {@value #MAX_INDEXED_LENGTH} characters, of the lower-case
 *       username, email, first and last name. The admin search box reads a term as Keycloak does, as a prefix of one of
 *       them ({@code ali} finds {@code Alice}), and looks it up as one key: the key is the match, nothing to check.</li>
 *   <li>{@code searchGrams}: every substring of one to {@value #MAX_GRAM} characters of the same four values (of their
 *       first {@value #MAX_INDEXED_LENGTH} characters). A term searched anywhere ({@code *lic}, and the substring
 *       fields {@code username=}, {@code email=}, {@code firstName=}, {@code lastName=}) looks up one gram of it in
 *       the index, then checks the term on those candidates only.</li>
 *   <li>{@code lookupKeys}: one key per group membership, role mapping and (lower-cased) attribute value,
 *       e.g. {@code group:<group id>}, {@code role:<role id>}, {@code attribute:policies:self:read}; documents of
 *       earlier versions, whose role mappings are still names, have {@code realm-role:editor} and
 *       {@code client-role:api-server:reader} instead of {@code role:} keys. The first part of a two-part key is URL-encoded, so a {@code :} in a
 *       clientId or attribute name cannot make two keys equal.</li>
 * </ul>
 */
public final class SearchKeys {

    /** Longest gram kept; a search term's first {@value} characters are looked up. */
    public static final int MAX_GRAM = 3;

    /**
     * Characters (code points) of each field that are indexed: Keycloak's own limit for username, email, first and
     * last name (user profile validators, database columns). A longer value (a relaxed user profile, a document
     * written by another tool) is stored whole, but only grams and prefixes of its first {@value} characters are
     * indexed: a term searched anywhere finds it when the term's first {@value #MAX_GRAM} characters lie within them;
     * a longer prefix term is looked up by its first {@value} characters and checked whole. With four fields a
     * document holds at most {@link #MAX_GRAMS_PER_DOCUMENT} grams and {@link #MAX_PREFIXES_PER_DOCUMENT} prefixes.
     */
    public static final int MAX_INDEXED_LENGTH = 255;

    /** Upper bound of {@code searchGrams} per document: four fields of {@link #MAX_INDEXED_LENGTH} characters. */
    public static final int MAX_GRAMS_PER_DOCUMENT =
            4 * (MAX_GRAM * MAX_INDEXED_LENGTH - (MAX_GRAM - 1) * MAX_GRAM / 2);

    /**
     * Upper bound of {@code searchPrefixes} per document: four fields of {@link #MAX_INDEXED_LENGTH} characters, one
     * prefix per character (a prefix is at most {@link #MAX_INDEXED_LENGTH} characters long).
     */
    public static final int MAX_PREFIXES_PER_DOCUMENT = 4 * MAX_INDEXED_LENGTH;

    private SearchKeys() {}

    /**
     * Distinct 1- to 3-character substrings of the first {@link #MAX_INDEXED_LENGTH} characters of the given
     * lower-case values (null values are skipped).
     */
    public static List<String> grams(String... values) {
        Set<String> grams = new LinkedHashSet<>();
        for (String value : values) {
            if (value == null) {
                continue;
            }
            int[] codePoints = value.codePoints().limit(MAX_INDEXED_LENGTH).toArray();
            for (int start = 0; start < codePoints.length; start++) {
                for (int length = 1; length <= MAX_GRAM && start + length <= codePoints.length; length++) {
                    grams.add(new String(codePoints, start, length));
                }
            }
        }
        return new ArrayList<>(grams);
    }

    /**
     * Distinct prefixes of 1 to {@link #MAX_INDEXED_LENGTH} characters (code points) of the given lower-case values
     * (null values are skipped).
     */
    public static List<String> prefixes(String... values) {
        Set<String> prefixes = new LinkedHashSet<>();
        for (String value : values) {
            if (value == null) {
                continue;
            }
            int end = 0;
            for (int count = 0; count < MAX_INDEXED_LENGTH && end < value.length(); count++) {
                end = value.offsetByCodePoints(end, 1);
                prefixes.add(value.substring(0, end));
            }
        }
        return new ArrayList<>(prefixes);
    }

    /**
     * The prefix key to look up for a lower-case term: the term itself, or its first {@link #MAX_INDEXED_LENGTH}
     * characters when it is longer (then the key only narrows, the term is checked on the candidates).
     */
    public static String prefixOf(String term) {
        return term.codePointCount(0, term.length()) <= MAX_INDEXED_LENGTH
                ? term
                : term.substring(0, term.offsetByCodePoints(0, MAX_INDEXED_LENGTH));
    }

    /** The gram to look up for a lower-case search term: its first characters (at most {@value #MAX_GRAM}). */
    public static String gramOf(String term) {
        int[] codePoints = term.codePoints().limit(MAX_GRAM).toArray();
        return new String(codePoints, 0, codePoints.length);
    }

    public static List<String> lookupKeys(
            Collection<String> groupIds,
            Collection<String> roleIds,
            Collection<String> legacyRealmRoles,
            Map<String, List<String>> legacyClientRoles,
            Map<String, List<String>> attributes) {
        Set<String> keys = new LinkedHashSet<>();
        groupIds.forEach(id -> keys.add(group(id)));
        roleIds.forEach(id -> keys.add(role(id)));
        legacyRealmRoles.forEach(role -> keys.add(realmRole(role)));
        legacyClientRoles.forEach((clientId, roles) -> roles.forEach(role -> keys.add(clientRole(clientId, role))));
        attributes.forEach((name, values) -> values.forEach(value -> keys.add(attribute(name, value))));
        return new ArrayList<>(keys);
    }

    public static String group(String groupId) {
        return "group:" + groupId;
    }

    /** A role mapping (realm or client role) by Keycloak role id. */
    public static String role(String roleId) {
        return "role:" + roleId;
    }

    /** A realm role mapping of the legacy form (by name). */
    public static String realmRole(String roleName) {
        return "realm-role:" + roleName;
    }

    /** A client role mapping of the legacy form (by clientId and name). */
    public static String clientRole(String clientId, String roleName) {
        return "client-role:" + encode(clientId) + ":" + roleName;
    }

    /** Attribute values match case-insensitively, as in Keycloak's own (JPA) user search. */
    public static String attribute(String name, String value) {
        return "attribute:" + encode(name) + ":" + UserDocument.normalize(value);
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8);
    }
}
