package dev.llmrouter.camel.springboot;

import java.math.BigDecimal;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmrouter.camel.LlmRouterBudget;
import dev.llmrouter.camel.LlmRouterComponent;
import dev.llmrouter.camel.LlmRouterConfiguration;
import dev.llmrouter.camel.LlmRouterConstants;
import dev.llmrouter.camel.LlmRouterDialect;
import dev.llmrouter.camel.LlmRouterEndpoint;
import dev.llmrouter.camel.LlmRouterTarget;
import dev.llmrouter.test.OpenRouterEmulator;
import dev.llmrouter.test.RecordedCall;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The starter applied from src/test/resources/application.yaml, and a route run against the emulator. */
@SpringBootTest(classes = { LlmRouterStarterTestApp.class, LlmRouterStarterTestRoutes.class })
class LlmRouterStarterTest {

    static final OpenRouterEmulator EMULATOR = OpenRouterEmulator.create().start();

    @DynamicPropertySource
    static void emulator(DynamicPropertyRegistry registry) {
        registry.add("camel.component.llmrouter.base-url", EMULATOR::baseUrl);
    }

    @AfterAll
    static void stop() {
        EMULATOR.stop();
    }

    @Autowired
    CamelContext camelContext;
    @Autowired
    ProducerTemplate template;
    @Autowired
    MeterRegistry meterRegistry;
    @Autowired
    LlmRouterComponentConfiguration properties;

    @Test
    void flatPropertiesReachTheComponent() {
        LlmRouterComponent component = camelContext.getComponent("llmrouter", LlmRouterComponent.class);
        LlmRouterConfiguration c = component.getConfiguration();
        assertThat(c.getApiKey()).isEqualTo("starter-test-key");
        assertThat(c.getBaseUrl()).isEqualTo(EMULATOR.baseUrl());
        assertThat(c.getMaxRetries()).isEqualTo(1);
        assertThat(c.getRetryDelay()).isEqualTo(50);
        assertThat(c.getRequestTimeout()).isEqualTo(20_000);
        assertThat(c.getTemperature()).isEqualTo(0.2);
        assertThat(c.getAppTitle()).isEqualTo("starter test");
        assertThat(c.getMetadata()).containsEntry("team", "platform");
        assertThat(component.getConnectTimeout()).isEqualTo(3_000);
        assertThat(component.getMaxConnections()).isEqualTo(16);
        assertThat(component.getCircuitBreakerSlidingWindowSize()).isEqualTo(30);
        // defaults left alone
        assertThat(c.getAllowFallbacks()).isNull();
        assertThat(component.getIoThreadCount()).isZero();
        // a DataSource exists (H2 on the test classpath), but no opt-in: budgets stay in memory
        assertThat(component.getLedgerDataSource()).isNull();
    }

    @Test
    void targetsBudgetsAndProfilesReachTheComponent() {
        LlmRouterComponent component = camelContext.getComponent("llmrouter", LlmRouterComponent.class);
        LlmRouterTarget local = component.getTargetDefinitions().get("local");
        assertThat(local.getBaseUrl()).isEqualTo("http://127.0.0.1:11434/v1");
        assertThat(local.getDialect()).isEqualTo(LlmRouterDialect.openai);
        assertThat(local.getApiKey()).isEqualTo("local-key");
        assertThat(local.getModels()).containsExactly(Map.entry("meta-llama/llama-3.1-8b-instruct", "llama3.1:8b"));
        assertThat(local.getRequestTimeout()).isEqualTo(5_000L);
        assertThat(local.getConnectTimeout()).isEqualTo(1_000L);

        LlmRouterBudget daily = component.getBudgets().get("daily");
        assertThat(daily.getAmount()).isEqualByComparingTo("5");
        assertThat(daily.getPeriod()).isEqualTo("daily");
        assertThat(daily.getZone()).isEqualTo("Europe/Berlin");

        assertThat(component.getProfiles().get("cheap")).containsEntry("model", "openai/gpt-4o-mini")
                .containsEntry("maxTokens", "20").containsEntry("fallbackModels", "anthropic/claude-haiku-4.5")
                .containsEntry("maxRetries", "0").containsEntry("metadata.tier", "cheap");
    }

    @Test
    void profileRouteCallsTheEmulatorWithTheConfiguredRequest() {
        Exchange ex = template.send("direct:classify", e -> e.getMessage().setBody("Where is my parcel?"));
        assertThat(ex.getException()).isNull();
        assertThat(ex.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class)).isNotNull();

        LlmRouterEndpoint endpoint = camelContext.getEndpoints().stream()
                .filter(LlmRouterEndpoint.class::isInstance).map(LlmRouterEndpoint.class::cast)
                .findFirst().orElseThrow();
        LlmRouterConfiguration c = endpoint.getConfiguration();
        assertThat(c.getModel()).isEqualTo("openai/gpt-4o-mini");    // from the profile
        assertThat(c.getMaxRetries()).isZero();                      // the profile wins over the component
        assertThat(c.getTemperature()).isEqualTo(0.2);               // the component's default
        assertThat(c.getBudget()).isEqualTo("daily");
        assertThat(c.getSystemPrompt()).isEqualTo("Answer with one word"); // the URI

        RecordedCall call = EMULATOR.chatRequests().get(EMULATOR.chatRequests().size() - 1);
        JsonNode json = call.json();
        assertThat(json.path("model").asText()).isEqualTo("openai/gpt-4o-mini");
        assertThat(json.path("models").toString()).contains("anthropic/claude-haiku-4.5");
        assertThat(json.path("max_tokens").asInt()).isEqualTo(20);
        assertThat(json.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(json.path("provider").path("sort").asText()).isEqualTo("price");
        assertThat(json.path("metadata").path("team").asText()).isEqualTo("platform");
        assertThat(json.path("metadata").path("tier").asText()).isEqualTo("cheap");
        assertThat(call.header("Authorization")).isEqualTo("Bearer starter-test-key");
        assertThat(call.header("X-Title")).isEqualTo("starter test");
    }

    @Test
    void metersGoToTheSpringMeterRegistry() {
        template.send("direct:classify", e -> e.getMessage().setBody("How do I reset my password?"));
        assertThat(meterRegistry.find("llmrouter.requests").counters()).isNotEmpty();
        assertThat(meterRegistry.find("llmrouter.requests").counters().stream()
                .mapToDouble(c -> c.count()).sum()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void propertiesBeanHasTheBoundValues() {
        assertThat(properties.getMaxRetries()).isEqualTo(1);
        assertThat(properties.getRequestTimeout()).hasSeconds(20);
        assertThat(properties.getUseDataSourceLedger()).isFalse();
    }
}
