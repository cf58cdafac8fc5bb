package dev.kcbundle.userimport;

import java.util.List;
import java.util.Map;

/**
 * One user as a source gives it, before validation. A null field was not given: an existing user keeps the stored
 * value, a new one gets the provider's default; an empty string or list clears the stored value.
 *
 * @param where     where the row is, for reports ({@code line 12}, {@code User/4711})
 * @param id        the source's own id of the user (null: the key is derived from the username)
 * @param groups    group references as the source gives them: Keycloak group ids, paths ({@code /staff/office}) or names
 * @param roles     role references: Keycloak role ids, realm role names or {@code <clientId>/<roleName>}
 * @param attributes custom attributes given (others stored stay)
 */
public record UserRow(
        String where,
        String id,
        String username,
        String email,
        String firstName,
        String lastName,
        Boolean enabled,
        Boolean emailVerified,
        Long createdTimestamp,
        List<String> groups,
        List<String> roles,
        Map<String, List<String>> attributes,
        ImportedPassword password) {}
