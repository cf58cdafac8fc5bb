package dev.kcbundle.arangodb.testserver.aql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kcbundle.arangodb.testserver.store.ArangoError;
import dev.kcbundle.arangodb.testserver.store.DocumentCollection;
import dev.kcbundle.arangodb.testserver.store.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code UPDATE / REPLACE document [WITH changes] IN collection [OPTIONS {...}]}; binds NEW and OLD for a following
 * RETURN. Options honoured: keepNull, mergeObjects, ignoreRevs; the others are accepted and ignored.
 */
final class ModifyOperation implements Operation {

    enum Kind {
        UPDATE,
        REPLACE
    }

    private final Kind kind;
    private final Expr document;
    private final Expr with;
    private final CollectionName collection;
    private final Expr options;

    ModifyOperation(Kind kind, Expr document, Expr with, CollectionName collection, Expr options) {
        this.kind = kind;
        this.document = document;
        this.with = with;
        this.collection = collection;
        this.options = options;
    }

    @Override
    public boolean modifies() {
        return true;
    }

    @Override
    public void collections(Set<String> names) {
        collection.collect(names);
    }

    @Override
    public List<Scope> apply(List<Scope> rows, Scope base, QueryContext context) {
        DocumentCollection target = context.collection(collection.resolve(context));
        JsonNode opts = options == null ? NullNode.instance : options.eval(base, context);
        List<Scope> out = new ArrayList<>(rows.size());
        for (Scope row : rows) {
            out.add(modify(row, target, opts, context));
            context.writesExecuted++;
        }
        return out;
    }

    private Scope modify(Scope row, DocumentCollection target, JsonNode opts, QueryContext context) {
        JsonNode value = Values.orNull(document.eval(row, context));
        String key = keyOf(value);
        ObjectNode old = target.get(key);
        if (old == null) {
            throw ArangoError.documentNotFound();
        }
        if (!option(opts, "ignoreRevs", true)
                && value.isObject()
                && value.hasNonNull("_rev")
                && !value.get("_rev").asText().equals(old.get("_rev").textValue())) {
            throw new ArangoError(
                    ArangoError.HTTP_PRECONDITION_FAILED, ArangoError.CONFLICT, "conflict, _rev values do not match");
        }
        JsonNode changes = with == null ? value : Values.orNull(with.eval(row, context));
        ObjectNode stored = kind == Kind.UPDATE
                ? target.update(
                        key, changes, option(opts, "keepNull", true), option(opts, "mergeObjects", true), context.undo)
                : target.replace(key, changes, context.undo);
        return row.with("NEW", stored).with("OLD", old);
    }

    private static String keyOf(JsonNode value) {
        JsonNode key = value.isObject() ? value.get("_key") : value;
        if (key == null || !key.isTextual()) {
            throw new ArangoError(
                    ArangoError.HTTP_BAD, ArangoError.DOCUMENT_KEY_BAD, "AQL: illegal document key (while executing)");
        }
        return key.textValue();
    }

    private static boolean option(JsonNode options, String name, boolean defaultValue) {
        JsonNode value = options.isObject() ? options.get(name) : null;
        return value == null || value.isNull() ? defaultValue : Values.truthy(value);
    }
}
