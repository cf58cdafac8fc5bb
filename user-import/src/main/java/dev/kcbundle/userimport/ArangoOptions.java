package dev.kcbundle.userimport;

import com.arangodb.ArangoDB;
import com.arangodb.ArangoDatabase;
import com.arangodb.Protocol;
import com.arangodb.entity.LoadBalancingStrategy;
import dev.kcbundle.userstorage.ArangoStorageConfig;
import java.util.Iterator;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * Where the tenant's users are: the same connection settings and environment variables as the rest of the project.
 * The password is never printed (not even as a default in the help).
 */
final class ArangoOptions {

    @Option(
            names = "--hosts",
            paramLabel = "HOST:PORT[,HOST:PORT]",
            defaultValue = "${env:ARANGODB_HOSTS:-localhost:8529}",
            description =
                    "ArangoDB hosts (coordinators), comma separated; env ARANGODB_HOSTS (default: ${DEFAULT-VALUE})")
    String hosts;

    @Option(
            names = "--user",
            defaultValue = "${env:ARANGODB_USER:-root}",
            description = "ArangoDB user; env ARANGODB_USER (default: ${DEFAULT-VALUE})")
    String user;

    @Option(
            names = "--password",
            defaultValue = "${env:ARANGODB_PASSWORD}",
            showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER,
            description = "ArangoDB password; better in env ARANGODB_PASSWORD, since other users of a machine can read"
                    + " command lines")
    String password;

    @Option(
            names = "--database",
            defaultValue = "${env:ARANGODB_DATABASE}",
            description = "the tenant's database (required); env ARANGODB_DATABASE")
    String database;

    @Option(
            names = "--collection",
            defaultValue = "users",
            description = "the users collection, as in the federation's settings (default: ${DEFAULT-VALUE})")
    String collection;

    @Option(names = "--tls", description = "HTTPS to ArangoDB (the JVM's truststore must trust its certificate)")
    boolean tls;

    @Option(
            names = "--protocol",
            defaultValue = "${env:ARANGODB_PROTOCOL:-HTTP2_JSON}", // the federation's DEFAULT_PROTOCOL
            converter = ProtocolName.class,
            completionCandidates = ProtocolName.class,
            description = "how to talk to ArangoDB, as the federation's protocol setting: ${COMPLETION-CANDIDATES};"
                    + " env ARANGODB_PROTOCOL (default: ${DEFAULT-VALUE})")
    Protocol protocol;

    /** A driver client with {@link #protocol}, round robin over the hosts like the provider; the caller closes it. */
    ArangoDB connect() {
        return connect(hosts, user, password, tls, protocol);
    }

    ArangoDatabase database(ArangoDB arango) {
        if (database == null || database.isBlank()) {
            throw new IllegalArgumentException("Name the tenant's database: --database or ARANGODB_DATABASE");
        }
        return arango.db(database.trim());
    }

    String describe() {
        return database + "/" + collection + " at " + hosts;
    }

    static ArangoDB connect(String hosts, String user, String password, boolean tls, Protocol protocol) {
        ArangoDB.Builder builder = new ArangoDB.Builder()
                .protocol(protocol)
                .loadBalancingStrategy(LoadBalancingStrategy.ROUND_ROBIN)
                .acquireHostList(false)
                .useSsl(tls)
                .user(user)
                .password(password == null ? "" : password);
        for (String entry : hosts.split(",")) {
            String hostPort = entry.trim();
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0 || !hostPort.substring(colon + 1).matches("\\d{1,5}")) {
                throw new IllegalArgumentException("\"" + hostPort + "\" is not in the form host:port");
            }
            builder.host(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        }
        return builder.build();
    }

    /** The protocols the federation offers ({@link ArangoStorageConfig#PROTOCOLS}), by name: no other is accepted. */
    static final class ProtocolName implements ITypeConverter<Protocol>, Iterable<String> {

        @Override
        public Protocol convert(String name) {
            return ArangoStorageConfig.PROTOCOLS.stream()
                    .filter(known -> known.name().equalsIgnoreCase(name.trim()))
                    .findFirst()
                    .orElseThrow(() ->
                            new TypeConversionException("\"" + name + "\" is not one of " + String.join(", ", this)));
        }

        @Override
        public Iterator<String> iterator() {
            return ArangoStorageConfig.PROTOCOLS.stream().map(Protocol::name).iterator();
        }
    }
}
