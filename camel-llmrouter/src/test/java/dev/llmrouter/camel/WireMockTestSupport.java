package dev.llmrouter.camel;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Base of the tests that script exact HTTP answers with WireMock: one loopback server per test class, reset before
 * each test, and {@link #camel} a fresh CamelContext for each test, built by {@link #createHarness}.
 */
abstract class WireMockTestSupport {

    static WireMockServer server;

    protected CamelHarness camel;

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    /** The API root on the WireMock server. */
    static String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/api/v1";
    }

    @BeforeEach
    void startCamel() {
        server.resetAll();
        camel = createHarness();
    }

    /** The harness each test starts with; override to configure the component or add routes. */
    protected CamelHarness createHarness() {
        return new CamelHarness(baseUrl());
    }

    @AfterEach
    void stopCamel() {
        camel.close();
    }
}
