package dev.kcbundle.arangodb.testserver.conformance;

/** The conformance suite against the in-memory stand-in. */
class InMemoryConformanceTest extends ConformanceSuite {

    @Override
    protected ConformanceTarget startTarget() {
        return ConformanceTarget.inMemory();
    }
}
