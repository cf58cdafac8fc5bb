package dev.kcbundle.it;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Marks every integration test skipped, before its class is even initialised, when the container variant
 * ({@code -Dkeycloak.server=container}) runs on a machine without a Docker engine. Registered for all tests through
 * JUnit's extension auto-detection (src/test/resources/junit-platform.properties).
 */
public final class DockerCondition implements ExecutionCondition {

    private static Boolean dockerAnswers;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!"container".equals(System.getProperty("keycloak.server"))) {
            return ConditionEvaluationResult.enabled("Keycloak runs from the unpacked distribution");
        }
        return dockerAnswers()
                ? ConditionEvaluationResult.enabled("A Docker engine answers")
                : ConditionEvaluationResult.disabled("No Docker engine answers: the container variant is skipped");
    }

    private static synchronized boolean dockerAnswers() {
        if (dockerAnswers == null) {
            dockerAnswers = DockerClientFactory.instance().isDockerAvailable();
        }
        return dockerAnswers;
    }
}
