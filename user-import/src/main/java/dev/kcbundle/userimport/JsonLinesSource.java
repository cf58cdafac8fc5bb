package dev.kcbundle.userimport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** JSON lines: one user object ({@link UserJson}) per line; blank lines are skipped. */
public final class JsonLinesSource implements UserSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final BufferedReader reader;
    private long lineNumber;

    public JsonLinesSource(Path file) throws IOException {
        this.file = file;
        this.reader = Files.newBufferedReader(file);
    }

    @Override
    public UserRow next() throws RowException, IOException {
        String line;
        do {
            line = reader.readLine();
            if (line == null) {
                return null;
            }
            lineNumber++;
        } while (line.isBlank());
        String where = "line " + lineNumber;
        try {
            return UserJson.read(where, JSON.readTree(line));
        } catch (JsonProcessingException e) {
            throw new RowException(where, "not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    @Override
    public long size() throws IOException {
        return UserSource.lines(file);
    }

    @Override
    public String describe() {
        return file.toString();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
