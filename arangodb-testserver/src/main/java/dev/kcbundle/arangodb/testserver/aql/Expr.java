package dev.kcbundle.arangodb.testserver.aql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kcbundle.arangodb.testserver.store.ArangoError;
import dev.kcbundle.arangodb.testserver.store.Json;
import dev.kcbundle.arangodb.testserver.store.Values;
import java.util.ArrayList;
import java.util.List;

/** An AQL expression node of the syntax tree; evaluates to a JSON value in a row's scope. */
interface Expr {

    JsonNode eval(Scope scope, QueryContext context);

    /** Whether the value can depend on {@code variable} (conservative: true when unsure). */
    default boolean uses(String variable) {
        return true;
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
    }

    /** One attribute of an object literal: a fixed name or a computed {@code [expr]} name. */
    record Member(String name, Expr computedName, Expr value) {}

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
            return members.stream()
                    .anyMatch(m -> m.value().uses(variable)
                            || (m.computedName() != null && m.computedName().uses(variable)));
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
    }

    /** {@code base[*]}: the elements of the array {@code base}; an empty array when it is none. */
    record Expansion(Expr base) implements Expr {
        public JsonNode eval(Scope scope, QueryContext context) {
            JsonNode value = base.eval(scope, context);
            ArrayNode result = Json.array();
            if (value.isArray()) {
                result.addAll((ArrayNode) value);
            }
            return result;
        }

        public boolean uses(String variable) {
            return base.uses(variable);
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
    }

    record Binary(String operator, Expr left, Expr right) implements Expr {
        public JsonNode eval(Scope scope, QueryContext context) {
            JsonNode l = Values.orNull(left.eval(scope, context));
            JsonNode r = Values.orNull(elements(scope, context));
            switch (operator) {
                case "==":
                    return Values.bool(Values.equal(l, r));
                case "!=":
                    return Values.bool(!Values.equal(l, r));
                case "IN":
                    return Values.bool(contains(r, l));
                case "NOT IN":
                    return Values.bool(!contains(r, l));
                case "LIKE":
                    return Values.bool(Functions.like(context, l, r, false));
                case "NOT LIKE":
                    return Values.bool(!Functions.like(context, l, r, false));
                default:
                    throw new ArangoError(500, 4, "unknown operator " + operator);
            }
        }

        /**
         * The right operand; for {@code IN} over {@code doc.a[*]} the array {@code doc.a} itself, not a copy (the
         * expansion without projection has the same elements).
         */
        private JsonNode elements(Scope scope, QueryContext context) {
            if (operator.endsWith("IN") && right instanceof Expansion) {
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

        public boolean uses(String variable) {
            return left.uses(variable) || right.uses(variable);
        }
    }

    record Call(Functions.Function function, List<Expr> arguments) implements Expr {
        public JsonNode eval(Scope scope, QueryContext context) {
            List<JsonNode> values = new ArrayList<>(arguments.size());
            for (Expr argument : arguments) {
                values.add(Values.orNull(argument.eval(scope, context)));
            }
            return function.apply(values, context);
        }

        public boolean uses(String variable) {
            return arguments.stream().anyMatch(a -> a.uses(variable));
        }
    }
}
