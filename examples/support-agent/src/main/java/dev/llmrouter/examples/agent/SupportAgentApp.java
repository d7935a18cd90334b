package dev.llmrouter.examples.agent;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.llmrouter.camel.LlmRouterBudget;
import dev.llmrouter.camel.LlmRouterComponent;
import dev.llmrouter.camel.LlmRouterConstants;
import dev.llmrouter.camel.LlmRouterMcpServer;
import dev.llmrouter.camel.LlmRouterToolStep;
import dev.llmrouter.camel.agent.LlmRouterToolSpec;
import dev.llmrouter.test.OpenRouterEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A support agent built from route configuration: the agent loop of {@code llmrouter:chat} with two Camel routes
 * over the order database ({@code lookup_order}, {@code request_refund}) and an MCP server of shop policies
 * ({@code policy_search}) as its tools, a cost cap per ticket ({@code maxLoopCost}) and a daily budget. Each ticket
 * is answered by a loop of model calls and tool calls; the report gives its rounds, the tools it used, why it
 * stopped and what it cost. Without OPENROUTER_API_KEY the model is the local emulator, scripted per ticket.
 */
public final class SupportAgentApp {

    static final String MODEL = "openai/gpt-4o-mini";
    /** The most one ticket may cost, over all the model calls of its loop. */
    static final BigDecimal MAX_COST_PER_TICKET = new BigDecimal("0.0005");
    static final BigDecimal DAILY_BUDGET = new BigDecimal("0.50");
    static final String SYSTEM_PROMPT = "You are the support agent of a small online shop. Use lookup_order to read"
            + " an order, policy_search to check a policy before you promise anything, and request_refund only when"
            + " the policy allows it. Answer the customer in two or three sentences.";

    /** The tickets: id and the customer's message. */
    static final List<String[]> TICKETS = List.of(
            new String[] {"T-1", "Hi, where is my order 1001? It should have arrived by now."},
            new String[] {"T-2", "Order 1002 arrived broken, the headphones do not even turn on. I want my money back."},
            new String[] {"T-3", "What is your return window for unopened items?"},
            new String[] {"T-4", "Please refund order 1003, I changed my mind."},
            new String[] {"T-5", "Go through every order I ever placed, starting with 2001, and compare them all."});

    private SupportAgentApp() {
    }

    public static void main(String[] args) throws Exception {
        run(System.getenv("OPENROUTER_API_KEY"), Path.of(args.length > 0 ? args[0] : "target/support-agent"), System.out);
    }

    /** What one ticket took. */
    record TicketResult(String id, String answer, int rounds, List<String> tools, String stopped, BigDecimal cost,
                        String failure) {
    }

