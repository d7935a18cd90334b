package dev.llmrouter.bench;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.llmrouter.camel.LlmRouterComponent;
import dev.llmrouter.camel.LlmRouterConstants;
import dev.llmrouter.camel.LlmRouterDialect;
import dev.llmrouter.camel.LlmRouterTarget;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * llmrouter as a route would use it: a {@code llmrouter:chat} endpoint with the component's defaults, called
 * asynchronously through its producer, as a route's {@code to()} calls it (or, {@link #viaTemplate}, through a
 * ProducerTemplate). The answer is the body; usage comes from the CamelLlmRouter* headers.
 */
final class LlmRouterClient implements BenchClient {

    private final String name;
    private final CamelContext context;
    private final ProducerTemplate template;
    private final Endpoint endpoint;
    private final org.apache.camel.AsyncProducer producer;
    private final boolean viaTemplate;
    /** A view of another client's context (see {@link #viaTemplate}): closing it leaves the context alone. */
    private final boolean shared;

    /** An endpoint on the component's defaults, pointed at {@code baseUrl}. */
    static LlmRouterClient direct(String name, String baseUrl, String extraOptions,
            java.util.function.Consumer<LlmRouterComponent> tune) throws Exception {
        return new LlmRouterClient(name, Map.of(), "baseUrl=" + baseUrl + "&apiKey=RAW(" + API_KEY + ")"
                + (extraOptions.isEmpty() ? "" : "&" + extraOptions), tune);
    }

    /**
     * An endpoint booking every call on a budget far too large to refuse, priced from a catalog file: on the
     * component's in-memory ledger, or on a JDBC ledger over {@code ledger} (written off the completion threads).
     */
    static LlmRouterClient budgeted(String name, String baseUrl, javax.sql.DataSource ledger) throws Exception {
        java.nio.file.Path prices = java.nio.file.Files.createTempFile("llmrouter-bench-prices", ".json");
        prices.toFile().deleteOnExit();
        java.nio.file.Files.writeString(prices, "{\"data\":[{\"id\":\"" + MODEL + "\",\"context_length\":128000,"
                + "\"pricing\":{\"prompt\":\"0.00000015\",\"completion\":\"0.0000006\"}}]}");
        LlmRouterClient client = direct(name, baseUrl, "budget=bench&pricingCatalog=file:" + prices.toAbsolutePath(),
                c -> {
                    c.addBudget("bench", new dev.llmrouter.camel.LlmRouterBudget(
                            new java.math.BigDecimal("1000000000"), "none"));
                    if (ledger != null) {
                        c.setLedgerDataSource(ledger);
                    }
                });
        // one call first creates the budget row: the figures are for booking on a row that exists
        client.template.requestBody(client.endpoint, PROMPT);
        return client;
    }

    /** The second model of the governed row: a fallback the stub is never asked for (the first model answers). */
    static final String FALLBACK_MODEL = "openai/gpt-4.1-nano";

