package dev.kcbundle.userimport;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rejected rows, one line each ({@code line 12: the username is missing}): the first {@value #SHOWN} on standard error,
 * every one in the rejects file when one is given. Rows refused by ArangoDB are added by the writing thread.
 */
final class Rejects implements AutoCloseable {

    static final int SHOWN = 100;

    private final PrintStream err;
    private final BufferedWriter file;
    private long count;

    Rejects(PrintStream err, Path file) throws IOException {
        this.err = err;
        this.file = file == null ? null : Files.newBufferedWriter(file);
    }

    synchronized void add(RowException reject) throws IOException {
        count++;
        String line = reject.where() + ": " + reject.getMessage();
        if (count <= SHOWN) {
            err.println(line);
        } else if (count == SHOWN + 1) {
            err.println("... more rejected rows"
                    + (file == null ? " (--rejects FILE lists them all)" : " in the rejects file"));
        }
        if (file != null) {
            file.write(line);
            file.newLine();
        }
    }

    synchronized long count() {
        return count;
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            file.close();
        }
    }
}
