package dev.kcbundle.arangodb.testserver.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A persistent index (unique and/or sparse) kept as a hash map from the indexed values to document keys. An array
 * index (one field ending in {@code [*]}) indexes each distinct element of the array, {@code null} elements too (also
 * when sparse); a document whose attribute is missing or not an array is not in it, as in ArangoDB. A unique array
 * index with {@code deduplicate: false} also refuses a document that repeats an element. Not thread-safe: the owning
 * database's lock guards it.
 */
public final class PersistentIndex {

    private final long id;
    private final String name;
    private final List<AttributePath> fields;
    private final boolean unique;
    private final boolean sparse;
    private final boolean deduplicate;
    private final Map<Object, Set<String>> keysByValue = new HashMap<>();
    /** Single-field indexes also keep their values in AQL order, so SORT + LIMIT can read them in order. */
    private final java.util.TreeMap<JsonNode, Set<String>> keysInOrder = new java.util.TreeMap<>(Values::compare);

    public PersistentIndex(long id, String name, List<AttributePath> fields, boolean unique, boolean sparse) {
        this(id, name, fields, unique, sparse, true);
    }

    public PersistentIndex(long id, String name, List<AttributePath> fields, boolean unique, boolean sparse,
                           boolean deduplicate) {
        this.id = id;
        this.name = name;
        this.fields = List.copyOf(fields);
        this.unique = unique;
        this.sparse = sparse;
        this.deduplicate = deduplicate;
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public List<String> fieldNames() {
        return fields.stream().map(AttributePath::text).toList();
    }

    public boolean unique() {
        return unique;
    }

    public boolean sparse() {
        return sparse;
    }

    /** As ArangoDB's ensure-index: fields, unique and sparse decide; {@code deduplicate} and the name do not. */
    public boolean sameDefinition(List<String> otherFields, boolean otherUnique, boolean otherSparse) {
        return fieldNames().equals(otherFields) && unique == otherUnique && sparse == otherSparse;
    }

    /** Whether this is an array index ({@code field[*]}). */
    public boolean array() {
        return fields.get(0).expanded();
    }

    /**
     * The keys of a document in this index: one value (none when a sparse index leaves the document out), or for an
     * array index each distinct element.
     */
    Set<Object> valuesOf(JsonNode document) {
        Set<Object> values = new LinkedHashSet<>();
        if (array()) {
            JsonNode elements = fields.get(0).read(document);
            if (elements.isArray()) {
                elements.forEach(element -> values.add(Values.canonical(element)));
            }
            return values;
        }
        if (fields.size() == 1) {
            JsonNode value = fields.get(0).read(document);
            if (!(sparse && value.isNull())) {
                values.add(Values.canonical(value));
            }
            return values;
        }
        List<Object> combined = new ArrayList<>(fields.size());
        for (AttributePath field : fields) {
            JsonNode value = field.read(document);
            if (sparse && value.isNull()) {
                return values;
            }
            combined.add(Values.canonical(value));
        }
        values.add(combined);
        return values;
    }

    /**
     * The key of the document that {@code document} would collide with in this unique index; "" when it collides with
     * itself (an array repeating an element, {@code deduplicate: false}); null when there is no conflict.
     */
    String conflictingKey(ObjectNode document, String ownKey) {
        if (!unique) {
            return null;
        }
        if (array() && !deduplicate && repeatsAnElement(document)) {
            return "";
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

    private boolean repeatsAnElement(JsonNode document) {
        JsonNode elements = fields.get(0).read(document);
        return elements.isArray() && valuesOf(document).size() < elements.size();
    }

    void add(String key, JsonNode document) {
        Set<Object> values = valuesOf(document);
        for (Object value : values) {
            keysByValue.computeIfAbsent(value, v -> new LinkedHashSet<>(2)).add(key);
        }
        if (!values.isEmpty() && keepsOrder()) {
            keysInOrder.computeIfAbsent(fields.get(0).read(document), v -> new LinkedHashSet<>(2)).add(key);
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
        if (!values.isEmpty() && keepsOrder()) {
            JsonNode plain = fields.get(0).read(document);
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
        return !sparse && keepsOrder() && answersEquality(attribute);
    }

    private boolean keepsOrder() {
        return fields.size() == 1 && !array();
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
        return fields.size() == 1 && fields.get(0).text().equals(attribute);
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
        node.put("deduplicate", deduplicate);
        node.put("estimates", true);
        var fieldArray = node.putArray("fields");
        fieldNames().forEach(fieldArray::add);
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
