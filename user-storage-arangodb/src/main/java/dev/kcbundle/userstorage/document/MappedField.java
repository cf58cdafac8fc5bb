package dev.kcbundle.userstorage.document;

/**
 * The parts of a user that a federation reads from attributes of the tenant's own choosing (its document mapping):
 * each with the component config key that names the attribute and the attribute this provider writes by default.
 */
public enum MappedField {
    ID("mappingId", UserDocument.KEY),
    USERNAME("mappingUsername", UserDocument.USERNAME),
    EMAIL("mappingEmail", UserDocument.EMAIL),
    FIRST_NAME("mappingFirstName", UserDocument.FIRST_NAME),
    LAST_NAME("mappingLastName", UserDocument.LAST_NAME),
    ENABLED("mappingEnabled", UserDocument.ENABLED),
    PASSWORD("mappingPassword", UserDocument.CREDENTIAL),
    GROUPS("mappingGroups", UserDocument.GROUPS),
    ROLES("mappingRoles", UserDocument.ROLES);

    private final String configKey;
    private final String defaultAttribute;

    MappedField(String configKey, String defaultAttribute) {
        this.configKey = configKey;
        this.defaultAttribute = defaultAttribute;
    }

    /** The component config key (and admin console form field) naming the attribute. */
    public String configKey() {
        return configKey;
    }

    /** The attribute of the provider's own document shape. */
    public String defaultAttribute() {
        return defaultAttribute;
    }
}
