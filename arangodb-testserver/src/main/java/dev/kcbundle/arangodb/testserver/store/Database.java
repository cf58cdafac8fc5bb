package dev.kcbundle.arangodb.testserver.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * One database: its collections and the read-write lock every document operation and query of it takes. Writers are
 * serialized per database, which is what makes concurrent inserts colliding on a unique index have exactly one winner.
 */
public final class Database {

    private static final Pattern COLLECTION_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_\\-]{0,255}");

    private final long id;
    private final String name;
    private final Ticks ticks;
    private final Map<String, DocumentCollection> collections = new ConcurrentHashMap<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    Database(long id, String name, Ticks ticks) {
        this.id = id;
        this.name = name;
        this.ticks = ticks;
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Ticks ticks() {
        return ticks;
    }

    public <T> T read(Supplier<T> work) {
        lock.readLock().lock();
        try {
            return work.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    public <T> T write(Supplier<T> work) {
        lock.writeLock().lock();
        try {
            return work.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The collection by name or numeric id; 1203 when there is none. */
    public DocumentCollection collection(String nameOrId) {
        DocumentCollection collection = findCollection(nameOrId);
        if (collection == null) {
            throw ArangoError.collectionNotFound(nameOrId);
        }
        return collection;
    }

    public DocumentCollection findCollection(String nameOrId) {
        DocumentCollection collection = collections.get(nameOrId);
        if (collection == null) {
            for (DocumentCollection candidate : collections.values()) {
                if (Long.toString(candidate.id()).equals(nameOrId)) {
                    return candidate;
                }
            }
        }
        return collection;
    }

    public List<DocumentCollection> collections() {
        return new ArrayList<>(collections.values());
    }

    public DocumentCollection createCollection(String collectionName) {
        return write(() -> {
            if (collectionName == null
                    || !COLLECTION_NAME.matcher(collectionName).matches()) {
                throw new ArangoError(ArangoError.HTTP_BAD, ArangoError.ILLEGAL_NAME, "illegal name");
            }
            if (collections.containsKey(collectionName)) {
                throw new ArangoError(
                        ArangoError.HTTP_CONFLICT, ArangoError.DUPLICATE_NAME, "duplicate name: " + collectionName);
            }
            DocumentCollection collection = new DocumentCollection(ticks.next(), collectionName, ticks);
            collections.put(collectionName, collection);
            return collection;
        });
    }

    public DocumentCollection dropCollection(String nameOrId) {
        return write(() -> {
            DocumentCollection collection = collection(nameOrId);
            collections.remove(collection.name());
            return collection;
        });
    }
}
