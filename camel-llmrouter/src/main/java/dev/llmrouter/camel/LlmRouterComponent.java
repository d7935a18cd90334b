package dev.llmrouter.camel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

import dev.llmrouter.camel.agent.McpToolSource;
import dev.llmrouter.camel.cost.budget.BudgetLedger;
import dev.llmrouter.camel.routing.CircuitBreakers;
import dev.llmrouter.camel.support.SharedRuntime;
import dev.llmrouter.camel.usage.CallObserver;
import dev.llmrouter.camel.usage.SpendStats;
import org.apache.camel.Endpoint;
import org.apache.camel.SSLContextParametersAware;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.EndpointHelper;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.util.PropertiesHelper;

/**
 * The {@code llmrouter} component: LLM calls through OpenRouter or any OpenAI-compatible server, with model and
 * provider routing, price ceilings and cost on every message. All endpoints of one component share one
 * non-blocking HTTP client (connection pool and I/O threads).
 */
@Component("llmrouter")
public class LlmRouterComponent extends DefaultComponent implements SSLContextParametersAware {

    @Metadata(description = "Default options for every endpoint of this component")
    private LlmRouterConfiguration configuration = new LlmRouterConfiguration();
    @Metadata(label = "advanced", defaultValue = "256",
              description = "Size of the shared HTTP connection pool (total, and per host)")
    private int maxConnections = 256;
    @Metadata(label = "advanced", defaultValue = "0",
              description = "Number of HTTP I/O threads shared by all endpoints; 0 means one per CPU")
    private int ioThreadCount;
    @Metadata(label = "advanced", defaultValue = "10000", javaType = "java.time.Duration",
              description = "Timeout for opening a connection (TCP and TLS)")
    private long connectTimeout = 10_000;
    @Metadata(label = "proxy", description = "HTTP proxy host for all calls")
    private String proxyHost;
    @Metadata(label = "proxy", defaultValue = "8080", description = "HTTP proxy port")
    private int proxyPort = 8080;
    @Metadata(label = "security", description = "TLS configuration (Camel SSLContextParameters) for HTTPS calls")
    private SSLContextParameters sslContextParameters;
    @Metadata(label = "security", defaultValue = "false",
              description = "Use the CamelContext's global SSLContextParameters when sslContextParameters is not set")
    private boolean useGlobalSslContextParameters;
    @Metadata(label = "advanced", autowired = false,
              description = "Executor that completes exchanges once an answer has arrived, so that route processing"
                            + " never runs on an HTTP I/O thread. By default a Camel-managed pool with one thread"
                            + " per CPU (at least 2) and an unbounded queue. An executor given here must not reject"
                            + " tasks (a rejected task runs on the thread at hand, which may be an I/O thread).")
    private ExecutorService completionExecutor;

    @Metadata(label = "common",
              description = "Routing profiles: named sets of endpoint options (e.g. cheap, balanced, frontier) that an"
                            + " endpoint applies with option profile; the endpoint URI's own options win")
    private Map<String, Map<String, String>> profiles = new LinkedHashMap<>();
    @Metadata(label = "resilience",
              description = "Named targets (servers) that endpoints list in their targets option, by name: each with"
                            + " baseUrl, apiKey, dialect, model mapping and timeouts")
    private Map<String, LlmRouterTarget> targetDefinitions = new LinkedHashMap<>();
    @Metadata(label = "resilience", defaultValue = "true",
              description = "Whether calls pass circuit breakers: one per target, or one per target and model (endpoint"
                            + " option breakerScope); shared by all endpoints of this component")
    private boolean circuitBreakerEnabled = true;
    @Metadata(label = "resilience", defaultValue = "50",
              description = "Failure rate, in percent of the recent calls a breaker guards (a target's, or one model's on"
                            + " a target), that opens it")
    private float circuitBreakerFailureRateThreshold = 50;
    @Metadata(label = "resilience", defaultValue = "20",
              description = "How many recent calls a breaker's failure rate is computed over")
    private int circuitBreakerSlidingWindowSize = 20;
    @Metadata(label = "resilience", defaultValue = "10",
              description = "How many calls a breaker must have seen before its failure rate can open it")
    private int circuitBreakerMinimumNumberOfCalls = 10;
    @Metadata(label = "resilience", defaultValue = "30000", javaType = "java.time.Duration",
              description = "How long an open breaker skips what it guards (its target, or its model on that target)"
                            + " before letting test calls through")
    private long circuitBreakerWaitDuration = 30_000;
    @Metadata(label = "resilience", defaultValue = "2",
              description = "How many test calls a half-open breaker lets through; their outcome closes or reopens it")
    private int circuitBreakerPermittedCallsInHalfOpenState = 2;

