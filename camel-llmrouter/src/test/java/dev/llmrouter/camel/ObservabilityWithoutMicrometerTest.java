package dev.llmrouter.camel;

import java.net.URL;
import java.net.URLClassLoader;

import dev.llmrouter.camel.support.LlmRouterObservability;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The component's classes loaded by a class loader that cannot see Micrometer: the component starts, calls and
 * stops (with a MeterRegistry in the registry and metrics enabled) without touching a Micrometer type.
 */
class ObservabilityWithoutMicrometerTest extends EmulatorTestSupport {

    /** Loads dev.llmrouter.camel.* itself from the component's classes, hides io.micrometer, delegates the rest. */
    static final class WithoutMicrometer extends URLClassLoader {

        WithoutMicrometer(URL classes, ClassLoader parent) {
            super(new URL[] { classes }, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("io.micrometer.")) {
                throw new ClassNotFoundException(name);
            }
            if (name.startsWith("dev.llmrouter.camel.")) {
                synchronized (getClassLoadingLock(name)) {
                    Class<?> c = findLoadedClass(name);
                    if (c == null) {
                        try {
                            c = findClass(name);
                        } catch (ClassNotFoundException e) {
                            c = super.loadClass(name, false);
                        }
                    }
                    return c;
                }
            }
            return super.loadClass(name, resolve);
        }
    }

    @Test
    void worksWithoutMicrometer() throws Exception {
        URL classes = LlmRouterComponent.class.getProtectionDomain().getCodeSource().getLocation();
        try (WithoutMicrometer loader = new WithoutMicrometer(classes, getClass().getClassLoader())) {
            assertThrows(ClassNotFoundException.class,
                    () -> Class.forName("io.micrometer.core.instrument.MeterRegistry", false, loader));
            Class<?> type = loader.loadClass(LlmRouterComponent.class.getName());
            assertTrue(type != LlmRouterComponent.class);

            CamelContext context = new DefaultCamelContext();
            context.setApplicationContextClassLoader(loader);
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            context.getRegistry().bind("meters", meters);
            Component component = (Component) type.getConstructor().newInstance();
            // options set through the hidden classes (the generated configurers come from the test's loader)
            Object config = type.getMethod("getConfiguration").invoke(component);
            config.getClass().getMethod("setApiKey", String.class).invoke(config, CamelHarness.API_KEY);
            config.getClass().getMethod("setBaseUrl", String.class).invoke(config, EMULATOR.baseUrl());
            config.getClass().getMethod("setModel", String.class).invoke(config, "openai/gpt-4o-mini");
            context.addComponent("llmrouter", component);
            context.start();
            try {
                EMULATOR.emulator().reply("refund", "billing");
                Exchange answer = context.createProducerTemplate().request(
                        "llmrouter:chat", e -> e.getMessage().setBody("I want a refund"));
                assertNull(answer.getException());
                assertEquals("billing", answer.getMessage().getBody(String.class));
                assertTrue(type.isInstance(context.getComponent("llmrouter")));
                java.lang.reflect.Method check = loader.loadClass(LlmRouterObservability.class.getName())
                        .getDeclaredMethod("micrometerPresent");
                check.setAccessible(true);
                boolean present = (boolean) check.invoke(null);
                assertFalse(present);
                assertTrue(meters.getMeters().isEmpty());
            } finally {
                context.stop();
            }
        }
    }
}
