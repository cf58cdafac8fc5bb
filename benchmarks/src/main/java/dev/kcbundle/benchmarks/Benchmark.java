package dev.kcbundle.benchmarks;

import dev.kcbundle.launcher.RealmTemplate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Measures logins, token calls and admin searches for Keycloak's own users and ArangoDB users (cache policies DEFAULT
 * and NO_CACHE) on one server in interleaved rounds, at growing tenant sizes and fixed concurrency levels, and prints
 * one table per run (also written as CSV and JSON). Usage: see the module README or {@link Options#USAGE}.
 */
public final class Benchmark {

    private static final Logger LOG = Logger.getLogger(Benchmark.class);

    private final Options options;
    private final Stack stack;
    private final RealmTemplate template;
    private final Http http = new Http();

    public Benchmark(Options options, Stack stack, RealmTemplate template) {
        this.options = options;
        this.stack = stack;
        this.template = template;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            LOG.error(e.getMessage());
            System.exit(2);
            return;
        }
        RealmTemplate template =
                RealmTemplate.load(LocalStack.projectDirectory().resolve("realm-export.json"));
        Report report;
        if (options.keycloakUrl() == null) {
            try (LocalStack local = LocalStack.start(options.keycloakHome(), options.out())) {
                Thread stopOnInterrupt = new Thread(local::close); // Ctrl+C stops the Keycloak started here, too
                Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
                report = new Benchmark(options, local.stack, template).run();
                Runtime.getRuntime().removeShutdownHook(stopOnInterrupt);
            }
        } else {
            Optional<ProcessHandle> process =
                    Optional.ofNullable(options.keycloakPid()).flatMap(ProcessHandle::of);
            Stack stack = new Stack(
                    options.keycloakUrl(),
                    options.adminUser(),
                    options.adminPassword(),
                    options.arangoHosts(),
                    options.arangoProtocol(),
                    options.arangoUser(),
                    options.arangoPassword(),
                    Optional.empty(),
                    process);
            report = new Benchmark(options, stack, template).run();
        }
        LOG.infof("Results (also in %s):%n%s", options.out().toAbsolutePath(), report.markdown());
    }

    /** Creates the realms, seeds and measures every size, removes the realms (unless kept) and writes the report. */
    public Report run() {
        Report report = new Report();
        StandInCounter arangoRequests = StandInCounter.of(http, stack);
        describeConditions(report, arangoRequests);
        AdminClient admin = new AdminClient(http, stack.keycloakUrl(), stack.adminUser(), stack.adminPassword());
        String run =
                HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
        List<BenchRealm> realms = new ArrayList<>();
        try {
            for (Store store : options.stores()) {
                realms.add(BenchRealm.create(stack, admin, template, run, store));
            }
            report.heap("before seeding", HeapProbe.heapAfterGcMegabytes(stack.keycloakProcess()));
            Seeder seeder = new Seeder(http, admin, stack);
            seeder.credential(realms.stream()
                    .filter(realm -> realm.store.inArangoDb())
                    .findFirst()
                    .orElseThrow());
            int seeded = 0;
            for (int size : options.sizes()) {
                for (BenchRealm realm : realms) {
                    report.seeded(realm.store, seeded, size, seeder.seed(realm, seeded, size));
                }
                seeded = size;
                report.heap(
                        "after seeding " + size + " users per store",
                        HeapProbe.heapAfterGcMegabytes(stack.keycloakProcess()));
                measure(report, admin, realms, size, arangoRequests);
            }
        } finally {
            if (!options.keepRealms()) {
                realms.forEach(realm -> realm.remove(admin));
            }
        }
        report.write(options.out());
        return report;
    }

    /**
     * Every operation at every concurrency level, in rounds; within a round the stores take turns (their order
     * rotates from round to round), so a disturbance of the shared machine hits every store alike.
     */
    private void measure(
            Report report, AdminClient admin, List<BenchRealm> realms, int users, StandInCounter arangoRequests) {
        for (int concurrency : options.concurrency()) {
            for (Operation operation : options.operations()) {
                for (int round = 0; round < options.rounds(); round++) {
                    for (int turn = 0; turn < realms.size(); turn++) {
                        BenchRealm realm = realms.get((turn + round) % realms.size());
                        Operation.Target target = new Operation.Target(realm, new Oidc(http, realm), admin, users);
                        List<Operation.Call> workers = prepare(operation, target, concurrency);
                        LoadRound.Result result =
                                LoadRound.run(workers, options.warmupNanos(), options.measureNanos(), arangoRequests);
                        report.row(users, concurrency, operation, realm.store).add(result);
                    }
                }
                LOG.infof("%d users, concurrency %d: %s done", users, concurrency, operation.label());
                report.write(options.out()); // what is measured so far survives an interrupted run
            }
        }
    }

    /**
     * Prepares the workers' calls side by side (e.g. 16 sign-ins for 16 refresh workers), unmeasured; each worker
     * with its own share of the users ({@link Operation.Target#forWorker}).
     */
    private static List<Operation.Call> prepare(Operation operation, Operation.Target target, int concurrency) {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<Operation.Call>> calls = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                Operation.Target own = target.forWorker(w, concurrency);
                calls.add(pool.submit(() -> operation.prepare(own)));
            }
            List<Operation.Call> workers = new ArrayList<>();
            for (Future<Operation.Call> call : calls) {
                workers.add(call.get());
            }
            return workers;
        } catch (ExecutionException e) {
            throw new BenchmarkException(
                    "preparing " + operation.label() + " failed: "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private void describeConditions(Report report, StandInCounter arangoRequests) {
        Runtime runtime = Runtime.getRuntime();
        report.condition("date", Instant.now().toString());
        report.condition(
                "machine",
                runtime.availableProcessors() + " CPUs visible to the JVM, "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", Java "
                        + System.getProperty("java.version"));
        report.condition("Keycloak", stack.keycloakUrl());
        report.condition(
                "ArangoDB",
                stack.arangoHosts()
                        + (stack.arangoRequests().isPresent()
                                ? " (the in-memory stand-in, in the benchmark's JVM)"
                                : ""));
        report.condition("ArangoDB requests", arangoRequests.source());
        if (!arangoRequests.present()) {
            report.arangoColumnsUnavailable(StandInCounter.NO_STAND_IN);
        }
        report.condition(
                "design",
                options.rounds() + " rounds x " + options.seconds() + " s per operation, store and "
                        + "concurrency after " + options.warmupSeconds()
                        + " s warm-up; stores interleaved in each round; "
                        + "throughput median (min-max over rounds); closed-loop clients");
    }
}