    @Metadata(label = "cost",
              description = "Named budgets that endpoints book calls on (option budget): amount in USD, period"
                            + " (none, hourly, daily, weekly, monthly), time zone, optionally rpm and tpm (requests and"
                            + " tokens per minute, see option onRateLimited), and scope (global, route, endpoint, header"
                            + " or a simple expression such as ${header.tenant}; unset: the endpoint's budgetScope)")
    private Map<String, LlmRouterBudget> budgets = new LinkedHashMap<>();
    @Metadata(label = "agent",
              description = "Named MCP servers that endpoints take tools from (option mcpServers), by name: each with"
                            + " url (streamable HTTP) and headers, or command, args and env (stdio); optional, tools"
                            + " (names or globs) and timeout in milliseconds")
    private Map<String, LlmRouterMcpServer> mcpServerDefinitions = new LinkedHashMap<>();
    @Metadata(label = "cost", autowired = false,
              description = "Where budget spend is kept. By default in memory (per JVM); set ledgerDataSource to share"
                            + " budgets between instances through a database, or give any BudgetLedger implementation")
    private BudgetLedger budgetLedger;
    @Metadata(label = "cost", autowired = false,
              description = "A JDBC DataSource for a ledger shared by every instance of the application: the table is"
                            + " created on start if absent, and reservations are atomic in the database")
    private DataSource ledgerDataSource;
    @Metadata(label = "cost", defaultValue = "llmrouter_budget", description = "The table of the JDBC ledger")
    private String ledgerTable = "llmrouter_budget";
    @Metadata(label = "cost", defaultValue = "0", javaType = "java.time.Duration",
              description = "How long a budget reservation holds its amount unless renewed: calls in flight renew"
                            + " theirs every third of it, so only a reservation whose JVM died (or lost the ledger)"
                            + " expires. 0 means the component's totalTimeout plus one minute, or 10 minutes when"
                            + " totalTimeout is 0")
    private long reservationLease;
    @Metadata(label = "cost",
              description = "This application instance's stable name in the JDBC ledger: on start, the reservations"
                            + " its previous incarnation (same name) left are released at once. Default: the host"
                            + " name, a slash and the CamelContext name. Two instances running at once must never"
                            + " share it")
    private String ledgerInstanceId;
    @Metadata(label = "cost",
              description = "A file where settlements the ledger (JDBC or custom) has not accepted yet wait to be"
                            + " replayed, so that a JVM that stops or dies during a ledger outage books them when it"
                            + " starts again. Without it they wait in memory: they survive an outage, not the JVM."
                            + " One file per running component (it is locked)")
    private String ledgerJournalFile;
    @Metadata(label = "cost",
              description = "A CSV file that receives one line per call (time, route, endpoint, model, provider,"
                            + " target, tokens, cost, generation id, budget key, cache hit, outcome)")
    private String usageLogFile;
    @Metadata(label = "cost",
              description = "An endpoint URI that receives one exchange per call, its body a"
                            + " dev.llmrouter.camel.usage.UsageRecord (e.g. a seda: queue feeding your own store)")
    private String usageLogEndpoint;
    @Metadata(label = "cost", autowired = false,
              description = "A JDBC DataSource whose table llmrouter_usage receives one row per call")
    private DataSource usageLogDataSource;
    @Metadata(label = "cost", defaultValue = "true",
              description = "Whether calls are counted in Micrometer meters when a MeterRegistry is in the registry")
    private boolean metricsEnabled = true;
    @Metadata(label = "cost", defaultValue = "true",
              description = "Whether the OpenTelemetry GenAI client instruments gen_ai.client.token.usage and"
                            + " gen_ai.client.operation.duration are recorded too, next to the llmrouter meters"
                            + " (only when metricsEnabled and a MeterRegistry is in the registry)")
    private boolean genAiMetricsEnabled = true;
    @Metadata(label = "cost", defaultValue = "3600000", javaType = "java.time.Duration",
              description = "How often prices read from a target's GET /models are read again")
    private long pricingRefreshInterval = 3_600_000;

