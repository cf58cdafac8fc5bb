package dev.kcbundle.userimport;

import com.arangodb.ArangoCollection;
import com.arangodb.ArangoDatabase;
import com.arangodb.entity.ErrorEntity;
import com.arangodb.entity.MultiDocumentEntity;
import com.arangodb.model.DocumentCreateOptions;
import com.arangodb.model.DocumentReplaceOptions;
import dev.kcbundle.userstorage.arango.UserIndexes;
import dev.kcbundle.userstorage.document.UserDocument;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

/**
 * Imports users into a tenant's users collection, in batches: each row is validated ({@link RowValidator}), its
 * document built ({@link ImportedUser}) and compared with the stored one; new users are inserted, changed ones replaced
 * on condition of the revision read (a user Keycloak changed meanwhile is rejected, to be imported again), unchanged
 * ones are not written. So running an import twice changes nothing the second time, and never makes a user twice.
 */
public final class UserImport {

    /** What one run did. */
    public record Counts(long read, long created, long updated, long unchanged, long rejected) {}

    private static final int CONFLICT = 1200;
    private static final int UNIQUE_CONSTRAINT_VIOLATED = 1210;

    private final ArangoDatabase database;
    private final ArangoCollection users;
    private final int batchSize;
    private final LongSupplier clock;

    public UserImport(ArangoDatabase database, String collection, int batchSize, LongSupplier clock) {
        this.database = database;
        this.users = database.collection(collection);
        this.batchSize = batchSize;
        this.clock = clock;
    }

    /**
     * Makes the collection when missing and its indexes as the provider does (the database must exist), then imports
     * every row of {@code source}; rejects go to {@code rejects}, each row read moves {@code progress} one step.
     */
    public Counts run(UserSource source, Rejects rejects, Progress progress) throws IOException {
        if (!database.exists()) {
            throw new IllegalArgumentException("ArangoDB database " + database.name() + " does not exist");
        }
        if (!users.exists()) {
            users.create();
        }
        UserIndexes.ensure(database, users);
        ExistingUsers existing = ExistingUsers.load(database, users.name());
        RowValidator validator = new RowValidator(existing);
        Batch batch = new Batch(existing, rejects);
        long read = 0;
        try {
            while (true) {
                UserRow row;
                try {
                    row = source.next();
                    if (row == null) {
                        break;
                    }
                    batch.add(row, validator.accept(row));
                } catch (RowException e) {
                    rejects.add(e);
                }
                read++;
                progress.step();
                if (batch.size() == batchSize) {
                    batch.write();
                }
            }
            batch.write();
            batch.awaitWrite();
        } finally {
            batch.writer.shutdownNow();
        }
        return new Counts(read, batch.created, batch.updated, batch.unchanged, rejects.count());
    }

    /**
     * Rows accepted since the last write, with their keys. A batch is written by a thread of its own while the next
     * one is read and built (at most one write at a time), so reading and ArangoDB's work overlap.
     */
    private final class Batch {
        private final ExecutorService writer = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "user-import-writer");
            thread.setDaemon(true);
            return thread;
        });
        private Future<?> pendingWrite;
        private final ExistingUsers existing;
        private final Rejects rejects;
        private final List<UserRow> rows = new ArrayList<>();
        private final List<String> keys = new ArrayList<>();
        long created;
        long updated;
        long unchanged;

        Batch(ExistingUsers existing, Rejects rejects) {
            this.existing = existing;
            this.rejects = rejects;
        }

        void add(UserRow row, String key) {
            rows.add(row);
            keys.add(key);
        }

        int size() {
            return rows.size();
        }

        void write() throws IOException {
            Map<String, Map<String, Object>> stored = storedDocuments();
            long now = clock.getAsLong();
            List<Map<String, Object>> inserts = new ArrayList<>();
            List<UserRow> inserted = new ArrayList<>();
            List<Map<String, Object>> replacements = new ArrayList<>();
            List<UserRow> replaced = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                Map<String, Object> before = stored.get(keys.get(i));
                UserDocument document = ImportedUser.build(rows.get(i), keys.get(i), before, now);
                if (before == null) {
                    inserts.add(document.fields());
                    inserted.add(rows.get(i));
                } else if (sameJson(before, document.fields())) {
                    unchanged++;
                } else {
                    replacements.add(document.fields());
                    replaced.add(rows.get(i));
                }
            }
            awaitWrite();
            pendingWrite = writer.submit(() -> {
                if (!inserts.isEmpty()) {
                    created += inserts.size()
                            - rejected(
                                    users.insertDocuments(inserts, new DocumentCreateOptions().silent(false)),
                                    inserted);
                }
                if (!replacements.isEmpty()) {
                    updated += replacements.size()
                            - rejected(
                                    users.replaceDocuments(
                                            replacements,
                                            new DocumentReplaceOptions()
                                                    .ignoreRevs(false)
                                                    .silent(false)),
                                    replaced);
                }
                return null;
            });
            rows.clear();
            keys.clear();
        }

        /** Waits for the batch being written; its failure is this thread's. */
        void awaitWrite() throws IOException {
            if (pendingWrite == null) {
                return;
            }
            try {
                pendingWrite.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IOException(e.getCause());
            } finally {
                pendingWrite = null;
            }
        }

        /** The stored documents of this batch's users that existed before the import, by key. */
        private Map<String, Map<String, Object>> storedDocuments() {
            List<String> known = keys.stream().filter(existing::contains).toList();
            Map<String, Map<String, Object>> stored = new HashMap<>();
            if (!known.isEmpty()) {
                for (Map<String, Object> document :
                        users.getDocuments(known, Map.class).getDocuments()) {
                    stored.put((String) document.get(UserDocument.KEY), document);
                }
            }
            return stored;
        }

        /** Reports the documents ArangoDB refused; how many. */
        private long rejected(MultiDocumentEntity<?> result, List<UserRow> written) throws IOException {
            long count = 0;
            List<Object> answers = result.getDocumentsAndErrors();
            for (int i = 0; i < answers.size(); i++) {
                if (answers.get(i) instanceof ErrorEntity error) {
                    count++;
                    rejects.add(new RowException(written.get(i).where(), reason(error)));
                }
            }
            return count;
        }
    }

    private static String reason(ErrorEntity error) {
        if (error.getErrorNum() == CONFLICT) {
            return "the user was changed in ArangoDB during the import; import again to apply the row";
        }
        if (error.getErrorNum() == UNIQUE_CONSTRAINT_VIOLATED) {
            return "ArangoDB refused it: its username, e-mail or key was taken during the import ("
                    + error.getErrorMessage() + ")";
        }
        return "ArangoDB refused it: " + error.getErrorMessage();
    }

    /** Equal as JSON: numbers by value (a long written may be read back as an int), the rest as Java values. */
    static boolean sameJson(Object stored, Object built) {
        if (stored instanceof Number a && built instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        if (stored instanceof Map<?, ?> a && built instanceof Map<?, ?> b) {
            return a.size() == b.size()
                    && a.entrySet().stream()
                            .allMatch(entry ->
                                    b.containsKey(entry.getKey()) && sameJson(entry.getValue(), b.get(entry.getKey())));
        }
        if (stored instanceof List<?> a && built instanceof List<?> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!sameJson(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(stored, built);
    }
}
