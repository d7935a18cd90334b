package dev.llmrouter.camel.springboot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports an invalid camel.component.llmrouter.* property as Spring Boot reports a binding failure. */
public class LlmRouterPropertyFailureAnalyzer extends AbstractFailureAnalyzer<LlmRouterPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LlmRouterPropertyException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Correct the value of " + cause.getProperty() + " (see docs/spring-boot.md of camel-llmrouter).",
                cause);
    }
}
