package dev.kcbundle.arangodb.testserver.aql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kcbundle.arangodb.testserver.store.ArangoError;
import dev.kcbundle.arangodb.testserver.store.Json;
import dev.kcbundle.arangodb.testserver.store.Values;

import java.util.List;
import java.util.Set;

/** An AQL expression node of the syntax tree; evaluates to a JSON value in a row's scope. */
interface Expr {

    JsonNode eval(Scope scope, QueryContext context);

    /** Whether the value can depend on {@code variable} (conservative: true when unsure). */
    default boolean uses(String variable) {
        return true;
    }

    /** Collects the collection names this expression reads, so the query can fail with 1203 before running. */
    default void collections(Set<String> names) {
    }

    record Literal(JsonNode value) implements Expr {
        public JsonNode eval(Scope scope, QueryContext context) {
            return value;
        }

        public boolean uses(String variable) {
            return false;
        }
    }

    record BindValue(String name) implements Expr {
        public JsonNode eval(Scope scope, QueryContext context) {
            return context.bind(name);
        }

        public boolean uses(String variable) {
            return false;
        }
    }

    record Variable(String name) implements Expr {
        public JsonNode eval(Scope scope, QueryContext context) {
            return scope.get(name);
        }

        public boolean uses(String variable) {
            return name.equals(variable);
        }
    }

    /** A collection name used as a value: the array of all its documents. */
    record CollectionRef(CollectionName collection) implements Expr {
        public JsonNode eval(Scope scope, QueryContext context) {
            ArrayNode all = Json.array();
            context.collection(collection.resolve(context)).all().forEach(all::add);
            context.scannedFull += all.size();
            return all;
        }

        public boolean uses(String variable) {
            return false;
        }

        public void collections(Set<String> names) {
            collection.collect(names);
        }
    }

    record ArrayLiteral(List<Expr> items) implements Expr {
        public JsonNode eval(Scope scope, QueryContext context) {
            ArrayNode array = Json.array();
            for (Expr item : items) {
                array.add(item.eval(scope, context));
            }
            return array;
        }

        public boolean uses(String variable) {
            return items.stream().anyMatch(i -> i.uses(variable));
        }

        public void collections(Set<String> names) {
            items.forEach(i -> i.collections(names));
        }
    }

    /** One attribute of an object literal: a fixed name or a computed {@code [expr]} name. */
    record Member(String name, Expr computedName, Expr value) {
    }

    record ObjectLiteral(List<Member> members) implements Expr {
        public JsonNode eval(Scope scope, QueryContext context) {
            ObjectNode object = Json.object();
            for (Member member : members) {
                String name = member.name();
                if (name == null) {
                    JsonNode computed = member.computedName().eval(scope, context);
                    if (!computed.isTextual()) {
                        context.warn(1563, "invalid argument type: attribute name must be a string");
                        continue;
                    }
                    name = computed.textValue();
                }
                object.set(name, Values.orNull(member.value().eval(scope, context)));
            }
            return object;
        }

        public boolean uses(String variable) {
            return members.stream().anyMatch(m -> m.value().uses(variable)
                    || (m.computedName() != null && m.computedName().uses(variable)));
        }

        public void collections(Set<String> names) {
            members.forEach(m -> {
                m.value().collections(names);
                if (m.computedName() != null) {
                    m.computedName().collections(names);
                }
            });
        }
    }

    record Attribute(Expr base, String name) implements Expr {
        public JsonNode eval(Scope scope, QueryContext context) {
            JsonNode value = base.eval(scope, context);
            return value != null && value.isObject() ? Values.orNull(value.get(name)) : NullNode.instance;
        }

        public boolean uses(String variable) {
            return base.uses(variable);
        }

        public void collections(Set<String> names) {
            base.collections(names);
        }
    }

