package dev.kcbundle.userimport;

import com.arangodb.ArangoDB;
import com.arangodb.ArangoDBException;
import com.arangodb.ArangoDatabase;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The bulk import/export command ({@code user-import/import-users.sh}). Its report goes to standard output, progress
 * and rejected rows to standard error. Exit code 0: done; 1: done, some rows rejected; 2: nothing or not everything
 * done (bad options, ArangoDB unreachable, unreadable file).
 */
@Command(
        name = "import-users.sh",
        mixinStandardHelpOptions = true,
        subcommands = {UserImportCommand.Import.class, UserImportCommand.Export.class},
        description = "Imports users into a tenant's ArangoDB users collection, or exports them, in the document"
                + " form the Keycloak federation 'arangodb' reads.")
public final class UserImportCommand {

    /** The driver's advice to library authors about its serializer, which means nothing to an operator. */
    private static final Logger DRIVER_SERDE_LOG = Logger.getLogger("com.arangodb.serde");

    static final int REJECTED = 1;
    static final int FAILED = 2;

    /** The file formats; {@code auto} picks CSV for a {@code .csv} file name, JSON lines otherwise. */
    enum Format {
        auto,
        jsonl,
        csv
    }

    private UserImportCommand() {}

    public static void main(String[] args) {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s %3$s: %5$s%6$s%n");
        }
        DRIVER_SERDE_LOG.setLevel(Level.SEVERE);
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line; the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine command = new CommandLine(new UserImportCommand());
        command.setOut(new java.io.PrintWriter(out, true));
        command.setErr(new java.io.PrintWriter(err, true));
        command.setExecutionExceptionHandler((e, line, parsed) -> {
            err.println(
                    e instanceof ArangoDBException
                            ? "ArangoDB: " + e.getMessage()
                            : e instanceof NoSuchFileException ? "No such file: " + e.getMessage() : e.getMessage());
            return FAILED;
        });
        for (CommandLine sub : command.getSubcommands().values()) {
            ((Streams) sub.getCommand()).use(out, err);
        }
        return command.execute(args);
    }

    private static boolean csv(Format format, Path file) {
        return format == Format.csv
                || format == Format.auto
                        && file != null
                        && file.getFileName().toString().toLowerCase().endsWith(".csv");
    }

    /** What both commands have: the tenant's collection, the file format, the output streams, progress. */
    private abstract static class Streams {
        @Mixin
        ArangoOptions target;

        @Option(
                names = "--format",
                defaultValue = "auto",
                description = "auto, jsonl or csv (default: ${DEFAULT-VALUE}:"
                        + " a .csv file is CSV, anything else JSON lines)")
        Format format;

        @Option(names = "--quiet", description = "no progress output")
        boolean quiet;

        PrintStream out;
        PrintStream err;

        void use(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        Progress progress(String task, long total, boolean quiet) {
            return quiet ? Progress.none() : Progress.on(err, task, total, System.console() != null);
        }
    }

    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {
                "Imports users from a JSON lines or CSV file, or from another application's ArangoDB"
                        + " collection (id, username, email, password, groupid, roleid). Running it again updates users and"
                        + " never duplicates one; an unchanged user is not written.",
                "Rejected rows are listed with their line on standard error (and in --rejects); the others are"
                        + " imported. Exit code 1 when any row was rejected."
            })
    static final class Import extends Streams implements Callable<Integer> {

        @Parameters(arity = "0..1", paramLabel = "FILE", description = "JSON lines (.jsonl) or CSV (.csv) file")
        Path file;

        @Option(
                names = "--from-collection",
                paramLabel = "COLLECTION",
                description = "import from this ArangoDB collection in the legacy shape instead of a file")
        String fromCollection;

        @Option(
                names = "--from-database",
                paramLabel = "DATABASE",
                description = "database of --from-collection (default: the target database)")
        String fromDatabase;

        @Option(
                names = "--from-hosts",
                paramLabel = "HOST:PORT[,HOST:PORT]",
                description = "ArangoDB of --from-collection, when it is another server (default: --hosts)")
        String fromHosts;

        @Option(names = "--from-user", description = "user at --from-hosts (default: --user)")
        String fromUser;

        @Option(
                names = "--from-password",
                defaultValue = "${env:ARANGODB_SOURCE_PASSWORD}",
                showDefaultValue = CommandLine.Help.Visibility.NEVER,
                description = "password at --from-hosts; env ARANGODB_SOURCE_PASSWORD (default: --password)")
        String fromPassword;

        @Option(
                names = "--rejects",
                paramLabel = "FILE",
                description = "also write every rejected row's line and" + " reason to this file")
        Path rejectsFile;

        @Option(
                names = "--batch-size",
                defaultValue = "1000",
                description = "users per ArangoDB request" + " (default: ${DEFAULT-VALUE})")
        int batchSize;

        @Override
        public Integer call() throws IOException {
            if ((file == null) == (fromCollection == null)) {
                throw new IllegalArgumentException("Give either a FILE or --from-collection");
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("--batch-size must be at least 1");
            }
            long start = System.nanoTime();
            ArangoDB arango = target.connect();
            ArangoDB sourceArango = fromCollection == null || fromHosts == null
                    ? arango
                    : ArangoOptions.connect(
                            fromHosts,
                            fromUser == null ? target.user : fromUser,
                            fromPassword == null ? target.password : fromPassword,
                            target.tls,
                            target.protocol);
            try (UserSource source = source(sourceArango);
                    Rejects rejects = new Rejects(err, rejectsFile);
                    Progress progress = progress("Importing", source.size(), quiet)) {
                ArangoDatabase database = target.database(arango);
                UserImport.Counts counts = new UserImport(
                                database, target.collection, batchSize, System::currentTimeMillis)
                        .run(source, rejects, progress);
                progress.close();
                out.printf(
                        "Imported %s into %s in %.1f s: %d read, %d created, %d updated, %d unchanged,"
                                + " %d rejected%n",
                        source.describe(),
                        target.describe(),
                        (System.nanoTime() - start) / 1e9,
                        counts.read(),
                        counts.created(),
                        counts.updated(),
                        counts.unchanged(),
                        counts.rejected());
                return counts.rejected() > 0 ? REJECTED : 0;
            } finally {
                if (sourceArango != arango) {
                    sourceArango.shutdown();
                }
                arango.shutdown();
            }
        }

        private UserSource source(ArangoDB sourceArango) throws IOException {
            if (fromCollection != null) {
                return new LegacyCollectionSource(
                        sourceArango.db(
                                fromDatabase != null
                                        ? fromDatabase
                                        : target.database(sourceArango).name()),
                        fromCollection);
            }
            return csv(format, file) ? new CsvSource(file) : new JsonLinesSource(file);
        }
    }

    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = "Writes a tenant's users as JSON lines or CSV, the form import reads; password hashes only"
                    + " with --with-credentials.")
    static final class Export extends Streams implements Callable<Integer> {

        @Parameters(arity = "0..1", paramLabel = "FILE", description = "the file to write (default: standard output)")
        Path file;

        @Option(
                names = "--with-credentials",
                description = "include password hashes (Keycloak's credentialData and"
                        + " secretData, or a legacy hash): keep such a file as secret as the database")
        boolean withCredentials;

        @Override
        public Integer call() throws IOException {
            ArangoDB arango = target.connect();
            try {
                ArangoDatabase database = target.database(arango);
                if (!database.collection(target.collection).exists()) {
                    throw new IllegalArgumentException(
                            "ArangoDB collection " + database.name() + "/" + target.collection + " does not exist");
                }
                UserExport export = new UserExport(database, target.collection, withCredentials);
                long total = database.collection(target.collection).count().getCount();
                long count;
                try (Writer writer = file == null
                                ? new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))
                                : Files.newBufferedWriter(file);
                        Progress progress = progress("Exporting", total, quiet || file == null)) {
                    count = csv(format, file) ? export.csv(writer, progress) : export.jsonLines(writer, progress);
                }
                err.printf(
                        "Exported %d users from %s%s%n", count, target.describe(), file == null ? "" : " to " + file);
                return 0;
            } finally {
                arango.shutdown();
            }
        }
    }
}
