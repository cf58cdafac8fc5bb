package dev.kcbundle.arangodb.testserver.conformance;

import dev.kcbundle.arangodb.testserver.ArangoTarget;

/** The conformance suite against the in-memory stand-in. */
class InMemoryConformanceTest extends ConformanceSuite {

    @Override
    protected ArangoTarget startTarget() {
        return ArangoTarget.startStandIn();
    }
}
