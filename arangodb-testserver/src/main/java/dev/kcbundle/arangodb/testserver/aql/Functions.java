package dev.kcbundle.arangodb.testserver.aql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kcbundle.arangodb.testserver.store.ArangoError;
import dev.kcbundle.arangodb.testserver.store.DocumentCollection;
import dev.kcbundle.arangodb.testserver.store.Json;
import dev.kcbundle.arangodb.testserver.store.Values;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The AQL functions of the subset. Unknown names fail with 1540, wrong argument counts with 1541. */
final class Functions {

    /** A function implementation receiving its unevaluated arguments (LENGTH of a collection needs that). */
    interface Function {
        JsonNode apply(List<Expr> arguments, Scope scope, QueryContext context);
    }

    /** A function of evaluated arguments. */
    interface ValueFunction {
        JsonNode apply(List<JsonNode> arguments, QueryContext context);
    }

    private record Definition(String name, int min, int max, Function function) {
    }

    private static final Map<String, Definition> DEFINITIONS = new HashMap<>();

    static {
        raw("LENGTH", 1, 1, Functions::length);
        raw("COUNT", 1, 1, Functions::length);
        value("LOWER", 1, 1, (a, c) -> Values.text(Values.toText(a.get(0)).toLowerCase(Locale.ROOT)));
        value("UPPER", 1, 1, (a, c) -> Values.text(Values.toText(a.get(0)).toUpperCase(Locale.ROOT)));
        value("CONTAINS", 2, 3, Functions::contains);
        value("LIKE", 2, 3, (a, c) -> Values.bool(like(c, a.get(0), a.get(1),
                a.size() > 2 && Values.truthy(a.get(2)))));
        value("CONCAT", 1, Integer.MAX_VALUE, Functions::concat);
        value("TO_STRING", 1, 1, (a, c) -> Values.text(Values.toText(a.get(0))));
        value("TO_NUMBER", 1, 1, (a, c) -> Values.number(Values.toNumber(a.get(0))));
        value("TO_BOOL", 1, 1, (a, c) -> Values.bool(Values.truthy(a.get(0))));
        value("IS_NULL", 1, 1, (a, c) -> Values.bool(a.get(0).isNull()));
        value("IS_STRING", 1, 1, (a, c) -> Values.bool(a.get(0).isTextual()));
        value("IS_ARRAY", 1, 1, (a, c) -> Values.bool(a.get(0).isArray()));
        value("IS_OBJECT", 1, 1, (a, c) -> Values.bool(a.get(0).isObject()));
        value("IS_NUMBER", 1, 1, (a, c) -> Values.bool(a.get(0).isNumber()));
        value("IS_BOOL", 1, 1, (a, c) -> Values.bool(a.get(0).isBoolean()));
        value("HAS", 2, 2, (a, c) -> Values.bool(a.get(0).isObject() && a.get(0).has(Values.toText(a.get(1)))));
        value("MERGE", 1, Integer.MAX_VALUE, Functions::merge);
        value("UNSET", 2, Integer.MAX_VALUE, (a, c) -> project(a, c, false));
        value("KEEP", 2, Integer.MAX_VALUE, (a, c) -> project(a, c, true));
        value("PUSH", 2, 3, Functions::push);
        value("APPEND", 2, 3, Functions::append);
        value("REMOVE_VALUE", 2, 3, Functions::removeValue);
        value("UNIQUE", 1, 1, (a, c) -> unique(requireArray(a.get(0), "UNIQUE", c)));
        value("FIRST", 1, 1, (a, c) -> a.get(0).isArray() ? Values.orNull(a.get(0).get(0)) : NullNode.instance);
        value("LAST", 1, 1, (a, c) -> a.get(0).isArray() && a.get(0).size() > 0
                ? a.get(0).get(a.get(0).size() - 1) : NullNode.instance);
        value("POSITION", 2, 3, Functions::position);
        value("CONTAINS_ARRAY", 2, 3, Functions::position);
        value("SUBSTRING", 2, 3, Functions::substring);
        value("STARTS_WITH", 2, 3, Functions::startsWith);
        value("NOT_NULL", 1, Integer.MAX_VALUE, (a, c) -> a.stream().filter(v -> !v.isNull()).findFirst()
                .orElse(NullNode.instance));
        value("FIRST_DOCUMENT", 1, Integer.MAX_VALUE, (a, c) -> a.stream().filter(JsonNode::isObject).findFirst()
                .orElse(NullNode.instance));
        value("DOCUMENT", 1, 2, Functions::document);
        value("ATTRIBUTES", 1, 3, (a, c) -> {
            ArrayNode names = Json.array();
            if (a.get(0).isObject()) {
                a.get(0).fieldNames().forEachRemaining(names::add);
            }
            return names;
        });
        value("TRIM", 1, 2, (a, c) -> Values.text(Values.toText(a.get(0)).strip()));
        value("ABS", 1, 1, (a, c) -> Values.number(Math.abs(Values.toNumber(a.get(0)))));
        value("FLOOR", 1, 1, (a, c) -> Values.number(Math.floor(Values.toNumber(a.get(0)))));
        value("MIN", 1, 1, (a, c) -> extreme(a.get(0), true));
        value("MAX", 1, 1, (a, c) -> extreme(a.get(0), false));
        value("SUM", 1, 1, (a, c) -> {
            double sum = 0;
            for (JsonNode v : a.get(0)) {
                sum += Values.toNumber(v);
            }
            return Values.number(sum);
        });
        value("SPLIT", 1, 3, (a, c) -> {
            ArrayNode parts = Json.array();
            String text = Values.toText(a.get(0));
            String separator = a.size() > 1 ? Values.toText(a.get(1)) : "";
            for (String part : separator.isEmpty() ? text.split("") : text.split(Pattern.quote(separator), -1)) {
                parts.add(part);
            }
            return parts;
        });
    }

