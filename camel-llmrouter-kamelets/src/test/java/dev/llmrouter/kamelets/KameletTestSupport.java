package dev.llmrouter.kamelets;

import dev.llmrouter.test.OpenRouterEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * One emulator for the class, reset before each test, and a Camel context per test that loads the Kamelets the way
 * a user's application does: from {@code classpath:kamelets}, by camel-kamelet and the YAML DSL.
 */
abstract class KameletTestSupport {

    static OpenRouterEmulator emulator;

    CamelContext context;
    ProducerTemplate template;

    @BeforeAll
    static void startEmulator() {
        emulator = OpenRouterEmulator.create().start();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void resetEmulator() {
        emulator.reset();
    }

    @AfterEach
    void stopContext() {
        if (context != null) {
            context.stop();
        }
    }

    /** Starts a context with {@code routes}; the llmrouter component itself is left at its defaults. */
    void start(RouteBuilder routes) throws Exception {
        context = new DefaultCamelContext();
        context.addRoutes(routes);
        context.start();
        template = context.createProducerTemplate();
    }
}
