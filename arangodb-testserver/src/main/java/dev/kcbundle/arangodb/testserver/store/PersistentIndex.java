package dev.kcbundle.arangodb.testserver.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A single-field persistent index (unique and/or sparse) kept as a hash map from the indexed values to document keys,
 * and (not for array indexes) as a sorted map in AQL order for SORT. An array index (a field ending in {@code [*]})
 * indexes each distinct element of the array, {@code null} elements too (also when sparse); a document whose attribute
 * is missing or not an array is not in it, as in ArangoDB. Not thread-safe: the owning database's lock guards it.
 */
public final class PersistentIndex {

    private final long id;
    private final String name;
    private final AttributePath field;
    private final boolean unique;
    private final boolean sparse;
    private final Map<Object, Set<String>> keysByValue = new HashMap<>();
    /** Non-array indexes also keep their values in AQL order, so SORT + LIMIT can read them in order. */
    private final java.util.TreeMap<JsonNode, Set<String>> keysInOrder = new java.util.TreeMap<>(Values::compare);

    public PersistentIndex(long id, String name, AttributePath field, boolean unique, boolean sparse) {
        this.id = id;
        this.name = name;
        this.field = field;
        this.unique = unique;
        this.sparse = sparse;
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String fieldName() {
        return field.text();
    }

    public boolean unique() {
        return unique;
    }

    public boolean sparse() {
        return sparse;
    }

    /** As ArangoDB's ensure-index: the field, unique and sparse decide; the name does not. */
    public boolean sameDefinition(String otherField, boolean otherUnique, boolean otherSparse) {
        return field.text().equals(otherField) && unique == otherUnique && sparse == otherSparse;
    }

    /** Whether this is an array index ({@code field[*]}). */
    public boolean array() {
        return field.expanded();
    }

    /**
     * The keys of a document in this index: one value (none when a sparse index leaves the document out), or for an
     * array index each distinct element.
     */
    Set<Object> valuesOf(JsonNode document) {
        Set<Object> values = new LinkedHashSet<>();
        JsonNode value = field.read(document);
        if (array()) {
            if (value.isArray()) {
                value.forEach(element -> values.add(Values.canonical(element)));
            }
        } else if (!(sparse && value.isNull())) {
            values.add(Values.canonical(value));
        }
        return values;
    }

    /**
     * The key of the document that {@code document} would collide with in this unique index; null when there is none.
     */
    String conflictingKey(ObjectNode document, String ownKey) {
        if (!unique) {
            return null;
        }
        for (Object value : valuesOf(document)) {
            for (String key : keysByValue.getOrDefault(value, Set.of())) {
                if (!key.equals(ownKey)) {
                    return key;
                }
            }
        }
        return null;
    }

    void add(String key, JsonNode document) {
        Set<Object> values = valuesOf(document);
        for (Object value : values) {
            keysByValue.computeIfAbsent(value, v -> new LinkedHashSet<>(2)).add(key);
        }
        if (!values.isEmpty() && !array()) {
            keysInOrder
                    .computeIfAbsent(field.read(document), v -> new LinkedHashSet<>(2))
                    .add(key);
        }
    }

    void remove(String key, JsonNode document) {
        Set<Object> values = valuesOf(document);
        for (Object value : values) {
            Set<String> keys = keysByValue.get(value);
            if (keys != null) {
                keys.remove(key);
                if (keys.isEmpty()) {
                    keysByValue.remove(value);
                }
            }
        }
        if (!values.isEmpty() && !array()) {
            JsonNode plain = field.read(document);
            Set<String> ordered = keysInOrder.get(plain);
            if (ordered != null) {
                ordered.remove(key);
                if (ordered.isEmpty()) {
                    keysInOrder.remove(plain);
                }
            }
        }
    }

    void clear() {
        keysByValue.clear();
        keysInOrder.clear();
    }

    /** Whether this index lists every document of its collection in the order of {@code attribute}. */
    public boolean answersSortOn(String attribute) {
        return !sparse && !array() && answersEquality(attribute);
    }

    /** The document keys in ascending or descending order of the indexed attribute, read lazily. */
    public Iterable<String> keysInOrder(boolean ascending) {
        Collection<Set<String>> byValue = (ascending ? keysInOrder : keysInOrder.descendingMap()).values();
        return () -> new Iterator<>() {
            private final Iterator<Set<String>> values = byValue.iterator();
            private Iterator<String> keys = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!keys.hasNext() && values.hasNext()) {
                    keys = values.next().iterator();
                }
                return keys.hasNext();
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return keys.next();
            }
        };
    }

    /**
     * Whether an equality lookup on {@code attribute} can be answered by this index; for an array index the attribute
     * is {@code path[*]} (from {@code value IN doc.path[*]}).
     */
    public boolean answersEquality(String attribute) {
        return field.text().equals(attribute);
    }

    /**
     * Keys of the documents whose indexed attribute (for an array index: one of its elements) equals {@code value};
     * null when the index cannot tell (a sparse non-array index and null).
     */
    public Set<String> lookup(JsonNode value) {
        if (sparse && !array() && Values.orNull(value).isNull()) {
            return null;
        }
        Set<String> keys = keysByValue.get(Values.canonical(value));
        return keys == null ? Collections.emptySet() : Collections.unmodifiableSet(keys);
    }

    public ObjectNode describe(String collectionName, boolean newlyCreated) {
        ObjectNode node = Json.object();
        node.put("cacheEnabled", false);
        node.put("deduplicate", true);
        node.put("estimates", true);
        node.putArray("fields").add(field.text());
        node.put("id", collectionName + "/" + id);
        node.put("name", name);
        node.put("selectivityEstimate", 1);
        node.put("sparse", sparse);
        node.put("type", "persistent");
        node.put("unique", unique);
        if (newlyCreated) {
            node.put("isNewlyCreated", true);
        }
        return node;
    }
}
