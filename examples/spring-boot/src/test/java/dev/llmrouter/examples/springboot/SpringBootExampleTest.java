package dev.llmrouter.examples.springboot;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import dev.llmrouter.camel.LlmRouterComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the example against the emulator (no API key) and reads the spend from the dev console and the meters. */
class SpringBootExampleTest {

    @Test
    void classifiesAgainstTheEmulatorAndShowsSpend() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (ConfigurableApplicationContext ctx = SpringBootExampleApp.run(null, out, "--server.port=0")) {
            String printed = bytes.toString(StandardCharsets.UTF_8);
            String[] lines = printed.split("\\R");
            assertThat(lines[0]).startsWith("No OPENROUTER_API_KEY set: using the local OpenRouter emulator at http://");
            assertThat(printed).contains("billing ").contains("shipping ").contains("account ")
                    .doesNotContain("FAILED").contains("Total cost: $").contains("Dev console llmrouter:");

            CamelContext camel = ctx.getBean(CamelContext.class);
            LlmRouterComponent component = camel.getComponent("llmrouter", LlmRouterComponent.class);
            assertThat(component.getProfiles()).containsKeys("cheap", "balanced", "frontier");
            assertThat(component.getBudgets()).containsKey("daily");

            // the dev console, through Camel's registry and through the actuator endpoint
            DevConsoleRegistry consoles = camel.getCamelContextExtension().getContextPlugin(DevConsoleRegistry.class);
            DevConsole console = consoles.resolveById("llmrouter");
            assertThat(console).isNotNull();
            assertThat(String.valueOf(console.call(DevConsole.MediaType.JSON))).contains("daily");

            String port = ctx.getEnvironment().getProperty("local.server.port");
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> json = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/camel/llmrouter")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(json.statusCode()).isEqualTo(200);
            assertThat(json.body()).contains("llmrouter").contains("daily").contains("openai/gpt-4o-mini");

            HttpResponse<String> meters = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/metrics/llmrouter.requests")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(meters.statusCode()).isEqualTo(200);
            assertThat(meters.body()).contains("\"COUNT\"");
            System.out.println(printed);
            System.out.println(json.body());
        }
    }
}
