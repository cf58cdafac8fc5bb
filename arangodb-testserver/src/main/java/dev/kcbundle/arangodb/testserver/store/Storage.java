package dev.kcbundle.arangodb.testserver.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** All databases of one server; {@code _system} always exists. Thread-safe. */
public final class Storage {

    public static final String SYSTEM = "_system";
    private static final Pattern DATABASE_NAME = Pattern.compile("[^/:\\x00-\\x1f.\\s][^/:\\x00-\\x1f]{0,127}");

    private final Ticks ticks = new Ticks();
    private final Map<String, Database> databases = new TreeMap<>();

    public Storage() {
        databases.put(SYSTEM, new Database(1, SYSTEM, ticks));
    }

    public Ticks ticks() {
        return ticks;
    }

    public synchronized Database database(String name) {
        Database database = databases.get(name);
        if (database == null) {
            throw ArangoError.databaseNotFound();
        }
        return database;
    }

    public synchronized List<String> databaseNames() {
        return new ArrayList<>(databases.keySet());
    }

    public synchronized Database createDatabase(String name) {
        if (name == null || !DATABASE_NAME.matcher(name).matches() || name.startsWith("_")) {
            throw new ArangoError(ArangoError.HTTP_BAD, ArangoError.DATABASE_NAME_INVALID, "database name invalid");
        }
        if (databases.containsKey(name)) {
            throw new ArangoError(ArangoError.HTTP_CONFLICT, ArangoError.DUPLICATE_NAME, "duplicate database name");
        }
        Database database = new Database(ticks.next(), name, ticks);
        databases.put(name, database);
        return database;
    }

    public synchronized void dropDatabase(String name) {
        if (SYSTEM.equals(name)) {
            throw new ArangoError(403, 11, "forbidden");
        }
        if (databases.remove(name) == null) {
            throw ArangoError.databaseNotFound();
        }
    }
}
