package dev.kcbundle.arangodb.testserver.aql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kcbundle.arangodb.testserver.store.ArangoError;
import dev.kcbundle.arangodb.testserver.store.Json;
import dev.kcbundle.arangodb.testserver.store.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The AQL functions the product's queries call: LENGTH, LOWER, CONTAINS, IS_ARRAY, MERGE, UNSET, REMOVE_VALUE,
 * REMOVE_VALUES.
 * Unknown names fail with 1540, wrong argument counts with 1541.
 */
final class Functions {

    /** A function implementation receiving its evaluated arguments. */
    interface Function {
        JsonNode apply(List<JsonNode> arguments, QueryContext context);
    }

    private record Definition(String name, int min, int max, Function function) {}

    private static final Map<String, Definition> DEFINITIONS = new HashMap<>();

    static {
        define("LENGTH", 1, 1, Functions::length);
        define("LOWER", 1, 1, (a, c) -> Values.text(Values.toText(a.get(0)).toLowerCase(Locale.ROOT)));
        define("CONTAINS", 2, 3, Functions::contains);
        define("IS_ARRAY", 1, 1, (a, c) -> Values.bool(a.get(0).isArray()));
        define("MERGE", 1, Integer.MAX_VALUE, Functions::merge);
        define("UNSET", 2, Integer.MAX_VALUE, Functions::unset);
        define("REMOVE_VALUE", 2, 3, Functions::removeValue);
        define("REMOVE_VALUES", 2, 2, Functions::removeValues);
    }

    private Functions() {}

    private static void define(String name, int min, int max, Function function) {
        DEFINITIONS.put(name, new Definition(name, min, max, function));
    }

    /** The implementation for {@code name} called with {@code argumentCount} arguments; 1540 / 1541 otherwise. */
    static Function lookup(String name, int argumentCount) {
        Definition definition = DEFINITIONS.get(name.toUpperCase(Locale.ROOT));
        if (definition == null) {
            throw new ArangoError(
                    ArangoError.HTTP_BAD,
                    ArangoError.QUERY_FUNCTION_NAME_UNKNOWN,
                    "AQL: usage of unknown function '" + name.toUpperCase(Locale.ROOT) + "()' (while parsing)");
        }
        if (argumentCount < definition.min() || argumentCount > definition.max()) {
            throw new ArangoError(
                    ArangoError.HTTP_BAD,
                    ArangoError.QUERY_FUNCTION_ARGUMENT_NUMBER_MISMATCH,
                    "AQL: invalid number of arguments for function '" + definition.name()
                            + "()', expected number of arguments: minimum: " + definition.min() + ", maximum: "
                            + (definition.max() == Integer.MAX_VALUE ? 65536 : definition.max()) + " (while parsing)");
        }
        return definition.function();
    }

    private static JsonNode length(List<JsonNode> a, QueryContext c) {
        JsonNode value = a.get(0);
        if (value.isArray() || value.isObject()) {
            return Values.number(value.size());
        }
        if (value.isNull()) {
            return Values.number(0);
        }
        if (value.isBoolean()) {
            return Values.number(value.booleanValue() ? 1 : 0);
        }
        String text = Values.toText(value);
        return Values.number(text.codePointCount(0, text.length()));
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

    private static JsonNode unset(List<JsonNode> a, QueryContext c) {
        JsonNode document = a.get(0);
        if (!document.isObject()) {
            c.warn(1563, "invalid argument type in call to function 'UNSET()'");
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
            if (!names.contains(field.getKey())) {
                result.set(field.getKey(), field.getValue());
            }
        });
        return result;
    }

    private static JsonNode removeValue(List<JsonNode> a, QueryContext c) {
        if (!a.get(0).isArray()) {
            c.warn(1563, "invalid argument type in call to function 'REMOVE_VALUE()'");
            return NullNode.instance;
        }
        ArrayNode array = (ArrayNode) a.get(0);
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

    /** Every occurrence of every element of the second array removed from the first. */
    private static JsonNode removeValues(List<JsonNode> a, QueryContext c) {
        if (!a.get(0).isArray() || !a.get(1).isArray()) {
            c.warn(1563, "invalid argument type in call to function 'REMOVE_VALUES()'");
            return NullNode.instance;
        }
        ArrayNode result = Json.array();
        for (JsonNode element : a.get(0)) {
            boolean removed = false;
            for (JsonNode value : a.get(1)) {
                removed |= Values.equal(element, value);
            }
            if (!removed) {
                result.add(element);
            }
        }
        return result;
    }

    /** AQL LIKE: {@code %} any sequence, {@code _} one character, backslash escapes them. */
    static boolean like(QueryContext context, JsonNode text, JsonNode pattern, boolean caseInsensitive) {
        String patternText = Values.toText(pattern);
        String cacheKey = (caseInsensitive ? "i:" : "s:") + patternText;
        Pattern compiled =
                context.likePatterns.computeIfAbsent(cacheKey, k -> compileLike(patternText, caseInsensitive));
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
