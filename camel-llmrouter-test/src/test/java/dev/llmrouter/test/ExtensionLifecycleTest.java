package dev.llmrouter.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExtensionLifecycleTest {

    @RegisterExtension
    static final OpenRouterEmulatorExtension EMULATOR = OpenRouterEmulatorExtension.create(
            EmulatorCatalog.defaults().with(new EmulatorModel("acme/tiny", "Acme Tiny", 4096,
                    java.util.List.of(EmulatorProvider.of("Acme", "0.000001", "0.000002")))));

    private static final AtomicInteger PORT = new AtomicInteger();

    @BeforeAll
    static void startedBeforeAll(OpenRouterEmulator emulator) {
        assertSame(EMULATOR.emulator(), emulator);
        assertTrue(emulator.isRunning());
        PORT.set(EMULATOR.port());
    }

    @AfterAll
    static void stillRunningUntilAfterAll() {
        assertTrue(EMULATOR.emulator().isRunning());
    }

    @Test
    @Order(1)
    void firstTestUsesTheEmulator(OpenRouterEmulator emulator) {
        assertEquals("http://127.0.0.1:" + PORT.get() + "/api/v1", EMULATOR.baseUrl());
        emulator.reply("a", "b");
        Http http = new Http(emulator);
        assertEquals("Acme", http.chat(Http.userChat("acme/tiny", "hi")).get("provider").asText());
        assertEquals(1, emulator.requestCount());
    }

    @Test
    @Order(2)
    void secondTestStartsFromAResetEmulatorOnTheSamePort(OpenRouterEmulator emulator) {
        assertEquals(PORT.get(), emulator.port());
        assertEquals(0, emulator.requestCount());
        assertEquals("Echo: a", ChatCompletionTest.content(new Http(emulator).chat(Http.userChat("acme/tiny", "a"))));
    }

    @Nested
    class NestedTests {
        @Test
        void nestedClassSharesTheRunningEmulator(OpenRouterEmulator emulator) {
            assertSame(EMULATOR.emulator(), emulator);
            assertEquals(PORT.get(), emulator.port());
            assertEquals(0, emulator.requestCount());
        }
    }

    @Test
    @Order(3)
    void classLevelCallbacksStartAndStopOnlyForTheStartingContext() {
        OpenRouterEmulatorExtension ext = OpenRouterEmulatorExtension.create();
        ExtensionContext outer = context("[class:Outer]");
        ExtensionContext inner = context("[class:Outer]/[nested-class:Inner]");
        ext.beforeAll(outer);
        assertTrue(ext.emulator().isRunning());
        ext.beforeAll(inner);
        ext.afterAll(inner);
        assertTrue(ext.emulator().isRunning());
        ext.afterAll(outer);
        assertFalse(ext.emulator().isRunning());
    }

    private static ExtensionContext context(String uniqueId) {
        return (ExtensionContext) Proxy.newProxyInstance(ExtensionContext.class.getClassLoader(),
                new Class<?>[] {ExtensionContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getUniqueId")) {
                        return uniqueId;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