    /** Runs the example; with a null key against the emulator. Writes {@code report.md} into {@code outputDir}. */
    static List<TicketResult> run(String apiKey, Path outputDir, PrintStream out) throws Exception {
        OpenRouterEmulator emulator = null;
        String baseUrl = "https://openrouter.ai/api/v1";
        if (apiKey == null || apiKey.isBlank()) {
            emulator = OpenRouterEmulator.create().start();
            script(emulator);
            baseUrl = emulator.baseUrl();
            apiKey = "emulator-key";
            out.println("No OPENROUTER_API_KEY set: using the local OpenRouter emulator at " + baseUrl);
        } else {
            out.println("Calling OpenRouter at " + baseUrl + " with " + MODEL);
        }
        List<TicketResult> results = new ArrayList<>();
        try (OrderDesk orders = new OrderDesk("support-agent");
             PolicyServer policies = new PolicyServer();
             CamelContext camel = new DefaultCamelContext()) {
            LlmRouterComponent llm = new LlmRouterComponent();
            llm.getConfiguration().setBaseUrl(baseUrl);
            llm.getConfiguration().setApiKey(apiKey); // on the component, never in an endpoint URI
            llm.addBudget("support", new LlmRouterBudget(DAILY_BUDGET, "daily"));
            llm.addMcpServer("policies", LlmRouterMcpServer.http(policies.url()));
            camel.addComponent("llmrouter", llm);
            camel.getRegistry().bind("orders", orders);
            // the route tools, with their arguments typed: the routes receive an OrderQuery or a RefundRequest
            camel.getRegistry().bind("supportTools", List.of(
                    LlmRouterToolSpec.route("direct:lookupOrder").parameters(OrderQuery.class),
                    LlmRouterToolSpec.route("direct:requestRefund").parameters(RefundRequest.class)));

            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:ticket").routeId("support-agent")
                            .to("llmrouter:chat?model=" + MODEL + "&maxTokens=300&temperature=0"
                                + "&systemPrompt=" + SYSTEM_PROMPT
                                + "&tools=#supportTools&mcpServers=policies"
                                + "&maxLoopCost=" + MAX_COST_PER_TICKET.toPlainString()
                                + "&maxToolIterations=8&toolTimeout=10s&budget=support"
                                + "&appTitle=camel-llmrouter support-agent example");
                    from("direct:lookupOrder").routeId("lookup-order")
                            .bean("orders", "lookup");
                    from("direct:requestRefund").routeId("request-refund")
                            .bean("orders", "refund");
                }
            });
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            for (String[] ticket : TICKETS) {
                Exchange ex = template.send("direct:ticket", e -> e.getMessage().setBody(ticket[1]));
                TicketResult r = result(ticket[0], ex);
                results.add(r);
                out.printf(Locale.ROOT, "%s  %d rounds  tools=%s  stopped=%s  cost=$%s%n      %s%n", r.id(), r.rounds(),
                        r.tools().isEmpty() ? "-" : String.join(",", r.tools()), r.stopped() == null ? "-" : r.stopped(),
                        r.cost().toPlainString(), r.failure() != null ? "FAILED: " + r.failure() : r.answer());
            }
            BigDecimal total = results.stream().map(TicketResult::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
            out.printf(Locale.ROOT, "Total: %d tickets, %d model rounds, $%s (cap $%s per ticket); refunds filed: %s;"
                                    + " policy lookups over MCP: %d%n",
                    results.size(), results.stream().mapToInt(TicketResult::rounds).sum(), total.toPlainString(),
                    MAX_COST_PER_TICKET.toPlainString(), orders.refunds(), policies.calls());
            Path report = writeReport(outputDir, results, total);
            out.println("Report: " + report.toAbsolutePath());
        } finally {
            if (emulator != null) {
                emulator.stop();
            }
        }
        return results;
    }

    @SuppressWarnings("unchecked")
    private static TicketResult result(String id, Exchange ex) {
        Integer rounds = ex.getMessage().getHeader(LlmRouterConstants.TOOL_ITERATIONS, 0, Integer.class);
        List<LlmRouterToolStep> trace = ex.getMessage().getHeader(LlmRouterConstants.TOOL_TRACE, List.of(), List.class);
        List<String> tools = new ArrayList<>();
        BigDecimal cost = BigDecimal.ZERO;
        for (LlmRouterToolStep step : trace) {
            step.calls().forEach(c -> tools.add(c.name()));
            cost = cost.add(step.cost() == null ? BigDecimal.ZERO : step.cost());
        }
        String stopped = ex.getMessage().getHeader(LlmRouterConstants.LOOP_STOPPED, String.class);
        if (ex.getException() != null) {
            return new TicketResult(id, null, rounds, tools, stopped, cost, ex.getException().getMessage());
        }
        BigDecimal billed = ex.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.ZERO, BigDecimal.class);
        return new TicketResult(id, ex.getMessage().getBody(String.class).trim(), rounds, tools, stopped, billed, null);
    }

    private static Path writeReport(Path outputDir, List<TicketResult> results, BigDecimal total) throws Exception {
        Files.createDirectories(outputDir);
        StringBuilder md = new StringBuilder("# Support agent: cost per ticket\n\n")
                .append("| ticket | rounds | tools called | stopped by | cost (USD) |\n|---|---:|---|---|---:|\n");
        for (TicketResult r : results) {
            md.append("| ").append(r.id()).append(" | ").append(r.rounds()).append(" | ")
                    .append(r.tools().isEmpty() ? "-" : r.tools().stream().collect(Collectors.joining(", ")))
                    .append(" | ").append(r.failure() != null ? "failure" : r.stopped() == null ? "-" : r.stopped())
                    .append(" | ").append(r.cost().toPlainString()).append(" |\n");
        }
        md.append("\nTotal: $").append(total.toPlainString()).append(", at most $")
                .append(MAX_COST_PER_TICKET.toPlainString()).append(" per ticket.\n");
        Path report = outputDir.resolve("report.md");
        Files.writeString(report, md, StandardCharsets.UTF_8);
        return report;
    }

    /**
     * What the emulated model does per ticket: which tool it calls first (matched on the customer's text), and
     * what it does once a tool's answer is back (matched on the tool and its answer). Ticket T-5 asks for one
     * order after the other, so only the cost cap ends it.
     */
    static void script(OpenRouterEmulator emulator) {
        emulator.reply("order 1001", "TOOL_CALL:lookup_order:{\"orderId\":1001}")
                .replyAfterTool("lookup_order", "\"id\":1001",
                        "Your desk lamp (order 1001) has shipped and is on its way; orders are delivered within 2 to 4"
                        + " business days of shipping. If it has not arrived after 10 business days we investigate"
                        + " and reship it.")
                .reply("Order 1002", "TOOL_CALL:lookup_order:{\"orderId\":1002}")
                .replyAfterTool("lookup_order", "\"id\":1002",
                        "TOOL_CALL:policy_search:{\"topic\":\"damaged item refund\"}")
                .replyAfterTool("policy_search", "Damaged items",
                        "TOOL_CALL:request_refund:{\"orderId\":1002,\"reason\":\"arrived broken, does not turn on\"}")
                .replyAfterTool("request_refund", "accepted",
                        "I'm sorry your headphones arrived broken. Your refund of 59.00 USD for order 1002 is"
                        + " accepted and will be back on your card within 5 business days; no need to send them back.")
                .reply("return window", "TOOL_CALL:policy_search:{\"topic\":\"return unopened\"}")
                .replyAfterTool("policy_search", "Returns:",
                        "Unopened items can be returned within 30 days of delivery for a full refund.")
                .reply("refund order 1003", "TOOL_CALL:request_refund:{\"orderId\":1003,\"reason\":\"changed my mind\"}")
                .replyAfterTool("request_refund", "refused",
                        "Order 1003 has not been delivered yet, so I cannot refund it now; you can refuse the parcel"
                        + " at delivery and the refund follows automatically.")
                .reply("starting with 2001", "TOOL_CALL:lookup_order:{\"orderId\":2001}");
        for (int id = 2001; id < 2006; id++) {
            emulator.replyAfterTool("lookup_order", "\"id\":" + id,
                    "TOOL_CALL:lookup_order:{\"orderId\":" + (id + 1) + "}");
        }
        emulator.replyAfterTool("lookup_order", "\"id\":2006", "TOOL_CALL:lookup_order:{\"orderId\":2007}");
        emulator.replyAfterTool("lookup_order", "there is no order", "TOOL_CALL:lookup_order:{\"orderId\":2001}");
        // reached only when the loop asks for an answer without tools (tool_choice none skips the scripts above)
        emulator.replyAfterTool("lookup_order", "",
                "You placed six orders between September and November (2001 to 2006): a notebook, a fountain pen,"
                + " two inks, a desk pad and a pen case, all delivered. I stopped comparing there.");
    }
}
