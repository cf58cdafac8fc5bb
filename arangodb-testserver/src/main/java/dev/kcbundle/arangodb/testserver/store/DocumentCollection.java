package dev.kcbundle.arangodb.testserver.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A document collection: documents by key plus persistent indexes. Not thread-safe by itself: callers hold
 * the owning {@link Database}'s read lock to read and its write lock to write.
 */
public final class DocumentCollection {

    public static final int TYPE_DOCUMENT = 2;

    private static final Pattern KEY = Pattern.compile("[a-zA-Z0-9_\\-:.@()+,=;$!*'%]{1,254}");

    private final long id;
    private final String name;
    private final Ticks ticks;
    private final Map<String, ObjectNode> documents = new LinkedHashMap<>();
    private final List<PersistentIndex> indexes = new ArrayList<>();

    DocumentCollection(long id, String name, Ticks ticks) {
        this.id = id;
        this.name = name;
        this.ticks = ticks;
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public int count() {
        return documents.size();
    }

    public ObjectNode get(String key) {
        return documents.get(key);
    }

    public Collection<ObjectNode> all() {
        return documents.values();
    }

    public List<PersistentIndex> indexes() {
        return indexes;
    }

    public Optional<PersistentIndex> sortIndexOn(String attribute) {
        return indexes.stream().filter(index -> index.answersSortOn(attribute)).findFirst();
    }

    public Optional<PersistentIndex> equalityIndexOn(String attribute) {
        return indexes.stream()
                .filter(index -> index.answersEquality(attribute))
                .findFirst();
    }

    public ObjectNode insert(JsonNode input, UndoLog undo) {
        ObjectNode body = requireObject(input);
        String key;
        JsonNode givenKey = body.get("_key");
        if (givenKey == null || givenKey.isNull()) {
            key = Long.toString(ticks.next());
        } else {
            key = validKey(givenKey);
            if (documents.containsKey(key)) {
                throw uniqueViolation("primary", "primary", "_key", key);
            }
        }
        ObjectNode stored = build(key, body);
        checkUnique(stored, key);
        put(stored, undo, null);
        return stored;
    }

    public ObjectNode replace(String key, JsonNode input, UndoLog undo) {
        ObjectNode body = requireObject(input);
        ObjectNode old = existing(key);
        ObjectNode stored = build(key, body);
        checkUnique(stored, key);
        put(stored, undo, old);
        return stored;
    }

    public ObjectNode update(String key, JsonNode patch, boolean keepNull, boolean mergeObjects, UndoLog undo) {
        ObjectNode body = requireObject(patch);
        ObjectNode old = existing(key);
        ObjectNode merged = old.deepCopy();
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String attribute = field.getKey();
            if (attribute.equals("_key") || attribute.equals("_id") || attribute.equals("_rev")) {
                continue;
            }
            mergeInto(merged, attribute, field.getValue(), keepNull, mergeObjects);
        }
        ObjectNode stored = build(key, merged);
        checkUnique(stored, key);
        put(stored, undo, old);
        return stored;
    }

    public ObjectNode remove(String key, UndoLog undo) {
        ObjectNode old = existing(key);
        documents.remove(key);
        indexes.forEach(index -> index.remove(key, old));
        if (undo != null) {
            undo.record(this, key, old);
        }
        return old;
    }

    public void truncate() {
        documents.clear();
        indexes.forEach(PersistentIndex::clear);
    }

    /** Adds an index over the existing documents; fails with 1210 when a unique index finds duplicates. */
    public void addIndex(PersistentIndex index) {
        for (ObjectNode doc : documents.values()) {
            String key = doc.get("_key").textValue();
            String conflict = index.conflictingKey(doc, key);
            if (conflict != null) {
                index.clear();
                throw uniqueViolation(index.name(), "persistent", index.fieldName(), conflict);
            }
            index.add(key, doc);
        }
        indexes.add(index);
    }

    public boolean dropIndex(long indexId) {
        return indexes.removeIf(index -> index.id() == indexId);
    }

    void restore(String key, ObjectNode previous) {
        ObjectNode current = documents.get(key);
        if (current != null) {
            indexes.forEach(index -> index.remove(key, current));
            documents.remove(key);
        }
        if (previous != null) {
            documents.put(key, previous);
            indexes.forEach(index -> index.add(key, previous));
        }
    }

