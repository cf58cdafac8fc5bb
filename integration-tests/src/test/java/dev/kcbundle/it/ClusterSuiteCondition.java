package dev.kcbundle.it;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps the two integration suites apart, also when {@code -Dit.test=...} overrides failsafe's includes: classes named
 * {@code *ClusterIT} run only in the cluster execution (the one with system property {@value #CLUSTER_HOME}), every
 * other test only outside it. Registered for all tests through JUnit's extension auto-detection.
 */
public final class ClusterSuiteCondition implements ExecutionCondition {

    /** The distribution the cluster nodes are built from; set by failsafe's cluster execution only. */
    static final String CLUSTER_HOME = "keycloak.cluster.home";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        boolean clusterSuite = System.getProperty(CLUSTER_HOME) != null;
        boolean clusterTest = context.getTestClass()
                .map(type -> type.getSimpleName().endsWith("ClusterIT"))
                .orElse(clusterSuite);
        if (clusterTest == clusterSuite) {
            return ConditionEvaluationResult.enabled("Belongs to this suite");
        }
        return ConditionEvaluationResult.disabled(
                clusterTest
                        ? "Cluster test: runs in the cluster execution (failsafe 'against-keycloak-cluster')"
                        : "Single-node test: does not run in the cluster execution");
    }
}
