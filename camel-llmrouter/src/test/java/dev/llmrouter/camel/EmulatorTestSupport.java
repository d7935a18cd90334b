package dev.llmrouter.camel;

import dev.llmrouter.test.OpenRouterEmulatorExtension;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Base of the tests that run against the emulator: the emulator is started once per test class and reset before
 * each test, and {@link #camel} is a fresh CamelContext for each test.
 */
abstract class EmulatorTestSupport {

    @RegisterExtension
    static final OpenRouterEmulatorExtension EMULATOR = OpenRouterEmulatorExtension.create();

    protected CamelHarness camel;

    @BeforeEach
    void startCamel() {
        camel = createHarness();
    }

    /** The harness each test starts with; override to configure the component. */
    protected CamelHarness createHarness() {
        return new CamelHarness(EMULATOR.baseUrl());
    }

    /** Replaces the harness (closing the current one), e.g. to add routes or point elsewhere. */
    protected CamelHarness useHarness(java.util.function.Consumer<LlmRouterComponent> setup, RouteBuilder routes,
                                      String baseUrl) {
        camel.close();
        camel = new CamelHarness(baseUrl, setup, routes);
        return camel;
    }

    @AfterEach
    void stopCamel() {
        if (camel != null) {
            camel.close();
        }
    }
}
