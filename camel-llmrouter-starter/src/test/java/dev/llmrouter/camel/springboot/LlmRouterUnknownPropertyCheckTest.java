package dev.llmrouter.camel.springboot;

import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** A camel.component.llmrouter.* key that names no property fails the start naming the closest property. */
class LlmRouterUnknownPropertyCheckTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withBean(LlmRouterUnknownPropertyCheck.class);

    private static FailureAnalysis analysis(Throwable failure) {
        return new LlmRouterPropertyFailureAnalyzer().analyze(failure);
    }

    @Test
    void aMisspelledKeyFailsTheStartNamingTheClosestProperty() {
        runner.withPropertyValues("camel.component.llmrouter.model=openai/gpt-4o-mini",
                "camel.component.llmrouter.fallback-model=anthropic/claude-haiku-4.5").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(LlmRouterUnknownPropertyException.class)
                    .hasMessage("Invalid property camel.component.llmrouter.fallback-model: the llmrouter component has"
                                + " no such property; did you mean camel.component.llmrouter.fallback-models?");
            FailureAnalysis a = analysis(context.getStartupFailure());
            assertThat(a.getDescription()).isEqualTo(context.getStartupFailure().getCause().getMessage());
            assertThat(a.getAction()).startsWith("Rename camel.component.llmrouter.fallback-model to"
                                                 + " camel.component.llmrouter.fallback-models (")
                    .contains(LlmRouterUnknownPropertyCheck.OPT_OUT + "=false");
        });
    }

    @Test
    void aMisspelledFieldOfABudgetNamesTheBudgetsField() {
        runner.withPropertyValues("camel.component.llmrouter.budgets.daily.amount=1",
                "camel.component.llmrouter.budgets.daily.perod=daily").run(context ->
                assertThat(context.getStartupFailure()).rootCause().hasMessage(
                        "Invalid property camel.component.llmrouter.budgets.daily.perod: the llmrouter component has no"
                        + " such property; did you mean camel.component.llmrouter.budgets.daily.period?"));
    }

    @Test
    void aKeyFarFromEveryPropertyIsNamedWithoutASuggestion() {
        runner.withPropertyValues("camel.component.llmrouter.xyzzy=1").run(context -> {
            assertThat(context.getStartupFailure()).rootCause().hasMessage(
                    "Invalid property camel.component.llmrouter.xyzzy: the llmrouter component has no such property");
            assertThat(analysis(context.getStartupFailure()).getAction())
                    .startsWith("Remove camel.component.llmrouter.xyzzy (");
        });
    }

    @Test
    void knownKeysInAnySpellingSpringAcceptsStart() {
        runner.withPropertyValues("camel.component.llmrouter.fallback-models=a/b",
                "camel.component.llmrouter.fallbackModels=a/b",
                "camel.component.llmrouter.max_tokens=10",
                "camel.component.llmrouter.budgets[daily].amount=1",
                "camel.component.llmrouter.budgets.daily.zone=UTC",
                "camel.component.llmrouter.target-definitions.local.base-url=http://127.0.0.1:1/v1",
                "camel.component.llmrouter.target-definitions.local.models.a=b",
                "camel.component.llmrouter.profiles.cheap.model=a/b",
                "camel.component.llmrouter.metadata.team=x",
                "camel.component.llmrouter.customizer.enabled=true",
                "camel.component.llmrouter.enabled=true",
                "camel.component.llmrouter.validate-on-startup=true")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void theCheckCanBeTurnedOff() {
        runner.withPropertyValues("camel.component.llmrouter.fallback-model=a/b",
                LlmRouterUnknownPropertyCheck.OPT_OUT + "=false")
                .run(context -> assertThat(context).hasNotFailed());
    }
}
