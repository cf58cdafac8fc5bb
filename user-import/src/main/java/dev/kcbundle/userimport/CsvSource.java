package dev.kcbundle.userimport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.kcbundle.userstorage.document.CredentialFields;
import dev.kcbundle.userstorage.document.UserDocument;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CSV with a header row (RFC 4180: quoted fields may hold commas, quotes and line breaks), read with Jackson's CSV
 * parser. Columns are the {@link UserJson} fields; lists ({@code groups}, {@code roles}, {@code realmRoles}) are
 * separated by {@value #LIST_SEPARATOR}; {@code attributes.<name>} columns hold an attribute's values; a Keycloak
 * password is in {@code credentialData}, {@code secretData} and {@code credentialCreatedDate}, another application's
 * hash in {@code password}. An unknown column stops the import before anything is written.
 */
public final class CsvSource implements UserSource {

    public static final String LIST_SEPARATOR = "|";
    public static final String ATTRIBUTE_PREFIX = UserDocument.ATTRIBUTES + ".";
    public static final String CREDENTIAL_CREATED_DATE = "credentialCreatedDate";
    static final List<String> TEXT_COLUMNS = List.of(
            UserJson.ID,
            UserDocument.USERNAME,
            UserDocument.EMAIL,
            UserDocument.FIRST_NAME,
            UserDocument.LAST_NAME,
            UserDocument.ENABLED,
            UserDocument.EMAIL_VERIFIED,
            UserDocument.CREATED_TIMESTAMP,
            UserJson.PASSWORD);
    static final List<String> LIST_COLUMNS = List.of(UserDocument.GROUPS, UserDocument.ROLES, UserJson.REALM_ROLES);
    static final List<String> CREDENTIAL_COLUMNS =
            List.of(CredentialFields.CREDENTIAL_DATA, CredentialFields.SECRET_DATA, CREDENTIAL_CREATED_DATE);
    private static final CsvMapper CSV = new CsvMapper();

    private final Path file;
    private final Reader reader;
    private final MappingIterator<Map<String, String>> rows;

    public CsvSource(Path file) throws IOException {
        this.file = file;
        this.reader = Files.newBufferedReader(file);
        this.rows = CSV.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(reader);
        List<String> unknown = new ArrayList<>();
        for (CsvSchema.Column column : (CsvSchema) rows.getParserSchema()) {
            String name = column.getName();
            if (!TEXT_COLUMNS.contains(name)
                    && !LIST_COLUMNS.contains(name)
                    && !CREDENTIAL_COLUMNS.contains(name)
                    && !(name.startsWith(ATTRIBUTE_PREFIX) && name.length() > ATTRIBUTE_PREFIX.length())) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            close();
            throw new IllegalArgumentException(file + ": unknown column(s) " + unknown + "; known: " + TEXT_COLUMNS
                    + ", " + LIST_COLUMNS + ", " + CREDENTIAL_COLUMNS + ", " + ATTRIBUTE_PREFIX + "<name>");
        }
    }

    @Override
    public UserRow next() throws RowException, IOException {
        Map<String, String> row;
        String where;
        try {
            if (!rows.hasNextValue()) {
                return null;
            }
            where = "line " + rows.getCurrentLocation().getLineNr();
            row = rows.nextValue();
        } catch (RuntimeJsonMappingException e) {
            throw new RowException(
                    "line " + rows.getCurrentLocation().getLineNr(),
                    "not a valid CSV row ("
                            + (e.getCause() instanceof JsonProcessingException cause
                                    ? cause.getOriginalMessage()
                                    : e.getMessage())
                            + ")");
        }
        return UserJson.read(where, toJson(row));
    }

    /** The row in the JSON form: lists split, attribute columns gathered, credential columns as a credential. */
    static ObjectNode toJson(Map<String, String> row) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode user = nodes.objectNode();
        ObjectNode credential = nodes.objectNode().put(CredentialFields.TYPE, CredentialFields.PASSWORD);
        row.forEach((column, value) -> {
            if (TEXT_COLUMNS.contains(column)) {
                user.put(column, value);
            } else if (LIST_COLUMNS.contains(column)) {
                list(value).forEach(user.putArray(column)::add);
            } else if (column.startsWith(ATTRIBUTE_PREFIX)) {
                list(value)
                        .forEach(user.withObject(UserDocument.ATTRIBUTES)
                                .putArray(column.substring(ATTRIBUTE_PREFIX.length()))::add);
            } else if (!value.isEmpty()) {
                credential.put(column.equals(CREDENTIAL_CREATED_DATE) ? CredentialFields.CREATED_DATE : column, value);
            }
        });
        if (credential.has(CredentialFields.CREDENTIAL_DATA) || credential.has(CredentialFields.SECRET_DATA)) {
            user.putArray(UserJson.CREDENTIALS).add(credential);
        }
        return user;
    }

    private static List<String> list(String value) {
        return value.isEmpty()
                ? List.of()
                : Arrays.stream(value.split(Pattern.quote(LIST_SEPARATOR)))
                        .map(String::trim)
                        .toList();
    }

    @Override
    public long size() throws IOException {
        return Math.max(0, UserSource.lines(file) - 1);
    }

    @Override
    public String describe() {
        return file.toString();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    /** Values of a JSON list as one CSV cell. */
    static String cell(JsonNode list) {
        List<String> values = new ArrayList<>();
        list.forEach(value -> values.add(value.asText()));
        return String.join(LIST_SEPARATOR, values);
    }
}