    @Metadata(label = "health", defaultValue = "true",
              description = "Whether the health check llmrouter-credit is registered (when camel-health is present and"
                            + " an API key is known): it asks GET /key what remains of the key's credit limit")
    private boolean creditHealthCheckEnabled = true;
    @Metadata(label = "health", javaType = "java.math.BigDecimal",
              description = "The health check llmrouter-credit reports DOWN when less than this remains of the API"
                            + " key's credit limit, in USD (and always when nothing remains); a key without a limit"
                            + " is UP")
    private java.math.BigDecimal creditHealthCheckMinimum;

    private final SharedRuntime runtime = new SharedRuntime(this);
    /** The MCP tool sources of the started endpoints, for the dev console. */
    private final List<McpToolSource> mcpSources = new CopyOnWriteArrayList<>();

    public LlmRouterComponent() {
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        LlmRouterOperation operation = LlmRouterOperation.of(remaining);
        LlmRouterConfiguration config = configuration.copy();
        Object profileName = parameters.get("profile");
        if (profileName != null && !profileName.toString().isBlank()) {
            Map<String, String> profile = profiles == null ? null : profiles.get(profileName.toString().trim());
            if (profile == null) {
                throw new IllegalArgumentException("Unknown profile '" + profileName + "' in option profile: define it"
                                                   + " in the component's profiles");
            }
            // the profile's options first; the URI's own options win
            profile.forEach(parameters::putIfAbsent);
        }
        Map<String, Object> metadata = PropertiesHelper.extractProperties(parameters, "metadata.");
        if (!metadata.isEmpty()) {
            Map<String, String> merged = config.getMetadata() == null
                    ? new LinkedHashMap<>() : new LinkedHashMap<>(config.getMetadata());
            metadata.forEach((k, v) -> merged.put(k, v == null ? null : v.toString()));
            config.setMetadata(merged);
        }
        toolList(parameters);
        LlmRouterEndpoint endpoint = new LlmRouterEndpoint(uri, this, operation, config);
        setProperties(endpoint, parameters);
        endpoint.prepare();
        return endpoint;
    }

    /**
     * Option tools given as text: a comma list whose elements are endpoint URIs (route tools) or bean references
     * ({@code #name}: a List bean is spliced in, any other bean is one element), made a List before binding.
     */
    private void toolList(Map<String, Object> parameters) {
        if (!(parameters.get("tools") instanceof String text) || text.isBlank()) {
            return;
        }
        List<Object> tools = new ArrayList<>();
        for (String part : text.split(",")) {
            String item = part.trim();
            if (item.isEmpty()) {
                continue;
            }
            if (item.startsWith("#")) {
                Object bean = EndpointHelper.resolveReferenceParameter(getCamelContext(), item, Object.class);
                if (bean instanceof Collection<?> c) {
                    tools.addAll(c);
                } else {
                    tools.add(bean);
                }
            } else {
                tools.add(item);
            }
        }
        parameters.put("tools", tools);
    }

    /** The machinery all endpoints of this component share (transport, pools, timer, breakers, ledger, ...). */
    public SharedRuntime runtime() {
        return runtime;
    }

    /** Adds an observer of every finished call (usage log, meters, statistics). */
    public void addCallObserver(CallObserver observer) {
        runtime.addCallObserver(observer);
    }

    /** Removes an observer added with {@link #addCallObserver}. */
    public void removeCallObserver(CallObserver observer) {
        runtime.removeCallObserver(observer);
    }

