package dev.kcbundle.arangodb.testserver.aql;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcbundle.arangodb.testserver.store.ArangoError;
import java.util.Set;

/** A collection named literally in the query or through a {@code @@bind} parameter. */
record CollectionName(String literal, String bindParameter) {

    static CollectionName literal(String name) {
        return new CollectionName(name, null);
    }

    static CollectionName bound(String parameter) {
        return new CollectionName(null, parameter);
    }

    String resolve(QueryContext context) {
        if (literal != null) {
            return literal;
        }
        return resolve(context.bind("@" + bindParameter), bindParameter);
    }

    static String resolve(JsonNode value, String parameter) {
        if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
            throw new ArangoError(
                    ArangoError.HTTP_BAD,
                    ArangoError.QUERY_BIND_PARAMETER_TYPE,
                    "AQL: bind parameter '@" + parameter + "' has an invalid value or type (while parsing)");
        }
        return value.textValue();
    }

    void collect(Set<String> names) {
        if (literal != null) {
            names.add(literal);
        } else {
            names.add("@" + bindParameter);
        }
    }
}