    record Index(Expr base, Expr index) implements Expr {
        public JsonNode eval(Scope scope, QueryContext context) {
            JsonNode value = base.eval(scope, context);
            JsonNode at = index.eval(scope, context);
            if (value.isObject() && at.isTextual()) {
                return Values.orNull(value.get(at.textValue()));
            }
            if (value.isArray() && at.isNumber()) {
                int i = (int) at.asDouble();
                if (i < 0) {
                    i += value.size();
                }
                return Values.orNull(value.get(i));
            }
            if (value.isArray() && at.isTextual()) {
                try {
                    int i = Integer.parseInt(at.textValue().trim());
                    return Values.orNull(value.get(i < 0 ? i + value.size() : i));
                } catch (NumberFormatException e) {
                    return NullNode.instance;
                }
            }
            return NullNode.instance;
        }

        public boolean uses(String variable) {
            return base.uses(variable) || index.uses(variable);
        }

        public void collections(Set<String> names) {
            base.collections(names);
            index.collections(names);
        }
    }

    /** {@code base[*]projection}: the projection applied to each element, bound to the pseudo variable CURRENT. */
    record Expansion(Expr base, Expr projection) implements Expr {
        static final String CURRENT = "$current";

        public JsonNode eval(Scope scope, QueryContext context) {
            JsonNode value = base.eval(scope, context);
            ArrayNode result = Json.array();
            if (!value.isArray()) {
                return result;
            }
            for (JsonNode element : value) {
                result.add(projection == null ? element : projection.eval(scope.with(CURRENT, element), context));
            }
            return result;
        }

        public boolean uses(String variable) {
            return base.uses(variable) || (projection != null && projection.uses(variable));
        }

        public void collections(Set<String> names) {
            base.collections(names);
            if (projection != null) {
                projection.collections(names);
            }
        }
    }

    /** {@code from..to}: the integers between both, ascending or descending. */
    record Range(Expr from, Expr to) implements Expr {
        private static final long MAX_LENGTH = 10_000_000;

        public JsonNode eval(Scope scope, QueryContext context) {
            long start = (long) Values.toNumber(from.eval(scope, context));
            long end = (long) Values.toNumber(to.eval(scope, context));
            if (Math.abs(end - start) >= MAX_LENGTH) {
                throw QueryContext.executionError(400, ArangoError.QUERY_NUMBER_OUT_OF_RANGE,
                        "range too big for the in-memory stand-in");
            }
            ArrayNode values = Json.array();
            long step = end >= start ? 1 : -1;
            for (long i = start; i != end + step; i += step) {
                values.add(i);
            }
            return values;
        }

        public boolean uses(String variable) {
            return from.uses(variable) || to.uses(variable);
        }

        public void collections(Set<String> names) {
            from.collections(names);
            to.collections(names);
        }
    }

    record Not(Expr operand) implements Expr {
        public JsonNode eval(Scope scope, QueryContext context) {
            return Values.bool(!Values.truthy(operand.eval(scope, context)));
        }

        public boolean uses(String variable) {
            return operand.uses(variable);
        }

        public void collections(Set<String> names) {
            operand.collections(names);
        }
    }

    record Negate(Expr operand, boolean minus) implements Expr {
        public JsonNode eval(Scope scope, QueryContext context) {
            double value = Values.toNumber(operand.eval(scope, context));
            return Values.number(minus ? -value : value);
        }

        public boolean uses(String variable) {
            return operand.uses(variable);
        }

        public void collections(Set<String> names) {
            operand.collections(names);
        }
    }

    /** {@code &&} and {@code ||}: short-circuit, returning one of the operands as AQL does. */
    record Logical(Expr left, Expr right, boolean and) implements Expr {
        public JsonNode eval(Scope scope, QueryContext context) {
            JsonNode l = left.eval(scope, context);
            boolean truthy = Values.truthy(l);
            if (and ? !truthy : truthy) {
                return l;
            }
            return right.eval(scope, context);
        }

        public boolean uses(String variable) {
            return left.uses(variable) || right.uses(variable);
        }

        public void collections(Set<String> names) {
            left.collections(names);
            right.collections(names);
        }
    }