    /** Calls, errors, tokens and cost per served model since the component started. */
    public SpendStats spendStats() {
        return runtime.spendStats();
    }

    /** The ledger budgets are booked on (in memory unless budgetLedger or ledgerDataSource is set). */
    public BudgetLedger ledger() {
        return runtime.ledger();
    }

    public long getPricingRefreshInterval() {
        return pricingRefreshInterval;
    }

    /** How often prices read from a target's GET /models are read again. */
    public void setPricingRefreshInterval(long pricingRefreshInterval) {
        this.pricingRefreshInterval = pricingRefreshInterval;
    }

    /** A budget defined on the component or in the registry by name, or null. */
    public LlmRouterBudget budgetDefinition(String name) {
        LlmRouterBudget b = budgets == null ? null : budgets.get(name);
        if (b == null) {
            b = getCamelContext().getRegistry().lookupByNameAndType(name, LlmRouterBudget.class);
        }
        return b;
    }

    /** The circuit breakers of this component's targets. */
    public CircuitBreakers circuitBreakers() {
        return runtime.circuitBreakers();
    }

    /**
     * The state of the circuit breakers of a target by name (CLOSED, OPEN, HALF_OPEN, ...): OPEN when any of its
     * breakers (target-wide or, with breakerScope=model, of one of its models) is open; CLOSED when the target
     * was not called yet; for the endpoints' own targets, the name is openrouter.
     */
    public String circuitBreakerState(String targetName) {
        return circuitBreakers().state(targetName).name();
    }

    /**
     * The state of the circuit breaker of one model on a target (breakerScope=model): {@code model} is the
     * target's name for it, or {@code *} for the target-wide breaker. CLOSED when it was not called yet.
     */
    public String circuitBreakerState(String targetName, String model) {
        return circuitBreakers().state(targetName, model).name();
    }

    /** An MCP server defined on the component or in the registry by name, or null. */
    public LlmRouterMcpServer mcpServerDefinition(String name) {
        LlmRouterMcpServer s = mcpServerDefinitions == null ? null : mcpServerDefinitions.get(name);
        if (s == null) {
            s = getCamelContext().getRegistry().lookupByNameAndType(name, LlmRouterMcpServer.class);
        }
        return s;
    }

    /** The MCP tool sources of this component's started endpoints (one per endpoint and server). */
    public List<McpToolSource> mcpSources() {
        return List.copyOf(mcpSources);
    }

    /** Internal: an endpoint registers its MCP sources when it starts and removes them when it stops. */
    public void mcpSourcesStarted(List<McpToolSource> sources, boolean started) {
        if (started) {
            mcpSources.addAll(sources);
        } else {
            mcpSources.removeAll(sources);
        }
    }

    /** A target defined on the component or in the registry by name, or null. */
    public LlmRouterTarget targetDefinition(String name) {
        LlmRouterTarget t = targetDefinitions == null ? null : targetDefinitions.get(name);
        if (t == null) {
            t = getCamelContext().getRegistry().lookupByNameAndType(name, LlmRouterTarget.class);
        }
        return t;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        validateOptions();
        runtime.start();
    }

    @Override
    protected void doStop() throws Exception {
        runtime.stop();
        super.doStop();
    }

    @Override
    protected void doShutdown() throws Exception {
        runtime.shutdown();
        super.doShutdown();
    }

