package dev.kcbundle.benchmarks;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The command line of a benchmark run (see the module README). Tenant sizes and concurrency levels are lists; every
 * operation is measured in {@code rounds} rounds of {@code seconds} each per store, after {@code warmupSeconds}.
 */
public record Options(
        List<Integer> sizes,
        List<Integer> concurrency,
        List<Operation> operations,
        List<Store> stores,
        int rounds,
        double seconds,
        double warmupSeconds,
        Path out,
        boolean keepRealms,
        String keycloakUrl,
        String adminUser,
        String adminPassword,
        Long keycloakPid,
        String arangoHosts,
        String arangoProtocol,
        String arangoUser,
        String arangoPassword,
        Path keycloakHome) {

    static final String USAGE = """
            Options (defaults in brackets):
              --sizes 1000,10000,100000    tenant sizes, seeded one after the other [1000,10000]
              --concurrency 1,4,16         concurrent clients [1,4,16]
              --operations all|a,b,...     %s [all]
              --stores all|a,b,...         %s, at least one ArangoDB store [all]
              --rounds 3 --seconds 5 --warmup 2   per operation, store and concurrency
              --out DIR                    where results.md/.csv/.json go [benchmarks/target/benchmark-results]
              --keep-realms                do not remove the benchmark realms at the end
              --keycloak URL               a running Keycloak (else one is started with the in-memory ArangoDB)
              --admin-user, --admin-password   its master admin [admin, KC_BOOTSTRAP_ADMIN_PASSWORD]
              --keycloak-pid PID           its Java process, for the heap after GC (jcmd)
              --arangodb-hosts, --arangodb-user, --arangodb-password   the ArangoDB that Keycloak reaches, as its
                                           admin [ARANGODB_HOSTS, ARANGODB_USER or root, ARANGODB_PASSWORD]
              --arangodb-protocol P        the benchmark realms' driver protocol against it [ARANGODB_PROTOCOL or
                                           HTTP2_JSON; the stand-in the benchmark starts itself: HTTP_JSON]
              --keycloak-home DIR          the distribution to start [launcher/target/keycloak-<version>]
            """.formatted(
                    Arrays.stream(Operation.values()).map(Operation::cliName).toList(),
                    Arrays.stream(Store.values()).map(Store::label).toList());

    public static Options parse(String[] args, Map<String, String> env) {
        List<Integer> sizes = List.of(1000, 10_000);
        List<Integer> concurrency = List.of(1, 4, 16);
        List<Operation> operations = List.of(Operation.values());
        List<Store> stores = List.of(Store.values());
        int rounds = 3;
        double seconds = 5;
        double warmup = 2;
        Path out = null;
        boolean keep = false;
        String keycloak = null;
        String adminUser = "admin";
        String adminPassword = env.get("KC_BOOTSTRAP_ADMIN_PASSWORD");
        Long pid = null;
        String arangoHosts = env.get("ARANGODB_HOSTS");
        String arangoProtocol = env.getOrDefault("ARANGODB_PROTOCOL", "HTTP2_JSON");
        String arangoUser = env.getOrDefault("ARANGODB_USER", "root");
        String arangoPassword = env.getOrDefault("ARANGODB_PASSWORD", "");
        Path home = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--keep-realms")) {
                keep = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
            }
            String value = args[++i];
            switch (option) {
                case "--sizes" -> sizes = integers(value);
                case "--concurrency" -> concurrency = integers(value);
                case "--operations" -> operations = Operation.parse(value);
                case "--stores" -> stores = Store.parse(value);
                case "--rounds" -> rounds = Integer.parseInt(value);
                case "--seconds" -> seconds = Double.parseDouble(value);
                case "--warmup" -> warmup = Double.parseDouble(value);
                case "--out" -> out = Path.of(value);
                case "--keycloak" -> keycloak = value.replaceAll("/+$", "");
                case "--admin-user" -> adminUser = value;
                case "--admin-password" -> adminPassword = value;
                case "--keycloak-pid" -> pid = Long.parseLong(value);
                case "--arangodb-hosts" -> arangoHosts = value;
                case "--arangodb-protocol" -> arangoProtocol = value;
                case "--arangodb-user" -> arangoUser = value;
                case "--arangodb-password" -> arangoPassword = value;
                case "--keycloak-home" -> home = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
            }
        }
        if (keycloak != null && (adminPassword == null || arangoHosts == null)) {
            throw new IllegalArgumentException("--keycloak needs the admin password (--admin-password or "
                    + "KC_BOOTSTRAP_ADMIN_PASSWORD) and the ArangoDB it uses (--arangodb-hosts or ARANGODB_HOSTS)");
        }
        if (sizes.stream().anyMatch(size -> size < 20)
                || !sizes.equals(sizes.stream().sorted().toList())) {
            throw new IllegalArgumentException("--sizes must be ascending, each at least 20: " + sizes);
        }
        int smallest = sizes.get(0);
        if (concurrency.stream().anyMatch(clients -> clients < 1 || clients > smallest)) {
            throw new IllegalArgumentException("--concurrency must be between 1 and the smallest size (concurrent "
                    + "clients never share a user): " + concurrency);
        }
        Path results = out != null ? out : LocalStack.projectDirectory().resolve("benchmarks/target/benchmark-results");
        return new Options(
                sizes,
                concurrency,
                operations,
                stores,
                rounds,
                seconds,
                warmup,
                results,
                keep,
                keycloak,
                adminUser,
                adminPassword,
                pid,
                arangoHosts,
                arangoProtocol,
                arangoUser,
                arangoPassword,
                home);
    }

    private static List<Integer> integers(String list) {
        return Arrays.stream(list.split(","))
                .map(String::trim)
                .map(Integer::parseInt)
                .toList();
    }

    long warmupNanos() {
        return (long) (warmupSeconds * 1e9);
    }

    long measureNanos() {
        return (long) (seconds * 1e9);
    }
}
