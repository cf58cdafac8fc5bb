package dev.kcbundle.benchmarks;

import dev.kcbundle.arangodb.testserver.RequestCounter;
import java.util.Optional;

/**
 * The Keycloak and the ArangoDB a benchmark runs against.
 *
 * @param keycloakUrl        e.g. {@code http://localhost:8080}
 * @param adminUser          a master-realm admin (creates the benchmark realms, runs the admin searches)
 * @param arangoHosts        {@code host:port} as Keycloak reaches ArangoDB (also what the benchmark seeds through)
 * @param arangoProtocol     the benchmark realms' federation {@code protocol} (the stand-in answers only HTTP_JSON)
 * @param arangoAdminUser    the operator's ArangoDB admin: creates each benchmark tenant's database and account, seeds
 * @param arangoRequests     the in-memory stand-in's request counter when the benchmark started the stand-in itself
 * @param keycloakProcess    Keycloak's process when it runs on this machine (heap after GC through {@code jcmd})
 */
public record Stack(
        String keycloakUrl,
        String adminUser,
        String adminPassword,
        String arangoHosts,
        String arangoProtocol,
        String arangoAdminUser,
        String arangoAdminPassword,
        Optional<RequestCounter> arangoRequests,
        Optional<ProcessHandle> keycloakProcess) {}
