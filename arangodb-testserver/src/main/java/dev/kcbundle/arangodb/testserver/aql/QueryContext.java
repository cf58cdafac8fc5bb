package dev.kcbundle.arangodb.testserver.aql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kcbundle.arangodb.testserver.store.Database;
import dev.kcbundle.arangodb.testserver.store.DocumentCollection;
import dev.kcbundle.arangodb.testserver.store.Json;
import dev.kcbundle.arangodb.testserver.store.UndoLog;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** What one query execution shares: database, bind values, warnings, statistics and the undo log of its writes. */
final class QueryContext {

    final Database database;
    final Map<String, JsonNode> bindVars;
    final UndoLog undo = new UndoLog();
    final ArrayNode warnings = Json.array();
    final Map<String, Pattern> likePatterns = new HashMap<>();
    long writesExecuted;
    long scannedFull;
    long scannedIndex;
    long filtered;

    QueryContext(Database database, Map<String, JsonNode> bindVars) {
        this.database = database;
        this.bindVars = bindVars;
    }

    JsonNode bind(String name) {
        return bindVars.get(name);
    }

    DocumentCollection collection(String name) {
        return database.collection(name);
    }

    void warn(int code, String message) {
        if (warnings.size() < 10) {
            ObjectNode warning = warnings.addObject();
            warning.put("code", code);
            warning.put("message", message);
        }
    }
}