    /**
     * A production-like set-up: the budget of {@link #budgeted} on the in-memory ledger, plus
     * {@code maxCostPerRequest}, {@code allowedModels}, {@code fallbackModels}, a CSV usage log in a temporary file
     * and Micrometer meters (a {@code SimpleMeterRegistry} bound in the context's registry).
     */
    static LlmRouterClient governed(String name, String baseUrl) throws Exception {
        java.nio.file.Path prices = java.nio.file.Files.createTempFile("llmrouter-bench-prices", ".json");
        prices.toFile().deleteOnExit();
        java.nio.file.Files.writeString(prices, "{\"data\":[{\"id\":\"" + MODEL + "\",\"context_length\":128000,"
                + "\"pricing\":{\"prompt\":\"0.00000015\",\"completion\":\"0.0000006\"}},"
                + "{\"id\":\"" + FALLBACK_MODEL + "\",\"context_length\":128000,"
                + "\"pricing\":{\"prompt\":\"0.0000001\",\"completion\":\"0.0000004\"}}]}");
        java.nio.file.Path usage = java.nio.file.Files.createTempFile("llmrouter-bench-usage", ".csv");
        usage.toFile().deleteOnExit();
        LlmRouterClient client = new LlmRouterClient(name, Map.of(), "baseUrl=" + baseUrl + "&apiKey=RAW(" + API_KEY
                + ")&budget=bench&pricingCatalog=file:" + prices.toAbsolutePath() + "&maxCostPerRequest=0.05"
                + "&allowedModels=openai/*&fallbackModels=" + FALLBACK_MODEL,
                c -> {
                    // $1,000 in all: more than a run spends (about $0.03 per 1,000 calls), a size real budgets have
                    c.addBudget("bench", new dev.llmrouter.camel.LlmRouterBudget(new java.math.BigDecimal("1000"),
                            "none"));
                    c.setUsageLogFile(usage.toString());
                },
                context -> context.getRegistry().bind("meterRegistry",
                        new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
        client.template.requestBody(client.endpoint, PROMPT);
        return client;
    }

    /** A fresh H2 in-memory database, for the JDBC ledger. */
    static javax.sql.DataSource h2() {
        org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
        ds.setURL("jdbc:h2:mem:bench_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        return ds;
    }

    /** An endpoint that routes over named targets, e.g. {@code primary=<url>, fallback=<url>}. */
    static LlmRouterClient targets(String name, Map<String, String> targets, String extraOptions,
            java.util.function.Consumer<LlmRouterComponent> tune) throws Exception {
        return new LlmRouterClient(name, targets,
                "targets=" + String.join(",", targets.keySet()) + (extraOptions.isEmpty() ? "" : "&" + extraOptions),
                tune);
    }

    private LlmRouterClient(String name, Map<String, String> targets, String options,
            java.util.function.Consumer<LlmRouterComponent> tune) throws Exception {
        this(name, targets, options, tune, context -> { });
    }

    private LlmRouterClient(String name, Map<String, String> targets, String options,
            java.util.function.Consumer<LlmRouterComponent> tune,
            java.util.function.Consumer<CamelContext> bind) throws Exception {
        this.name = name;
        this.context = new DefaultCamelContext();
        bind.accept(context);
        LlmRouterComponent component = new LlmRouterComponent();
        Map<String, LlmRouterTarget> definitions = new LinkedHashMap<>();
        targets.forEach((target, url) -> {
            LlmRouterTarget t = new LlmRouterTarget();
            t.setBaseUrl(url);
            t.setApiKey(API_KEY);
            t.setDialect(LlmRouterDialect.openrouter);
            definitions.put(target, t);
        });
        component.setTargetDefinitions(definitions);
        tune.accept(component);
        context.addComponent("llmrouter", component);
        context.start();
        this.template = context.createProducerTemplate();
        this.endpoint = context.getEndpoint("llmrouter:chat?model=" + MODEL + "&systemPrompt=RAW(" + SYSTEM + ")"
                + "&temperature=" + TEMPERATURE + "&maxTokens=" + MAX_TOKENS + "&" + options);
        this.producer = endpoint.createAsyncProducer();
        this.producer.start();
        this.viaTemplate = false;
        this.shared = false;
    }

    @Override
    public String name() {
        return name;
    }

    CamelContext context() {
        return context;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    ProducerTemplate template() {
        return template;
    }

    /**
     * The same client, sending through {@code ProducerTemplate.asyncSend} instead of the endpoint's producer: the
     * template hands every exchange to its own thread pool first, a hop that a route's {@code to()} does not take.
     */
    LlmRouterClient viaTemplate(String name) {
        return new LlmRouterClient(this, name);
    }

    private LlmRouterClient(LlmRouterClient other, String name) {
        this.name = name;
        this.context = other.context;
        this.template = other.template;
        this.endpoint = other.endpoint;
        this.producer = other.producer;
        this.viaTemplate = true;
        this.shared = true;
    }

    /**
     * One call as a route's {@code to(endpoint)} makes it: the exchange goes to the endpoint's asynchronous
     * producer on the calling thread, which returns once the request is handed to the HTTP client; the callback runs
     * when the answer has been mapped (on llmrouter's completion thread).
     */
    @Override
    public void send(Done done) {
        Exchange exchange = endpoint.createExchange();
        exchange.getMessage().setBody(PROMPT);
        if (viaTemplate) {
            template.asyncSend(endpoint, exchange).whenComplete((ex, failure) -> answer(ex, failure, done));
            return;
        }
        producer.process(exchange, doneSync -> answer(exchange, null, done));
    }

    private static void answer(Exchange ex, Throwable failure, Done done) {
        if (failure != null || ex.getException() != null) {
            done.done(null, 0, failure != null ? failure : ex.getException());
            return;
        }
        Long tokens = ex.getMessage().getHeader(LlmRouterConstants.TOTAL_TOKENS, Long.class);
        done.done(ex.getMessage().getBody(String.class), tokens == null ? 0 : tokens, null);
    }

    @Override
    public void close() throws Exception {
        if (shared) {
            return;
        }
        producer.stop();
        template.close();
        context.close();
    }
}
