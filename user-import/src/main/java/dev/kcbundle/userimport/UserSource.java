package dev.kcbundle.userimport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Where imported users come from, read one row at a time. */
public interface UserSource extends AutoCloseable {

    /**
     * The next row, or null after the last. A row that cannot be read throws {@link RowException}; the next call
     * reads the row after it.
     */
    UserRow next() throws RowException, IOException;

    /** How many rows to expect (for the progress bar); -1 when unknown. */
    long size() throws IOException;

    /** The source as a report names it. */
    String describe();

    @Override
    void close() throws IOException;

    /** The non-blank lines of a file (the progress bar's total). */
    static long lines(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> !line.isBlank()).count();
        }
    }
}