    private Functions() {
    }

    private static void raw(String name, int min, int max, Function function) {
        DEFINITIONS.put(name, new Definition(name, min, max, function));
    }

    private static void value(String name, int min, int max, ValueFunction function) {
        raw(name, min, max, (arguments, scope, context) -> {
            List<JsonNode> values = new ArrayList<>(arguments.size());
            for (Expr argument : arguments) {
                values.add(Values.orNull(argument.eval(scope, context)));
            }
            return function.apply(values, context);
        });
    }

    /** The implementation for {@code name} called with {@code argumentCount} arguments; 1540 / 1541 otherwise. */
    static Function lookup(String name, int argumentCount) {
        Definition definition = DEFINITIONS.get(name.toUpperCase(Locale.ROOT));
        if (definition == null) {
            throw new ArangoError(ArangoError.HTTP_BAD, ArangoError.QUERY_FUNCTION_NAME_UNKNOWN,
                    "AQL: usage of unknown function '" + name.toUpperCase(Locale.ROOT) + "()' (while parsing)");
        }
        if (argumentCount < definition.min() || argumentCount > definition.max()) {
            throw new ArangoError(ArangoError.HTTP_BAD, ArangoError.QUERY_FUNCTION_ARGUMENT_NUMBER_MISMATCH,
                    "AQL: invalid number of arguments for function '" + definition.name()
                            + "()', expected number of arguments: minimum: " + definition.min() + ", maximum: "
                            + (definition.max() == Integer.MAX_VALUE ? 65536 : definition.max()) + " (while parsing)");
        }
        return definition.function();
    }

    private static JsonNode length(List<Expr> arguments, Scope scope, QueryContext context) {
        Expr argument = arguments.get(0);
        if (argument instanceof Expr.CollectionRef) {
            String name = ((Expr.CollectionRef) argument).collection().resolve(context);
            return Values.number(context.collection(name).count());
        }
        JsonNode value = Values.orNull(argument.eval(scope, context));
        if (value.isArray() || value.isObject()) {
            return Values.number(value.size());
        }
        if (value.isNull()) {
            return Values.number(0);
        }
        if (value.isBoolean()) {
            return Values.number(value.booleanValue() ? 1 : 0);
        }
        return Values.number(Values.toText(value).codePointCount(0, Values.toText(value).length()));
    }

    private static JsonNode contains(List<JsonNode> a, QueryContext c) {
        String text = Values.toText(a.get(0));
        String search = Values.toText(a.get(1));
        int index = text.indexOf(search);
        if (a.size() > 2 && Values.truthy(a.get(2))) {
            return Values.number(index < 0 ? -1 : text.codePointCount(0, index));
        }
        return Values.bool(index >= 0);
    }

    private static JsonNode concat(List<JsonNode> a, QueryContext c) {
        StringBuilder text = new StringBuilder();
        List<JsonNode> parts = a;
        if (a.size() == 1 && a.get(0).isArray()) {
            parts = new ArrayList<>();
            a.get(0).forEach(parts::add);
        }
        for (JsonNode part : parts) {
            if (!part.isNull()) {
                text.append(Values.toText(part));
            }
        }
        return Values.text(text.toString());
    }

