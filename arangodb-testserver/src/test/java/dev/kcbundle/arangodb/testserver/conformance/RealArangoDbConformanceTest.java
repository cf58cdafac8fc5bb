package dev.kcbundle.arangodb.testserver.conformance;

import dev.kcbundle.arangodb.testserver.ArangoTarget;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The conformance suite against a real ArangoDB 3.12: {@code ARANGODB_HOSTS} (first host), {@code ARANGODB_USER}
 * (default root) and {@code ARANGODB_PASSWORD}. Skipped, with the reason, when {@code ARANGODB_HOSTS} is not set.
 */
@EnabledIfEnvironmentVariable(
        named = "ARANGODB_HOSTS",
        matches = ".*\\S.*",
        disabledReason = "ARANGODB_HOSTS is not set: no real ArangoDB to check against"
                + " (InMemoryConformanceTest runs the same suite against the stand-in)")
class RealArangoDbConformanceTest extends ConformanceSuite {

    @Override
    protected ArangoTarget startTarget() {
        return ArangoTarget.fromEnvironment();
    }
}