    /** Checks the component's own options, naming the one at fault. */
    private void validateOptions() {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("Invalid value for maxConnections: must be 1 or more");
        }
        if (ioThreadCount < 0) {
            throw new IllegalArgumentException("Invalid value for ioThreadCount: must be 0 (one per CPU) or more");
        }
        if (connectTimeout <= 0) {
            throw new IllegalArgumentException("Invalid value for connectTimeout: must be more than 0");
        }
        if (proxyPort < 1 || proxyPort > 65535) {
            throw new IllegalArgumentException("Invalid value " + proxyPort + " for proxyPort: must be 1 to 65535");
        }
        if (pricingRefreshInterval <= 0) {
            throw new IllegalArgumentException("Invalid value for pricingRefreshInterval: must be more than 0");
        }
        if (circuitBreakerFailureRateThreshold <= 0 || circuitBreakerFailureRateThreshold > 100) {
            throw new IllegalArgumentException("Invalid value for circuitBreakerFailureRateThreshold: must be more"
                                               + " than 0 and at most 100 (percent)");
        }
        if (circuitBreakerSlidingWindowSize < 1 || circuitBreakerMinimumNumberOfCalls < 1
            || circuitBreakerPermittedCallsInHalfOpenState < 1) {
            throw new IllegalArgumentException("Invalid value for circuitBreakerSlidingWindowSize,"
                                               + " circuitBreakerMinimumNumberOfCalls or"
                                               + " circuitBreakerPermittedCallsInHalfOpenState: must be 1 or more");
        }
        if (circuitBreakerWaitDuration < 1) {
            throw new IllegalArgumentException("Invalid value for circuitBreakerWaitDuration: must be 1 ms or more");
        }
        if (reservationLease < 0) {
            throw new IllegalArgumentException("Invalid value for reservationLease: must be 0 (automatic) or more");
        }
        if (ledgerDataSource != null && budgetLedger != null) {
            throw new IllegalArgumentException("Options budgetLedger and ledgerDataSource cannot both be set");
        }
    }

    /** Replaces how environment variables are read (for tests and embedding). */
    public void setEnvironment(UnaryOperator<String> environment) {
        runtime.environment(environment);
    }

    public LlmRouterConfiguration getConfiguration() {
        return configuration;
    }

    /** Default options for every endpoint of this component. */
    public void setConfiguration(LlmRouterConfiguration configuration) {
        this.configuration = configuration;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    /** Size of the shared HTTP connection pool (total, and per host). */
    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public int getIoThreadCount() {
        return ioThreadCount;
    }

    /** Number of HTTP I/O threads shared by all endpoints; 0 means one per CPU. */
    public void setIoThreadCount(int ioThreadCount) {
        this.ioThreadCount = ioThreadCount;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    /** Timeout for opening a connection (TCP and TLS). */
    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public String getProxyHost() {
        return proxyHost;
    }

    /** HTTP proxy host for all calls. */
    public void setProxyHost(String proxyHost) {
        this.proxyHost = proxyHost;
    }

    public int getProxyPort() {
        return proxyPort;
    }

    /** HTTP proxy port. */
    public void setProxyPort(int proxyPort) {
        this.proxyPort = proxyPort;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    /** TLS configuration (Camel SSLContextParameters) for HTTPS calls. */
    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    @Override
    public boolean isUseGlobalSslContextParameters() {
        return useGlobalSslContextParameters;
    }

    /** Use the CamelContext's global SSLContextParameters when sslContextParameters is not set. */
    @Override
    public void setUseGlobalSslContextParameters(boolean useGlobalSslContextParameters) {
        this.useGlobalSslContextParameters = useGlobalSslContextParameters;
    }

    public Map<String, LlmRouterTarget> getTargetDefinitions() {
        return targetDefinitions;
    }

    /** Named targets (servers) that endpoints list in their targets option, by name. */
    public void setTargetDefinitions(Map<String, LlmRouterTarget> targetDefinitions) {
        this.targetDefinitions = targetDefinitions;
    }

    /** Adds a named target. */
    public void addTarget(String name, LlmRouterTarget target) {
        if (targetDefinitions == null) {
            targetDefinitions = new LinkedHashMap<>();
        }
        targetDefinitions.put(name, target);
    }

    public Map<String, Map<String, String>> getProfiles() {
        return profiles;
    }

    /** Routing profiles: named sets of endpoint options that an endpoint applies with option profile. */
    public void setProfiles(Map<String, Map<String, String>> profiles) {
        this.profiles = profiles;
    }

    /** Adds a routing profile: endpoint option names to values, e.g. model=..., maxRetries=.... */
    public void addProfile(String name, Map<String, String> options) {
        if (profiles == null) {
            profiles = new LinkedHashMap<>();
        }
        profiles.put(name, new LinkedHashMap<>(options));
    }

    public Map<String, LlmRouterBudget> getBudgets() {
        return budgets;
    }

    /** Named budgets that endpoints book calls on (option budget). */
    public void setBudgets(Map<String, LlmRouterBudget> budgets) {
        this.budgets = budgets;
    }

    /** Adds a named budget. */
    public void addBudget(String name, LlmRouterBudget budget) {
        if (budgets == null) {
            budgets = new LinkedHashMap<>();
        }
        budgets.put(name, budget);
    }

    public Map<String, LlmRouterMcpServer> getMcpServerDefinitions() {
        return mcpServerDefinitions;
    }

    /** Named MCP servers that endpoints take tools from (option mcpServers), by name. */
    public void setMcpServerDefinitions(Map<String, LlmRouterMcpServer> mcpServerDefinitions) {
        this.mcpServerDefinitions = mcpServerDefinitions;
    }

    /** Adds a named MCP server. */
    public void addMcpServer(String name, LlmRouterMcpServer server) {
        if (mcpServerDefinitions == null) {
            mcpServerDefinitions = new LinkedHashMap<>();
        }
        mcpServerDefinitions.put(name, server);
    }

    public BudgetLedger getBudgetLedger() {
        return budgetLedger;
    }

    /** Where budget spend is kept; in memory (per JVM) by default. */
    public void setBudgetLedger(BudgetLedger budgetLedger) {
        this.budgetLedger = budgetLedger;
    }

    public DataSource getLedgerDataSource() {
        return ledgerDataSource;
    }

    /** A JDBC DataSource for a ledger shared by every instance of the application. */
    public void setLedgerDataSource(DataSource ledgerDataSource) {
        this.ledgerDataSource = ledgerDataSource;
    }

    public long getReservationLease() {
        return reservationLease;
    }

    /** How long a budget reservation holds its amount unless renewed (0: totalTimeout + 1 minute, or 10 minutes). */
    public void setReservationLease(long reservationLease) {
        this.reservationLease = reservationLease;
    }

    public String getLedgerInstanceId() {
        return ledgerInstanceId;
    }

    /** This instance's stable name in the JDBC ledger (default host name + '/' + CamelContext name). */
    public void setLedgerInstanceId(String ledgerInstanceId) {
        this.ledgerInstanceId = ledgerInstanceId;
    }

    public String getLedgerJournalFile() {
        return ledgerJournalFile;
    }

    /**
     * A file where settlements the ledger has not accepted yet wait to be replayed (survives a JVM restart); in
     * memory when not set.
     */
    public void setLedgerJournalFile(String ledgerJournalFile) {
        this.ledgerJournalFile = ledgerJournalFile;
    }

    public String getLedgerTable() {
        return ledgerTable;
    }

    /** The table of the JDBC ledger. */
    public void setLedgerTable(String ledgerTable) {
        this.ledgerTable = ledgerTable;
    }

    public String getUsageLogFile() {
        return usageLogFile;
    }

    /** A CSV file that receives one line per call. */
    public void setUsageLogFile(String usageLogFile) {
        this.usageLogFile = usageLogFile;
    }

    public String getUsageLogEndpoint() {
        return usageLogEndpoint;
    }

    /** An endpoint URI that receives one exchange per call, its body a UsageRecord. */
    public void setUsageLogEndpoint(String usageLogEndpoint) {
        this.usageLogEndpoint = usageLogEndpoint;
    }

    public DataSource getUsageLogDataSource() {
        return usageLogDataSource;
    }

    /** A JDBC DataSource whose table llmrouter_usage receives one row per call. */
    public void setUsageLogDataSource(DataSource usageLogDataSource) {
        this.usageLogDataSource = usageLogDataSource;
    }

    public boolean isMetricsEnabled() {
        return metricsEnabled;
    }

    /** Whether calls are counted in Micrometer meters when a MeterRegistry is in the registry. */
    public void setMetricsEnabled(boolean metricsEnabled) {
        this.metricsEnabled = metricsEnabled;
    }

    public boolean isGenAiMetricsEnabled() {
        return genAiMetricsEnabled;
    }

    /**
     * Whether the OpenTelemetry GenAI client instruments gen_ai.client.token.usage and gen_ai.client.operation.duration
     * are recorded too, next to the llmrouter meters (only when metricsEnabled and a MeterRegistry is in the
     * registry).
     */
    public void setGenAiMetricsEnabled(boolean genAiMetricsEnabled) {
        this.genAiMetricsEnabled = genAiMetricsEnabled;
    }

    public boolean isCreditHealthCheckEnabled() {
        return creditHealthCheckEnabled;
    }

    /**
     * Whether the health check llmrouter-credit is registered (when camel-health is present and an API key is
     * known): it asks GET /key what remains of the key's credit limit.
     */
    public void setCreditHealthCheckEnabled(boolean creditHealthCheckEnabled) {
        this.creditHealthCheckEnabled = creditHealthCheckEnabled;
    }

    public java.math.BigDecimal getCreditHealthCheckMinimum() {
        return creditHealthCheckMinimum;
    }

    /**
     * The health check llmrouter-credit reports DOWN when less than this remains of the API key's credit limit, in
     * USD (and always when nothing remains); a key without a limit is UP.
     */
    public void setCreditHealthCheckMinimum(java.math.BigDecimal creditHealthCheckMinimum) {
        this.creditHealthCheckMinimum = creditHealthCheckMinimum;
    }

    public boolean isCircuitBreakerEnabled() {
        return circuitBreakerEnabled;
    }

    /** Whether each target has a circuit breaker (shared by all endpoints of this component). */
    public void setCircuitBreakerEnabled(boolean circuitBreakerEnabled) {
        this.circuitBreakerEnabled = circuitBreakerEnabled;
    }

    public float getCircuitBreakerFailureRateThreshold() {
        return circuitBreakerFailureRateThreshold;
    }

    /** Failure rate, in percent of the recent calls to a target, that opens its circuit breaker. */
    public void setCircuitBreakerFailureRateThreshold(float circuitBreakerFailureRateThreshold) {
        this.circuitBreakerFailureRateThreshold = circuitBreakerFailureRateThreshold;
    }

    public int getCircuitBreakerSlidingWindowSize() {
        return circuitBreakerSlidingWindowSize;
    }

    /** How many of a target's most recent calls the failure rate is computed over. */
    public void setCircuitBreakerSlidingWindowSize(int circuitBreakerSlidingWindowSize) {
        this.circuitBreakerSlidingWindowSize = circuitBreakerSlidingWindowSize;
    }

    public int getCircuitBreakerMinimumNumberOfCalls() {
        return circuitBreakerMinimumNumberOfCalls;
    }

    /** How many calls a target needs before its failure rate can open the breaker. */
    public void setCircuitBreakerMinimumNumberOfCalls(int circuitBreakerMinimumNumberOfCalls) {
        this.circuitBreakerMinimumNumberOfCalls = circuitBreakerMinimumNumberOfCalls;
    }

    public long getCircuitBreakerWaitDuration() {
        return circuitBreakerWaitDuration;
    }

    /** How long an open breaker skips its target before letting test calls through. */
    public void setCircuitBreakerWaitDuration(long circuitBreakerWaitDuration) {
        this.circuitBreakerWaitDuration = circuitBreakerWaitDuration;
    }

    public int getCircuitBreakerPermittedCallsInHalfOpenState() {
        return circuitBreakerPermittedCallsInHalfOpenState;
    }

    /** How many test calls a half-open breaker lets through; their outcome closes or reopens it. */
    public void setCircuitBreakerPermittedCallsInHalfOpenState(int circuitBreakerPermittedCallsInHalfOpenState) {
        this.circuitBreakerPermittedCallsInHalfOpenState = circuitBreakerPermittedCallsInHalfOpenState;
    }

    public ExecutorService getCompletionExecutor() {
        return completionExecutor;
    }

    /** Executor that completes exchanges once an answer has arrived (never an HTTP I/O thread). */
    public void setCompletionExecutor(ExecutorService completionExecutor) {
        this.completionExecutor = completionExecutor;
    }
}
