package dev.llmrouter.camel.springboot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.llmrouter.camel.LlmRouterBudget;
import dev.llmrouter.camel.LlmRouterComponent;
import dev.llmrouter.camel.LlmRouterConfiguration;
import dev.llmrouter.camel.LlmRouterDialect;
import dev.llmrouter.camel.LlmRouterTarget;
import dev.llmrouter.test.OpenRouterEmulator;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps docs/spring-boot.md true: its first yaml block ("A full application.yaml") starts an application, with only
 * the base URL (a local emulator), a dummy API key and the ${...} placeholders supplied from outside.
 */
class SpringBootDocTest {

    private static final String DOC = "docs/spring-boot.md";

    /** docs/spring-boot.md, found by walking up from the working directory (the module's, under surefire). */
    private static Path doc() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(DOC);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(DOC + " not found above " + Path.of("").toAbsolutePath());
    }

    /** The content of the first ```yaml block of the markdown text. */
    static String firstYamlBlock(String markdown) {
        StringBuilder yaml = null;
        for (String line : markdown.split("\n", -1)) {
            if (yaml == null) {
                if (line.strip().equals("```yaml")) {
                    yaml = new StringBuilder();
                }
            } else if (line.strip().equals("```")) {
                return yaml.toString();
            } else {
                yaml.append(line).append('\n');
            }
        }
        throw new IllegalStateException("no complete ```yaml block in " + DOC);
    }

    @Test
    void theFullApplicationYamlOfTheDocStarts(@TempDir Path tmp) throws IOException {
        String yaml = firstYamlBlock(Files.readString(doc(), StandardCharsets.UTF_8));
        assertThat(yaml).contains("camel:").contains("llmrouter:");
        Path applicationYaml = tmp.resolve("application.yaml");
        Files.writeString(applicationYaml, yaml, StandardCharsets.UTF_8);

        OpenRouterEmulator emulator = OpenRouterEmulator.create().start();
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(LlmRouterStarterTestApp.class)
                .web(WebApplicationType.NONE)
                .run("--spring.config.location=file:" + applicationYaml.toAbsolutePath(),
                        "--camel.springboot.main-run-controller=false",
                        "--camel.component.llmrouter.base-url=" + emulator.baseUrl(),
                        "--camel.component.llmrouter.api-key=doc-test-key",
                        "--VLLM_API_KEY=doc-vllm-key")) {

            LlmRouterComponent component = ctx.getBean(CamelContext.class)
                    .getComponent("llmrouter", LlmRouterComponent.class);
            LlmRouterConfiguration c = component.getConfiguration();
            assertThat(c.getBaseUrl()).isEqualTo(emulator.baseUrl());
            assertThat(c.getAppTitle()).isEqualTo("my-service");
            assertThat(c.getMaxRetries()).isEqualTo(2);
            assertThat(c.getRetryDelay()).isEqualTo(500);
            assertThat(c.getRequestTimeout()).isEqualTo(60_000);
            assertThat(c.getMetadata()).containsEntry("team", "support");
            assertThat(component.getConnectTimeout()).isEqualTo(5_000);
            assertThat(component.getMaxConnections()).isEqualTo(64);
            assertThat(component.getUsageLogFile()).isEqualTo("target/llm-usage.csv");

            LlmRouterTarget vllm = component.getTargetDefinitions().get("vllm");
            assertThat(vllm.getBaseUrl()).isEqualTo("https://vllm.internal.example:8000/v1");
            assertThat(vllm.getApiKey()).isEqualTo("doc-vllm-key");
            assertThat(vllm.getModel()).isEqualTo("Qwen/Qwen3-8B");
            LlmRouterTarget local = component.getTargetDefinitions().get("local");
            assertThat(local.getDialect()).isEqualTo(LlmRouterDialect.openai);
            assertThat(local.getModels()).containsExactly(Map.entry("meta-llama/llama-3.1-8b-instruct", "llama3.1:8b"));
            assertThat(local.getRequestTimeout()).isEqualTo(20_000L);

            LlmRouterBudget daily = component.getBudgets().get("daily");
            assertThat(daily.getAmount()).isEqualByComparingTo("5");
            assertThat(daily.getPeriod()).isEqualTo("daily");
            assertThat(daily.getZone()).isEqualTo("Europe/Berlin");
            assertThat(component.getBudgets().get("monthly").getAmount()).isEqualByComparingTo("100");

            assertThat(component.getProfiles()).containsOnlyKeys("cheap", "balanced", "frontier", "private");
            assertThat(component.getProfiles().get("cheap")).containsEntry("model", "openai/gpt-4o-mini")
                    .containsEntry("sort", "price").containsEntry("budget", "daily");
            assertThat(component.getProfiles().get("frontier")).containsEntry("maxCostPerRequest", "0.05")
                    .containsEntry("budget", "monthly");
            assertThat(component.getProfiles().get("private")).containsEntry("targets", "local,openrouter");
        } finally {
            emulator.stop();
        }
    }
}
