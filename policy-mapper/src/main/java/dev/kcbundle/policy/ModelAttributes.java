package dev.kcbundle.policy;

/**
 * Attribute names shared by the mapper and the active-group endpoint (see /shared/design.md: change them only together
 * with every module and the README).
 */
public final class ModelAttributes {

    /** Multi-valued attribute of users, roles and groups holding policy strings such as {@code academic:read}. */
    public static final String POLICIES = "policies";

    /** Single-valued user attribute holding the id of the user's active group. */
    public static final String ACTIVE_GROUP = "active_group";

    private ModelAttributes() {}
}
