package dev.kcbundle.arangodb.testserver.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * AQL value semantics on Jackson trees: the type order null &lt; bool &lt; number &lt; string &lt; array &lt; object,
 * comparison, truthiness, the number/string conversions, and a canonical form for hashing equal values alike.
 */
public final class Values {

    private Values() {}

    public static JsonNode orNull(JsonNode value) {
        return value == null || value.isMissingNode() ? NullNode.instance : value;
    }

    /** A number node: integral values within the long range become longs, so they print as {@code 3}, not {@code 3.0}. */
    public static JsonNode number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return NullNode.instance;
        }
        if (value == Math.rint(value) && Math.abs(value) < 9.007199254740992E15) {
            return LongNode.valueOf((long) value);
        }
        return DoubleNode.valueOf(value);
    }

    public static JsonNode bool(boolean value) {
        return BooleanNode.valueOf(value);
    }

    public static JsonNode text(String value) {
        return TextNode.valueOf(value);
    }

    public static int typeRank(JsonNode value) {
        JsonNode v = orNull(value);
        if (v.isNull()) {
            return 0;
        }
        if (v.isBoolean()) {
            return 1;
        }
        if (v.isNumber()) {
            return 2;
        }
        if (v.isTextual()) {
            return 3;
        }
        if (v.isArray()) {
            return 4;
        }
        return 5;
    }

    public static int compare(JsonNode left, JsonNode right) {
        JsonNode a = orNull(left);
        JsonNode b = orNull(right);
        int rankA = typeRank(a);
        int rankB = typeRank(b);
        if (rankA != rankB) {
            return Integer.compare(rankA, rankB);
        }
        switch (rankA) {
            case 0:
                return 0;
            case 1:
                return Boolean.compare(a.booleanValue(), b.booleanValue());
            case 2:
                return Double.compare(a.doubleValue(), b.doubleValue());
            case 3:
                return compareText(a.textValue(), b.textValue());
            case 4:
                return compareArrays(a, b);
            default:
                return compareObjects(a, b);
        }
    }

    /** Strings compare like ArangoDB's ICU collation ("apple" &lt; "Banana", then upper case first); see TextOrder. */
    static int compareText(String a, String b) {
        return TextOrder.compare(a, b);
    }

    private static int compareArrays(JsonNode a, JsonNode b) {
        int n = Math.max(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int compareObjects(JsonNode a, JsonNode b) {
        TreeSet<String> names = new TreeSet<>();
        a.fieldNames().forEachRemaining(names::add);
        b.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            int c = compare(a.get(name), b.get(name));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** AQL equality; strings are equal only when identical (see {@link TextOrder}). */
    public static boolean equal(JsonNode a, JsonNode b) {
        if (a != null && b != null && a.isTextual() && b.isTextual()) {
            return a.textValue().equals(b.textValue());
        }
        return compare(a, b) == 0;
    }

    public static boolean truthy(JsonNode value) {
        JsonNode v = orNull(value);
        if (v.isNull()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isNumber()) {
            return v.doubleValue() != 0;
        }
        if (v.isTextual()) {
            return !v.textValue().isEmpty();
        }
        return true;
    }

    public static double toNumber(JsonNode value) {
        JsonNode v = orNull(value);
        if (v.isNull()) {
            return 0;
        }
        if (v.isBoolean()) {
            return v.booleanValue() ? 1 : 0;
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            String s = v.textValue().trim();
            if (s.isEmpty()) {
                return 0;
            }
            try {
                double d = Double.parseDouble(s);
                return Double.isFinite(d)
                                && !s.endsWith("d")
                                && !s.endsWith("f")
                                && !s.endsWith("D")
                                && !s.endsWith("F")
                        ? d
                        : 0;
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        if (v.isArray()) {
            if (v.size() == 0) {
                return 0;
            }
            return v.size() == 1 ? toNumber(v.get(0)) : 0;
        }
        return 0;
    }

    /** TO_STRING: null is "", arrays and objects are their JSON text. */
    public static String toText(JsonNode value) {
        JsonNode v = orNull(value);
        if (v.isNull()) {
            return "";
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isBoolean()) {
            return Boolean.toString(v.booleanValue());
        }
        if (v.isNumber()) {
            return numberText(v.doubleValue());
        }
        return Json.text(v);
    }

    private static String numberText(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        String s = Double.toString(d);
        return s;
    }

    /**
     * A hashable form under which AQL-equal values are equal (1 and 1.0 alike): used by indexes and DISTINCT.
     */
    public static Object canonical(JsonNode value) {
        JsonNode v = orNull(value);
        if (v.isNull()) {
            return Null.INSTANCE;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isNumber()) {
            double d = v.doubleValue();
            return d == 0 ? 0.0d : d;
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isArray()) {
            List<Object> items = new ArrayList<>();
            v.forEach(item -> items.add(canonical(item)));
            return items;
        }
        java.util.TreeMap<String, Object> fields = new java.util.TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = v.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            fields.put(e.getKey(), canonical(e.getValue()));
        }
        return fields;
    }

    private enum Null {
        INSTANCE
    }
}
