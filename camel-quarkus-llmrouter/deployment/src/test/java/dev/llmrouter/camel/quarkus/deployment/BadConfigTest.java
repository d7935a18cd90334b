package dev.llmrouter.camel.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * An invalid enum value in {@code application.properties} stops the application at start-up, and the error names
 * the option and the value.
 */
class BadConfigTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot((JavaArchive jar) -> jar.addClasses(AskRoute.class))
            .overrideConfigKey("quarkus.llmrouter.devservices.enabled", "false")
            .overrideConfigKey("camel.component.llmrouter.base-url", "http://127.0.0.1:9/api/v1")
            .overrideConfigKey("camel.component.llmrouter.on-budget-exceeded", "explode")
            .assertException(BadConfigTest::namesTheOption);

    private static void namesTheOption(Throwable thrown) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            messages.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
        }
        String all = messages.toString();
        assertTrue(all.contains("onBudgetExceeded") || all.contains("on-budget-exceeded"), all);
        assertTrue(all.contains("explode"), all);
    }

    @Test
    void startupFails() {
        fail("the application must not start");
    }
}
