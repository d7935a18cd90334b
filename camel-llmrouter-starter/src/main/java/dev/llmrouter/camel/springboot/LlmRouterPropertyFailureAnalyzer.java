package dev.llmrouter.camel.springboot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports an invalid camel.component.llmrouter.* property as Spring Boot reports a binding failure. */
public class LlmRouterPropertyFailureAnalyzer extends AbstractFailureAnalyzer<LlmRouterPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LlmRouterPropertyException cause) {
        if (cause instanceof LlmRouterUnknownPropertyException unknown) {
            return new FailureAnalysis(cause.getMessage(),
                    (unknown.getSuggestion() == null ? "Remove " + cause.getProperty()
                            : "Rename " + cause.getProperty() + " to " + unknown.getSuggestion())
                    + " (see docs/spring-boot.md of camel-llmrouter for every property), or set "
                    + LlmRouterUnknownPropertyCheck.OPT_OUT + "=false to start with keys the component ignores.",
                    cause);
        }
        return new FailureAnalysis(cause.getMessage(),
                "Correct the value of " + cause.getProperty() + " (see docs/spring-boot.md of camel-llmrouter).",
                cause);
    }
}
