package dev.llmrouter.camel.quarkus.deployment;

import java.math.BigDecimal;
import java.util.List;

import dev.llmrouter.camel.LlmRouterComponent;
import dev.llmrouter.camel.LlmRouterConstants;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Without a configured base URL, test mode starts the emulator as a dev service and hands its URL and a dummy key
 * to the component: the route answers without any server set up by the test.
 */
class DevServicesEmulatorTest {

    private static final String DEV_SERVICES = "llmrouter.quarkus.test.dev-services";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot((JavaArchive jar) -> jar.addClasses(AskRoute.class, DevServicesRecorder.class))
            .overrideConfigKey("camel.component.llmrouter.model", "openai/gpt-4o-mini")
            .addBuildChainCustomizer(DevServicesRecorder.recordInto(DEV_SERVICES));

    @Inject
    ProducerTemplate producer;

    @Inject
    CamelContext context;

    @Test
    void theDevServiceEmulatorServesTheRoute() {
        assertEquals(List.of(LlmRouterProcessor.FEATURE), DevServicesRecorder.recorded(DEV_SERVICES).stream()
                .filter(LlmRouterProcessor.FEATURE::equals).toList(), "one emulator dev service");
        String baseUrl = ConfigProvider.getConfig().getValue("camel.component.llmrouter.base-url", String.class);
        assertTrue(baseUrl.matches("http://127\\.0\\.0\\.1:\\d+/api/v1"), baseUrl);
        LlmRouterComponent component = context.getComponent("llmrouter", LlmRouterComponent.class);
        assertEquals(baseUrl, component.getConfiguration().getBaseUrl());
        assertEquals(LlmRouterProcessor.DEV_SERVICES_API_KEY, component.getConfiguration().getApiKey());

        Exchange ex = producer.request("direct:ask", e -> e.getMessage().setBody("Say hello."));

        assertNull(ex.getException(), () -> String.valueOf(ex.getException()));
        assertFalse(ex.getMessage().getBody(String.class).isBlank());
        assertEquals("openai/gpt-4o-mini", ex.getMessage().getHeader(LlmRouterConstants.RESPONSE_MODEL));
        BigDecimal cost = ex.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class);
        assertTrue(cost != null && cost.signum() > 0, "cost from the emulator's prices: " + cost);
    }
}