    private static void mergeInto(
            ObjectNode target, String attribute, JsonNode value, boolean keepNull, boolean mergeObjects) {
        if (value.isNull() && !keepNull) {
            target.remove(attribute);
            return;
        }
        JsonNode existing = target.get(attribute);
        if (mergeObjects && value.isObject() && existing != null && existing.isObject()) {
            ObjectNode nested = ((ObjectNode) existing).deepCopy();
            value.fields().forEachRemaining(e -> mergeInto(nested, e.getKey(), e.getValue(), keepNull, true));
            target.set(attribute, nested);
        } else {
            target.set(attribute, value.isObject() && !keepNull ? withoutNulls((ObjectNode) value) : value.deepCopy());
        }
    }

    private static ObjectNode withoutNulls(ObjectNode value) {
        ObjectNode copy = Json.object();
        value.fields().forEachRemaining(e -> {
            if (!e.getValue().isNull()) {
                copy.set(
                        e.getKey(),
                        e.getValue().isObject()
                                ? withoutNulls((ObjectNode) e.getValue())
                                : e.getValue().deepCopy());
            }
        });
        return copy;
    }

    private void put(ObjectNode stored, UndoLog undo, ObjectNode old) {
        String key = stored.get("_key").textValue();
        if (old != null) {
            indexes.forEach(index -> index.remove(key, old));
        }
        documents.put(key, stored);
        indexes.forEach(index -> index.add(key, stored));
        if (undo != null) {
            undo.record(this, key, old);
        }
    }

    private ObjectNode existing(String key) {
        ObjectNode old = documents.get(key);
        if (old == null) {
            throw ArangoError.documentNotFound();
        }
        return old;
    }

    private ObjectNode build(String key, ObjectNode body) {
        ObjectNode stored = Json.object();
        stored.put("_key", key);
        stored.put("_id", name + "/" + key);
        stored.put("_rev", ticks.nextRevision());
        body.fields().forEachRemaining(field -> {
            if (!stored.has(field.getKey())
                    && !field.getKey().equals("_id")
                    && !field.getKey().equals("_rev")) {
                stored.set(field.getKey(), field.getValue().deepCopy());
            }
        });
        return stored;
    }

    private void checkUnique(ObjectNode stored, String key) {
        for (PersistentIndex index : indexes) {
            String conflict = index.conflictingKey(stored, key);
            if (conflict != null) {
                throw uniqueViolation(index.name(), "persistent", index.fieldName(), conflict);
            }
        }
    }

    /** ArangoDB's message. */
    private static ArangoError uniqueViolation(String index, String type, String fields, String conflictingKey) {
        return new ArangoError(
                ArangoError.HTTP_CONFLICT,
                ArangoError.UNIQUE_CONSTRAINT_VIOLATED,
                "unique constraint violated - in index " + index + " of type " + type + " over '" + fields
                        + "'; conflicting key: " + conflictingKey);
    }

    private static ObjectNode requireObject(JsonNode input) {
        if (input == null || !input.isObject()) {
            throw new ArangoError(ArangoError.HTTP_BAD, ArangoError.DOCUMENT_TYPE_INVALID, "invalid document type");
        }
        return (ObjectNode) input;
    }

    public static String validKey(JsonNode key) {
        if (!key.isTextual() || !KEY.matcher(key.textValue()).matches()) {
            throw new ArangoError(ArangoError.HTTP_BAD, ArangoError.DOCUMENT_KEY_BAD, "illegal document key");
        }
        return key.textValue();
    }

    public ObjectNode describe() {
        ObjectNode node = Json.object();
        node.put("id", Long.toString(id));
        node.put("name", name);
        node.put("status", 3);
        node.put("type", TYPE_DOCUMENT);
        node.put("isSystem", name.startsWith("_"));
        node.put("globallyUniqueId", "h" + Long.toHexString(id) + "/" + id);
        return node;
    }

    public ObjectNode properties() {
        ObjectNode node = describe();
        node.put("waitForSync", false);
        node.put("cacheEnabled", false);
        node.put("syncByRevision", true);
        node.put("usesRevisionsAsDocumentIds", true);
        node.put("writeConcern", 1);
        node.put("replicationFactor", 1);
        node.put("numberOfShards", 1);
        node.putNull("schema");
        node.putNull("computedValues");
        ObjectNode keyOptions = node.putObject("keyOptions");
        keyOptions.put("allowUserKeys", true);
        keyOptions.put("type", "traditional");
        keyOptions.put("lastValue", 0);
        return node;
    }
}