    record Ternary(Expr condition, Expr then, Expr otherwise) implements Expr {
        public JsonNode eval(Scope scope, QueryContext context) {
            JsonNode c = condition.eval(scope, context);
            if (Values.truthy(c)) {
                return then == null ? c : then.eval(scope, context);
            }
            return otherwise.eval(scope, context);
        }

        public boolean uses(String variable) {
            return condition.uses(variable) || (then != null && then.uses(variable)) || otherwise.uses(variable);
        }

        public void collections(Set<String> names) {
            condition.collections(names);
            if (then != null) {
                then.collections(names);
            }
            otherwise.collections(names);
        }
    }

    record Binary(String operator, Expr left, Expr right) implements Expr {
        public JsonNode eval(Scope scope, QueryContext context) {
            JsonNode l = Values.orNull(left.eval(scope, context));
            JsonNode r = Values.orNull(elements(scope, context));
            switch (operator) {
                case "==": return Values.bool(Values.equal(l, r));
                case "!=": return Values.bool(!Values.equal(l, r));
                case "<": return Values.bool(Values.compare(l, r) < 0);
                case "<=": return Values.bool(Values.compare(l, r) <= 0);
                case ">": return Values.bool(Values.compare(l, r) > 0);
                case ">=": return Values.bool(Values.compare(l, r) >= 0);
                case "IN": return Values.bool(contains(r, l));
                case "NOT IN": return Values.bool(!contains(r, l));
                case "LIKE": return Values.bool(Functions.like(context, l, r, false));
                case "NOT LIKE": return Values.bool(!Functions.like(context, l, r, false));
                default: return arithmetic(l, r, context);
            }
        }

        /**
         * The right operand; for {@code IN} over {@code doc.a[*]} the array {@code doc.a} itself, not a copy (the
         * expansion without projection has the same elements).
         */
        private JsonNode elements(Scope scope, QueryContext context) {
            if (operator.endsWith("IN") && right instanceof Expansion && ((Expansion) right).projection() == null) {
                return ((Expansion) right).base().eval(scope, context);
            }
            return right.eval(scope, context);
        }

        private static boolean contains(JsonNode array, JsonNode value) {
            if (!array.isArray()) {
                return false;
            }
            for (JsonNode element : array) {
                if (Values.equal(element, value)) {
                    return true;
                }
            }
            return false;
        }

        private JsonNode arithmetic(JsonNode l, JsonNode r, QueryContext context) {
            double a = Values.toNumber(l);
            double b = Values.toNumber(r);
            switch (operator) {
                case "+": return Values.number(a + b);
                case "-": return Values.number(a - b);
                case "*": return Values.number(a * b);
                case "/":
                    if (b == 0) {
                        context.warn(1562, "division by zero");
                        return NullNode.instance;
                    }
                    return Values.number(a / b);
                case "%":
                    if (b == 0) {
                        context.warn(1562, "division by zero");
                        return NullNode.instance;
                    }
                    return Values.number(a % b);
                default:
                    throw new ArangoError(500, 4, "unknown operator " + operator);
            }
        }

        public boolean uses(String variable) {
            return left.uses(variable) || right.uses(variable);
        }

        public void collections(Set<String> names) {
            left.collections(names);
            right.collections(names);
        }
    }

    record Call(Functions.Function function, List<Expr> arguments) implements Expr {
        public JsonNode eval(Scope scope, QueryContext context) {
            return function.apply(arguments, scope, context);
        }

        public boolean uses(String variable) {
            return arguments.stream().anyMatch(a -> a.uses(variable));
        }

        public void collections(Set<String> names) {
            arguments.forEach(a -> a.collections(names));
        }
    }

    record Subquery(Query query) implements Expr {
        public JsonNode eval(Scope scope, QueryContext context) {
            ArrayNode result = Json.array();
            query.execute(scope, context, false).forEach(result::add);
            return result;
        }

        public void collections(Set<String> names) {
            query.collections(names);
        }
    }
}
