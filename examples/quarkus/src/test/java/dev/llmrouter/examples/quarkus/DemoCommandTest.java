package dev.llmrouter.examples.quarkus;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code java -jar target/quarkus-app/quarkus-run.jar} does: the application starts the emulator, runs the demo
 * once Camel has started, prints the summary and exits with 0.
 */
@QuarkusMainTest
@TestProfile(DemoCommandTest.DemoOn.class)
class DemoCommandTest {

    /** The demo on, as in the prod profile (the test profile turns it off for QuarkusExampleTest). */
    public static class DemoOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("classifier.demo", "true");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 0)
    void theApplicationClassifiesTheSampleTicketsAndExits(LaunchResult result) {
        String out = result.getOutput();
        assertEquals(0, result.exitCode(), out);
        assertTrue(out.contains("No OPENROUTER_API_KEY set: using the local OpenRouter emulator at http://127.0.0.1:"),
                out);
        assertTrue(out.contains("Sent 13 tickets to seda:tickets"), out);
        assertTrue(out.matches("(?s).*classified\\.billing +3\\R.*classified\\.DLQ +1\\R.*"), out);
        assertTrue(out.contains("In: 13, out: 13 (12 classified, 1 dead-lettered), cost $0.000"), out);
        // the cost and usage headers, logged by the route for every labelled ticket
        assertTrue(out.matches("(?s).*billing: My invoice for March shows a double charge, please refund one of them\\."
                + " \\(model openai/gpt-4o-mini, \\$0\\.0+[1-9][0-9]*, tokens [1-9][0-9]* in / [1-9][0-9]* out\\).*"), out);
    }
}
