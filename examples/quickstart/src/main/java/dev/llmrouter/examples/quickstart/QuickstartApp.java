package dev.llmrouter.examples.quickstart;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.List;

import dev.llmrouter.camel.LlmRouterConstants;
import dev.llmrouter.test.EmulatorFault;
import dev.llmrouter.test.OpenRouterEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The smallest useful llmrouter route: a cheap model first, a stronger one as fallback, providers sorted by price,
 * and the cost of every answer printed. Without OPENROUTER_API_KEY it starts the local OpenRouter emulator on a
 * free loopback port (and makes the cheap model fail once, to show the fallback at work).
 */
public final class QuickstartApp {

    static final List<String> PROMPTS = List.of(
            "My invoice shows a double charge, can I get a refund?",
            "The parcel never arrived at my address.",
            "How do I change my password?");

    private QuickstartApp() {
    }

    public static void main(String[] args) throws Exception {
        run(System.getenv("OPENROUTER_API_KEY"), System.out);
    }

    /** Runs the example; returns the total cost. With a null key it uses the emulator. */
    static BigDecimal run(String apiKey, PrintStream out) throws Exception {
        OpenRouterEmulator emulator = null;
        String baseUrl = "https://openrouter.ai/api/v1";
        if (apiKey == null || apiKey.isBlank()) {
            emulator = OpenRouterEmulator.create().start();
            emulator.reply("refund", "billing").reply("parcel", "shipping").reply("password", "account");
            emulator.fault("anthropic/claude-haiku-4.5",
                    EmulatorFault.status(503).message("Provider overloaded").times(1));
            baseUrl = emulator.baseUrl();
            apiKey = "emulator-key";
            out.println("No OPENROUTER_API_KEY set: using the local OpenRouter emulator at " + baseUrl);
        } else {
            out.println("Calling OpenRouter at " + baseUrl);
        }
        String uri = "llmrouter:chat?model=anthropic/claude-haiku-4.5"
                     + "&fallbackModels=anthropic/claude-sonnet-4.5"
                     + "&sort=price&maxTokens=10&temperature=0"
                     + "&systemPrompt=Classify the support ticket. Answer with one word: billing, shipping or account."
                     + "&appTitle=camel-llmrouter quickstart"
                     + "&baseUrl=" + baseUrl + "&apiKey=RAW(" + apiKey + ")";
        BigDecimal total = BigDecimal.ZERO;
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:classify").routeId("classify").to(uri);
                }
            });
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            for (String prompt : PROMPTS) {
                Exchange ex = template.send("direct:classify", e -> e.getMessage().setBody(prompt));
                if (ex.getException() != null) {
                    out.println("FAILED  " + prompt + " -> " + ex.getException().getMessage());
                    continue;
                }
                BigDecimal cost = ex.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.ZERO, BigDecimal.class);
                total = total.add(cost);
                out.printf("%-9s %-55s model=%s provider=%s tokens=%s cost=$%s%n",
                        ex.getMessage().getBody(String.class).trim(), prompt,
                        ex.getMessage().getHeader(LlmRouterConstants.RESPONSE_MODEL),
                        ex.getMessage().getHeader(LlmRouterConstants.RESPONSE_PROVIDER),
                        ex.getMessage().getHeader(LlmRouterConstants.TOTAL_TOKENS),
                        cost.toPlainString());
            }
        } finally {
            if (emulator != null) {
                emulator.stop();
            }
        }
        out.println("Total cost: $" + total.toPlainString());
        return total;
    }
}