    private static JsonNode merge(List<JsonNode> a, QueryContext c) {
        List<JsonNode> objects = a;
        if (a.size() == 1 && a.get(0).isArray()) {
            objects = new ArrayList<>();
            a.get(0).forEach(objects::add);
        }
        ObjectNode merged = Json.object();
        for (JsonNode object : objects) {
            if (!object.isObject()) {
                c.warn(1563, "invalid argument type in call to function 'MERGE()'");
                return NullNode.instance;
            }
            merged.setAll((ObjectNode) object);
        }
        return merged;
    }

    private static JsonNode project(List<JsonNode> a, QueryContext c, boolean keep) {
        JsonNode document = a.get(0);
        if (!document.isObject()) {
            c.warn(1563, "invalid argument type in call to function '" + (keep ? "KEEP" : "UNSET") + "()'");
            return NullNode.instance;
        }
        Set<String> names = new HashSet<>();
        for (JsonNode name : a.subList(1, a.size())) {
            if (name.isArray()) {
                name.forEach(n -> names.add(Values.toText(n)));
            } else {
                names.add(Values.toText(name));
            }
        }
        ObjectNode result = Json.object();
        document.fields().forEachRemaining(field -> {
            if (names.contains(field.getKey()) == keep) {
                result.set(field.getKey(), field.getValue());
            }
        });
        return result;
    }

    private static ArrayNode requireArray(JsonNode value, String function, QueryContext c) {
        if (value.isArray()) {
            return (ArrayNode) value;
        }
        c.warn(1563, "invalid argument type in call to function '" + function + "()'");
        return null;
    }

    private static JsonNode push(List<JsonNode> a, QueryContext c) {
        ArrayNode array = a.get(0).isNull() ? Json.array() : requireArray(a.get(0), "PUSH", c);
        if (array == null) {
            return NullNode.instance;
        }
        ArrayNode result = array.deepCopy();
        if (a.size() > 2 && Values.truthy(a.get(2)) && indexOf(result, a.get(1)) >= 0) {
            return result;
        }
        result.add(a.get(1));
        return result;
    }

    private static JsonNode append(List<JsonNode> a, QueryContext c) {
        ArrayNode array = a.get(0).isNull() ? Json.array() : requireArray(a.get(0), "APPEND", c);
        if (array == null) {
            return NullNode.instance;
        }
        ArrayNode result = array.deepCopy();
        boolean unique = a.size() > 2 && Values.truthy(a.get(2));
        List<JsonNode> values = new ArrayList<>();
        if (a.get(1).isArray()) {
            a.get(1).forEach(values::add);
        } else {
            values.add(a.get(1));
        }
        for (JsonNode value : values) {
            if (!unique || indexOf(result, value) < 0) {
                result.add(value);
            }
        }
        return unique ? unique(result) : result;
    }

    private static JsonNode removeValue(List<JsonNode> a, QueryContext c) {
        ArrayNode array = requireArray(a.get(0), "REMOVE_VALUE", c);
        if (array == null) {
            return NullNode.instance;
        }
        long limit = a.size() > 2 && !a.get(2).isNull() ? (long) Values.toNumber(a.get(2)) : Long.MAX_VALUE;
        ArrayNode result = Json.array();
        for (JsonNode element : array) {
            if (limit > 0 && Values.equal(element, a.get(1))) {
                limit--;
            } else {
                result.add(element);
            }
        }
        return result;
    }

    static ArrayNode unique(ArrayNode array) {
        if (array == null) {
            return null;
        }
        Set<Object> seen = new LinkedHashSet<>();
        ArrayNode result = Json.array();
        for (JsonNode element : array) {
            if (seen.add(Values.canonical(element))) {
                result.add(element);
            }
        }
        return result;
    }

