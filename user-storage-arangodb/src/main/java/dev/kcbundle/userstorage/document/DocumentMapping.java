package dev.kcbundle.userstorage.document;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Which document attribute holds each {@link MappedField} of a user, per federation. {@link #DEFAULT} is the
 * provider's own shape, so a federation configured before mappings existed reads its documents as before.
 */
public record DocumentMapping(Map<MappedField, String> attributes) {

    public static final DocumentMapping DEFAULT = from(configKey -> null);

    public DocumentMapping {
        EnumMap<MappedField, String> complete = new EnumMap<>(MappedField.class);
        for (MappedField field : MappedField.values()) {
            String attribute = attributes.get(field);
            complete.put(field, attribute == null || attribute.isBlank() ? field.defaultAttribute() : attribute.trim());
        }
        attributes = Collections.unmodifiableMap(complete);
    }

    /** Reads the mapping from config values by {@link MappedField#configKey()}; a blank or absent one is the default. */
    public static DocumentMapping from(Function<String, String> config) {
        Map<MappedField, String> attributes = new EnumMap<>(MappedField.class);
        for (MappedField field : MappedField.values()) {
            String value = config.apply(field.configKey());
            if (value != null) {
                attributes.put(field, value);
            }
        }
        return new DocumentMapping(attributes);
    }

    /** The attribute holding {@code field}. */
    public String attribute(MappedField field) {
        return attributes.get(field);
    }

    public boolean isDefault() {
        return equals(DEFAULT);
    }
}
