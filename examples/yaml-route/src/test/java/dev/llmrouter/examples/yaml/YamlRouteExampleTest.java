package dev.llmrouter.examples.yaml;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.llmrouter.camel.LlmRouterBudget;
import dev.llmrouter.camel.LlmRouterComponent;
import dev.llmrouter.camel.cost.budget.LedgerRow;
import dev.llmrouter.camel.usage.UsageReport;
import dev.llmrouter.test.OpenRouterEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class YamlRouteExampleTest {

    @Test
    void theYamlRouteLabelsEveryLineWithTheOptionsOfApplicationProperties() throws Exception {
        Path outputDir = Path.of("target", "yaml-route-test");
        List<LogEvent> logged = new CopyOnWriteArrayList<>();
        AbstractAppender capture = new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                logged.add(event.toImmutable());
            }
        };
        capture.start();
        LoggerContext logContext = (LoggerContext) LogManager.getContext(false);
        logContext.getConfiguration().getRootLogger().addAppender(capture, null, null);
        logContext.updateLoggers();
        try (OpenRouterEmulator emulator = OpenRouterEmulator.create().start()) {
            YamlRouteApp.teach(emulator);
            Main main = new Main();
            // the only change to application.properties: the emulator instead of OpenRouter
            main.addOverrideProperty("camel.component.llmrouter.base-url", emulator.baseUrl());
            main.addOverrideProperty("camel.component.llmrouter.api-key", "test-key");
            Path labels = YamlRouteApp.prepare(main, outputDir);
            // a user's copy of the route under another id, with a log step of its own
            main.configure().addRoutesBuilder(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:copy").routeId("my-copy").log("the copy logs ${body}");
                }
            });
            Map<String, LlmRouterBudget> budgets = new java.util.HashMap<>();
            List<LedgerRow> ledger = new ArrayList<>();
            main.addMainListener(new MainListenerSupport() {
                @Override
                public void afterStart(BaseMainSupport m) {
                    CamelContext camel = m.getCamelContext();
                    camel.createProducerTemplate().sendBody("direct:copy", "too");
                    budgets.putAll(camel.getComponent("llmrouter", LlmRouterComponent.class).getBudgets());
                }

                @Override
                public void beforeStop(BaseMainSupport m) {
                    LlmRouterComponent llm = m.getCamelContext().getComponent("llmrouter", LlmRouterComponent.class);
                    ledger.addAll(llm.ledger().snapshot());
                }
            });
            main.run();

            List<String> lines = Files.readAllLines(labels, StandardCharsets.UTF_8);
            assertEquals(5, lines.size(), String.join("\n", lines));
            List<String> expected = List.of("billing", "shipping", "account", "technical", "other");
            BigDecimal total = BigDecimal.ZERO;
            for (int i = 0; i < lines.size(); i++) {
                String[] cells = lines.get(i).split(" \\| ");
                assertEquals(expected.get(i), cells[0], lines.get(i));
                assertEquals("openai/gpt-4o-mini", cells[1], lines.get(i)); // model from application.properties
                assertTrue(cells[2].startsWith("$0.0"), lines.get(i));
                total = total.add(new BigDecimal(cells[2].substring(1)));
            }
            // options from application.properties reached the request
            var body = emulator.chatRequests().get(0).body();
            assertTrue(body.contains("\"max_tokens\":10") && body.contains("anthropic/claude-haiku-4.5")
                       && body.contains("Answer with one word"), body);
            assertEquals(5, UsageReport.fromCsv(outputDir.resolve("usage.csv")).byModel().get(0).calls());

            // camel.component.llmrouter.budgets[labels].* made a budget, and every call was booked on it
            assertEquals(List.of("labels"), List.copyOf(budgets.keySet()));
            assertEquals(0, new BigDecimal("0.05").compareTo(budgets.get("labels").getAmount()));
            assertEquals("daily", budgets.get("labels").getPeriod());
            assertEquals("UTC", budgets.get("labels").getZone());
            assertEquals(1, ledger.size(), ledger.toString());
            assertEquals("labels", ledger.get(0).budget());
            assertEquals(0, total.compareTo(ledger.get(0).spent()), ledger + " vs " + total);

            // the log steps log under dev.llmrouter.examples.yaml.<route id>, for the copy as for the original
            List<String> info = logged.stream()
                    .filter(e -> e.getLoggerName().startsWith("dev.llmrouter.examples.yaml."))
                    .map(e -> e.getLoggerName() + ": " + e.getMessage().getFormattedMessage()).toList();
            assertTrue(info.contains("dev.llmrouter.examples.yaml.my-copy: the copy logs too"), info.toString());
            assertTrue(info.contains("dev.llmrouter.examples.yaml.classify-lines: " + lines.get(0)), info.toString());
        } finally {
            logContext.getConfiguration().getRootLogger().removeAppender("capture");
            logContext.updateLoggers();
            capture.stop();
        }
    }
}