    private static int indexOf(JsonNode array, JsonNode value) {
        for (int i = 0; i < array.size(); i++) {
            if (Values.equal(array.get(i), value)) {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode position(List<JsonNode> a, QueryContext c) {
        ArrayNode array = requireArray(a.get(0), "POSITION", c);
        if (array == null) {
            return NullNode.instance;
        }
        int index = indexOf(array, a.get(1));
        if (a.size() > 2 && Values.truthy(a.get(2))) {
            return Values.number(index);
        }
        return Values.bool(index >= 0);
    }

    private static JsonNode substring(List<JsonNode> a, QueryContext c) {
        String text = Values.toText(a.get(0));
        int[] codePoints = text.codePoints().toArray();
        int offset = (int) Values.toNumber(a.get(1));
        if (offset < 0) {
            offset = Math.max(0, codePoints.length + offset);
        }
        offset = Math.min(offset, codePoints.length);
        int length = a.size() > 2 && !a.get(2).isNull() ? (int) Values.toNumber(a.get(2)) : codePoints.length;
        if (length < 0) {
            length = Math.max(0, codePoints.length - offset + length);
        }
        int end = (int) Math.min((long) offset + length, codePoints.length);
        return Values.text(new String(codePoints, offset, end - offset));
    }

    private static JsonNode startsWith(List<JsonNode> a, QueryContext c) {
        String text = Values.toText(a.get(0));
        if (a.get(1).isArray()) {
            long minMatches = a.size() > 2 ? (long) Values.toNumber(a.get(2)) : 1;
            long matches = 0;
            for (JsonNode prefix : a.get(1)) {
                if (text.startsWith(Values.toText(prefix))) {
                    matches++;
                }
            }
            return Values.bool(matches >= minMatches);
        }
        return Values.bool(text.startsWith(Values.toText(a.get(1))));
    }

    private static JsonNode document(List<JsonNode> a, QueryContext c) {
        if (a.size() == 2) {
            DocumentCollection collection = c.database.findCollection(Values.toText(a.get(0)));
            if (collection == null) {
                throw ArangoError.collectionNotFound(Values.toText(a.get(0)));
            }
            return lookupDocuments(collection, a.get(1));
        }
        JsonNode ids = a.get(0);
        if (ids.isArray()) {
            ArrayNode result = Json.array();
            for (JsonNode id : ids) {
                JsonNode found = byId(id, c);
                if (!found.isNull()) {
                    result.add(found);
                }
            }
            return result;
        }
        return byId(ids, c);
    }

    private static JsonNode lookupDocuments(DocumentCollection collection, JsonNode keys) {
        if (keys.isArray()) {
            ArrayNode result = Json.array();
            for (JsonNode key : keys) {
                JsonNode found = byKey(collection, key);
                if (!found.isNull()) {
                    result.add(found);
                }
            }
            return result;
        }
        return byKey(collection, keys);
    }

    private static JsonNode byKey(DocumentCollection collection, JsonNode key) {
        if (!key.isTextual()) {
            return NullNode.instance;
        }
        String text = key.textValue();
        int slash = text.indexOf('/');
        if (slash >= 0) {
            if (!text.substring(0, slash).equals(collection.name())) {
                return NullNode.instance;
            }
            text = text.substring(slash + 1);
        }
        return Values.orNull(collection.get(text));
    }

    private static JsonNode byId(JsonNode id, QueryContext c) {
        if (!id.isTextual() || id.textValue().indexOf('/') < 0) {
            return NullNode.instance;
        }
        String text = id.textValue();
        DocumentCollection collection = c.database.findCollection(text.substring(0, text.indexOf('/')));
        return collection == null ? NullNode.instance : byKey(collection, id);
    }

    private static JsonNode extreme(JsonNode array, boolean min) {
        JsonNode best = null;
        if (!array.isArray()) {
            return NullNode.instance;
        }
        for (JsonNode v : array) {
            if (v.isNull()) {
                continue;
            }
            if (best == null || (min ? Values.compare(v, best) < 0 : Values.compare(v, best) > 0)) {
                best = v;
            }
        }
        return best == null ? NullNode.instance : best;
    }

    /** AQL LIKE: {@code %} any sequence, {@code _} one character, backslash escapes them. */
    static boolean like(QueryContext context, JsonNode text, JsonNode pattern, boolean caseInsensitive) {
        String patternText = Values.toText(pattern);
        String cacheKey = (caseInsensitive ? "i:" : "s:") + patternText;
        Pattern compiled = context.likePatterns.computeIfAbsent(cacheKey, k -> compileLike(patternText,
                caseInsensitive));
        return compiled.matcher(Values.toText(text)).matches();
    }

    private static Pattern compileLike(String pattern, boolean caseInsensitive) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char ch = pattern.charAt(i);
            if (ch == '\\' && i + 1 < pattern.length()) {
                literal.append(pattern.charAt(++i));
            } else if (ch == '%' || ch == '_') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(ch == '%' ? ".*" : ".");
            } else {
                literal.append(ch);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        int flags = Pattern.DOTALL | (caseInsensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        return Pattern.compile(regex.toString(), flags);
    }
}
