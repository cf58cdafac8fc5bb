package dev.kcbundle.userimport;

import com.arangodb.ArangoCursor;
import com.arangodb.ArangoDatabase;
import com.arangodb.model.AqlQueryOptions;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.kcbundle.userstorage.document.CredentialFields;
import dev.kcbundle.userstorage.document.UserDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Writes a tenant's users in the form the import reads: JSON lines ({@link UserJson}) or CSV ({@link CsvSource}'s
 * columns). Passwords (hashes) only when asked for. Users are streamed from ArangoDB; CSV reads the collection twice,
 * first for the attribute names that become columns.
 */
public final class UserExport {

    private static final String EVERY_DOCUMENT = "FOR u IN @@col RETURN u";
    private static final String ATTRIBUTES = "FOR u IN @@col RETURN u." + UserDocument.ATTRIBUTES;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ArangoDatabase database;
    private final String collection;
    private final boolean withPasswords;

    public UserExport(ArangoDatabase database, String collection, boolean withPasswords) {
        this.database = database;
        this.collection = collection;
        this.withPasswords = withPasswords;
    }

    /** Writes every user as one JSON line; how many. */
    public long jsonLines(Writer out, Progress progress) throws IOException {
        try (SequenceWriter lines = JSON.writer()
                .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .withRootValueSeparator("\n")
                .writeValues(out)) {
            long count = forEachUser(user -> write(lines, user), progress);
            out.write("\n");
            return count;
        }
    }

    /** Writes a header and every user as one CSV row; how many. */
    public long csv(Writer out, Progress progress) throws IOException {
        List<String> columns = new ArrayList<>(CsvSource.TEXT_COLUMNS);
        columns.remove(UserJson.PASSWORD);
        columns.add(UserDocument.GROUPS);
        columns.add(UserDocument.ROLES);
        attributeNames().forEach(name -> columns.add(CsvSource.ATTRIBUTE_PREFIX + name));
        if (withPasswords) {
            columns.add(UserJson.PASSWORD);
            columns.addAll(CsvSource.CREDENTIAL_COLUMNS);
        }
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        try (SequenceWriter rows = new CsvMapper()
                .writer(schema.build())
                .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValues(out)) {
            return forEachUser(user -> write(rows, csvRow(user, columns)), progress);
        }
    }

    /** One CSV row: lists joined, attributes in their columns, the password in its columns. */
    private static Map<String, String> csvRow(ObjectNode user, List<String> columns) {
        Map<String, String> row = new LinkedHashMap<>();
        for (String column : columns) {
            JsonNode value = user.get(column);
            if (column.startsWith(CsvSource.ATTRIBUTE_PREFIX)) {
                value = user.path(UserDocument.ATTRIBUTES).get(column.substring(CsvSource.ATTRIBUTE_PREFIX.length()));
            } else if (CsvSource.CREDENTIAL_COLUMNS.contains(column) || column.equals(UserJson.PASSWORD)) {
                JsonNode credential = user.path(UserJson.CREDENTIALS).path(0);
                value = credential.get(
                        switch (column) {
                            case CsvSource.CREDENTIAL_CREATED_DATE -> CredentialFields.CREATED_DATE;
                            case UserJson.PASSWORD -> CredentialFields.LEGACY_HASH;
                            default -> column;
                        });
            }
            row.put(column, value == null ? "" : value.isArray() ? listCell(user, column, value) : value.asText());
        }
        return row;
    }

    private static String listCell(ObjectNode user, String column, JsonNode values) {
        values.forEach(value -> {
            if (value.asText().contains(CsvSource.LIST_SEPARATOR)) {
                throw new IllegalStateException("user " + user.path(UserJson.ID).asText() + ": a value of " + column
                        + " contains \"" + CsvSource.LIST_SEPARATOR + "\", which CSV cannot hold: export JSON lines");
            }
        });
        return CsvSource.cell(values);
    }

    private TreeSet<String> attributeNames() throws IOException {
        TreeSet<String> names = new TreeSet<>();
        try (ArangoCursor<Map> cursor = database.query(
                ATTRIBUTES,
                Map.class,
                Map.of("@col", collection),
                new AqlQueryOptions().stream(true).batchSize(10_000))) {
            cursor.forEach(attributes -> {
                if (attributes != null) {
                    attributes.keySet().forEach(name -> names.add(String.valueOf(name)));
                }
            });
        }
        return names;
    }

    private long forEachUser(Consumer<ObjectNode> writer, Progress progress) throws IOException {
        long count = 0;
        try (ArangoCursor<Map> cursor = database.query(
                EVERY_DOCUMENT,
                Map.class,
                Map.of("@col", collection),
                new AqlQueryOptions().stream(true).batchSize(1000))) {
            for (Map<String, Object> document : cursor) {
                writer.accept(UserJson.write(UserDocument.of(document), withPasswords, JSON.createObjectNode()));
                count++;
                progress.step();
            }
        }
        return count;
    }

    private static void write(SequenceWriter writer, Object value) {
        try {
            writer.write(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
