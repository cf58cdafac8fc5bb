package dev.kcbundle.arangodb.testserver.aql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/** Variables of one row of a query: an immutable chain, each link adding one variable. */
final class Scope {

    static final Scope EMPTY = new Scope(null, null, null);

    private final Scope parent;
    private final String name;
    private final JsonNode value;

    private Scope(Scope parent, String name, JsonNode value) {
        this.parent = parent;
        this.name = name;
        this.value = value;
    }

    Scope with(String variable, JsonNode variableValue) {
        return new Scope(this, variable, variableValue);
    }

    JsonNode get(String variable) {
        for (Scope s = this; s != null && s.name != null; s = s.parent) {
            if (s.name.equals(variable)) {
                return s.value;
            }
        }
        return NullNode.instance;
    }
}
