package dev.llmrouter.examples.quarkus;

import java.util.Optional;

import dev.llmrouter.camel.LlmRouterComponent;
import dev.llmrouter.test.OpenRouterEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.component.seda.SedaComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.quarkus.core.events.ComponentAddEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When EmulatorByDefault starts the emulator, and when it leaves the component alone (no Quarkus needed). */
class EmulatorByDefaultTest {

    private final CamelContext camel = new DefaultCamelContext();
    private final EmulatorByDefault bean = new EmulatorByDefault();

    @AfterEach
    void stop() throws Exception {
        bean.stop();
        camel.close();
    }

    private LlmRouterComponent llmrouter() {
        LlmRouterComponent llm = new LlmRouterComponent();
        llm.setCamelContext(camel);
        return llm;
    }

    @Test
    void withoutKeyAndBaseUrlItStartsTheEmulatorAndPointsTheComponentAtIt() {
        bean.apiKey = Optional.of(" ");
        bean.baseUrl = Optional.empty();
        LlmRouterComponent llm = llmrouter();

        bean.onComponentAdd(new ComponentAddEvent(llm));

        OpenRouterEmulator emulator = bean.emulator().orElseThrow();
        assertTrue(emulator.isRunning());
        assertTrue(emulator.baseUrl().startsWith("http://127.0.0.1:"), emulator.baseUrl());
        assertEquals(emulator.baseUrl(), llm.getConfiguration().getBaseUrl());
        assertEquals("emulator-key", llm.getConfiguration().getApiKey());

        bean.stop();
        assertFalse(emulator.isRunning());
    }

    @Test
    void withTheKeySetNothingIsStartedAndTheComponentKeepsOpenRoutersDefaults() {
        bean.apiKey = Optional.of("sk-or-test-not-a-real-key");
        bean.baseUrl = Optional.empty();
        LlmRouterComponent llm = llmrouter();
        String defaultBaseUrl = llm.getConfiguration().getBaseUrl();

        bean.onComponentAdd(new ComponentAddEvent(llm));

        assertTrue(bean.emulator().isEmpty());
        assertEquals(defaultBaseUrl, llm.getConfiguration().getBaseUrl());
        assertNull(llm.getConfiguration().getApiKey()); // read from the environment by the component itself
    }

    @Test
    void withABaseUrlConfiguredNothingIsStarted() {
        bean.apiKey = Optional.empty();
        bean.baseUrl = Optional.of("http://localhost:8000/v1");
        LlmRouterComponent llm = llmrouter();

        bean.onComponentAdd(new ComponentAddEvent(llm));

        assertTrue(bean.emulator().isEmpty());
        assertNull(llm.getConfiguration().getApiKey());
    }

    @Test
    void otherComponentsAreIgnored() {
        bean.apiKey = Optional.empty();
        bean.baseUrl = Optional.empty();
        SedaComponent seda = new SedaComponent();
        seda.setCamelContext(camel);

        bean.onComponentAdd(new ComponentAddEvent(seda));

        assertTrue(bean.emulator().isEmpty());
    }
}
