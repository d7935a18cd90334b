package dev.llmrouter.camel;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.sql.DataSource;

import dev.llmrouter.camel.cost.CatalogSource;
import dev.llmrouter.camel.cost.budget.BudgetLedger;
import dev.llmrouter.camel.cost.budget.InMemoryLedger;
import dev.llmrouter.camel.cost.budget.JdbcLedger;
import dev.llmrouter.camel.cost.budget.JournaledLedger;
import dev.llmrouter.camel.cost.budget.LeaseRenewer;
import dev.llmrouter.camel.cost.budget.SettlementJournal;
import dev.llmrouter.camel.routing.CircuitBreakers;
import dev.llmrouter.camel.support.EndpointUsageSink;
import dev.llmrouter.camel.support.LedgerSettings;
import dev.llmrouter.camel.support.LedgerWriter;
import dev.llmrouter.camel.support.LlmRouterObservability;
import dev.llmrouter.camel.support.TimerTasks;
import dev.llmrouter.camel.transport.AsyncHttpTransport;
import dev.llmrouter.camel.transport.ClosedTransport;
import dev.llmrouter.camel.transport.HttpSettings;
import dev.llmrouter.camel.transport.Transport;
import dev.llmrouter.camel.usage.CallEvent;
import dev.llmrouter.camel.usage.CallObserver;
import dev.llmrouter.camel.usage.CsvUsageSink;
import dev.llmrouter.camel.usage.JdbcUsageSink;
import dev.llmrouter.camel.usage.SpendStats;
import dev.llmrouter.camel.usage.UsageSink;
import org.apache.camel.Endpoint;
import org.apache.camel.SSLContextParametersAware;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.util.PropertiesHelper;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

/**
 * The {@code llmrouter} component: LLM calls through OpenRouter or any OpenAI-compatible server, with model and
 * provider routing, price ceilings and cost on every message. All endpoints of one component share one
 * non-blocking HTTP client (connection pool and I/O threads).
 */
@Component("llmrouter")
public class LlmRouterComponent extends DefaultComponent implements SSLContextParametersAware {

    private static final Transport CLOSED = new ClosedTransport();

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
    @Metadata(label = "cost", defaultValue = "3600000", javaType = "java.time.Duration",
              description = "How often prices read from a target's GET /models are read again")
    private long pricingRefreshInterval = 3_600_000;

    private final Map<String, CatalogSource> catalogs = new ConcurrentHashMap<>();
    private final List<UsageSink> ownedSinks = new CopyOnWriteArrayList<>();
    private final List<CallObserver> sinkObservers = new CopyOnWriteArrayList<>();
    @Metadata(label = "health", defaultValue = "true",
              description = "Whether the health check llmrouter-credit is registered (when camel-health is present and"
                            + " an API key is known): it asks GET /key what remains of the key's credit limit")
    private boolean creditHealthCheckEnabled = true;
    @Metadata(label = "health", javaType = "java.math.BigDecimal",
              description = "The health check llmrouter-credit reports DOWN when less than this remains of the API"
                            + " key's credit limit, in USD (and always when nothing remains); a key without a limit"
                            + " is UP")
    private java.math.BigDecimal creditHealthCheckMinimum;

    private final List<CallObserver> observers = new CopyOnWriteArrayList<>();
    private final SpendStats spendStats = new SpendStats();
    private volatile BudgetLedger activeLedger;
    private volatile LeaseRenewer leaseRenewer;
    private volatile LedgerWriter ledgerWriter;
    private UnaryOperator<String> environment = System::getenv;
    private volatile Transport transport;
    private volatile boolean stopped;
    private volatile boolean stoppedWithContext;
    private ExecutorService ownedExecutor;
    private volatile ExecutorService completion;
    private volatile ScheduledExecutorService timer;
    private final TimerTasks timerTasks = new TimerTasks();
    /** Exchanges waiting for the next rate-limit minute (onRateLimited=wait); each is ended when the component stops. */
    private final java.util.Set<Runnable> rateWaits = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The clock rate-limit minutes follow; tests set another one. */
    private volatile java.time.Clock rateClock = java.time.Clock.systemUTC();
    private volatile ExecutorService streamReaders;
    private volatile CircuitBreakers breakers;
    private final LlmRouterObservability observability = new LlmRouterObservability(this);

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
        LlmRouterEndpoint endpoint = new LlmRouterEndpoint(uri, this, operation, config);
        setProperties(endpoint, parameters);
        endpoint.prepare();
        return endpoint;
    }

    /**
     * The shared transport, created on first use with the component's HTTP settings (and again after a restart).
     * While the component is stopped, a transport that refuses every call; but when the CamelContext was stopped and
     * started again (Camel does not restart components then), the component starts itself again.
     */
    public Transport transport() {
        Transport t = transport;
        return t != null ? t : createTransport();
    }

    private synchronized Transport createTransport() {
        if (stopped && stoppedWithContext && getCamelContext().isStarted()) {
            start();
        }
        if (stopped) {
            return CLOSED;
        }
        if (transport == null) {
            // the TLS context first: when it cannot be built, no executor has been created yet to leak
            SSLContextParameters ssl = sslContextParameters != null ? sslContextParameters
                    : useGlobalSslContextParameters ? retrieveGlobalSslContextParameters() : null;
            SSLContext sslContext;
            try {
                sslContext = ssl == null ? null : ssl.createSSLContext(getCamelContext());
            } catch (Exception e) {
                throw new IllegalStateException("Cannot create the TLS context from sslContextParameters: "
                                                + e.getMessage(), e);
            }
            var executors = getCamelContext().getExecutorServiceManager();
            ExecutorService executor = completionExecutor;
            if (executor == null) {
                ThreadPoolProfile profile = new ThreadPoolProfile("LlmRouterCompletion");
                int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
                profile.setPoolSize(threads);
                profile.setMaxPoolSize(threads);
                // Camel turns a max queue size of 0 or less into a SynchronousQueue (no queue at all), which would
                // reject every answer arriving while all threads are busy: an unbounded queue is MAX_VALUE
                profile.setMaxQueueSize(Integer.MAX_VALUE);
                // never run a completion on the I/O thread, and never drop one silently: a rejection is handled
                // by the transport, which then completes the exchange itself
                profile.setRejectedPolicy(ThreadPoolRejectedPolicy.Abort);
                ownedExecutor = executors.newThreadPool(this, "LlmRouterCompletion", profile);
                executor = ownedExecutor;
            }
            completion = executor;
            // one thread, and no limit on waiting tasks: every run with a total timeout holds one
            ThreadPoolProfile timerProfile = new ThreadPoolProfile("LlmRouterTimer");
            timerProfile.setPoolSize(1);
            timerProfile.setMaxPoolSize(1);
            timerProfile.setMaxQueueSize(-1);
            timer = executors.newScheduledThreadPool(this, "LlmRouterTimer", timerProfile);
            // a thread per stream a route is reading, never more than there are connections to read from
            ThreadPoolProfile readers = new ThreadPoolProfile("LlmRouterStream");
            readers.setPoolSize(maxConnections);
            readers.setMaxPoolSize(maxConnections);
            readers.setMaxQueueSize(Integer.MAX_VALUE);
            readers.setAllowCoreThreadTimeOut(true);
            readers.setKeepAliveTime(60L);
            streamReaders = executors.newThreadPool(this, "LlmRouterStream", readers);
            transport = new AsyncHttpTransport(new HttpSettings(
                    maxConnections, ioThreadCount, Duration.ofMillis(connectTimeout),
                    Duration.ofMillis(configuration.getRequestTimeout()), proxyHost, proxyPort, sslContext), executor);
        }
        return transport;
    }

    /** Where answers are processed (never an I/O thread); created with the transport. */
    public Executor completion() {
        transport();
        ExecutorService e = completion;
        return e != null ? e : Runnable::run;
    }

    /** Runs backoff waits and total timeouts; each task only hands work over to {@link #completion()}. */
    public Future<?> schedule(Runnable task, long delayMillis) {
        transport();
        ScheduledExecutorService t = timer;
        if (t == null) {
            throw new java.util.concurrent.RejectedExecutionException("The llmrouter component is stopped");
        }
        return timerTasks.schedule(t, task, delayMillis);
    }

    /**
     * The exchanges waiting for the next rate-limit minute ({@code onRateLimited=wait}): each registers the task
     * that ends it, which runs when the component stops. Internal, for {@code producer.RateWait}.
     */
    public java.util.Set<Runnable> rateWaits() {
        return rateWaits;
    }

    /** The clock that decides the current minute of budgets' rpm and tpm limits. */
    public java.time.Clock rateClock() {
        return rateClock;
    }

    /** Replaces the rate-limit clock (tests: a minute that rolls over soon). Set before endpoints start. */
    public void rateClock(java.time.Clock clock) {
        this.rateClock = java.util.Objects.requireNonNull(clock, "clock");
    }

    /**
     * Threads that hand a committed stream to the route: a route that iterates over a stream waits for each delta,
     * so it must not do that on a completion thread, which every other answer needs.
     */
    public Executor streamReaders() {
        transport();
        ExecutorService e = streamReaders;
        return e != null ? e : Runnable::run;
    }

    /** Adds an observer of every finished call (usage log, meters, statistics). */
    public void addCallObserver(CallObserver observer) {
        observers.add(observer);
    }

    /** Removes an observer added with {@link #addCallObserver}. */
    public void removeCallObserver(CallObserver observer) {
        observers.remove(observer);
    }

    /** Tells every observer about a finished call; an observer that throws is logged and skipped. */
    public void publish(CallEvent event) {
        try {
            spendStats.onCall(event);
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(LlmRouterComponent.class).warn("Counting a call failed: {}", e.toString());
        }
        for (CallObserver o : observers) {
            try {
                o.onCall(event);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(LlmRouterComponent.class)
                        .warn("A call observer failed ({}): {}", o.getClass().getName(), e.toString());
            }
        }
    }

    /** Calls, errors, tokens and cost per served model since the component started. */
    public SpendStats spendStats() {
        return spendStats;
    }

    /** The ledger budgets are booked on (in memory unless budgetLedger or ledgerDataSource is set). */
    public BudgetLedger ledger() {
        BudgetLedger l = activeLedger;
        if (l == null) {
            synchronized (this) {
                if (activeLedger == null) {
                    Duration lease = reservationLease();
                    activeLedger = budgetLedger != null ? budgetLedger
                            : ledgerDataSource != null ? new JdbcLedger(ledgerDataSource, ledgerTable, lease,
                                    LedgerSettings.instanceId(ledgerInstanceId, getCamelContext().getName()),
                                    Clock.systemUTC()).start()
                            : new InMemoryLedger(lease, Clock.systemUTC());
                }
                l = activeLedger;
            }
        }
        return l;
    }

    /** The lease of budget reservations, resolved from reservationLease and totalTimeout. */
    Duration reservationLease() {
        return LedgerSettings.lease(reservationLease, configuration.getTotalTimeout());
    }

    /** Renews the leases of in-flight reservations on the component's timer, every third of the lease. */
    public LeaseRenewer leases() {
        LeaseRenewer r = leaseRenewer;
        if (r == null) {
            synchronized (this) {
                if (leaseRenewer == null) {
                    leaseRenewer = new LeaseRenewer(ledger(), reservationLease(), this::schedule,
                            task -> completion().execute(task));
                }
                r = leaseRenewer;
            }
        }
        return r;
    }

    /**
     * The ledger calls are booked on: {@link #ledger()}, behind a journal of unsettled settlements unless it is in
     * memory (which cannot be unreachable).
     */
    public BudgetLedger bookingLedger() {
        BudgetLedger l = ledger();
        if (l instanceof InMemoryLedger) {
            return l;
        }
        return writer(l).ledger();
    }

    /** Settlements of calls on an external ledger, written off the completion threads; null for one in memory. */
    public LedgerWriter ledgerWriter() {
        return ledgerWriter;
    }

    private synchronized LedgerWriter writer(BudgetLedger l) {
        if (ledgerWriter == null) {
            SettlementJournal journal = ledgerJournalFile == null || ledgerJournalFile.isBlank()
                    ? SettlementJournal.inMemory() : SettlementJournal.open(java.nio.file.Path.of(ledgerJournalFile));
            ledgerWriter = new LedgerWriter(this, new JournaledLedger(l, journal));
            if (isStarted() || isStarting()) {
                ledgerWriter.start();
            }
        }
        return ledgerWriter;
    }

    /**
     * The prices for an endpoint: one source per {@code key} (a pricing file, or a target's address), shared by the
     * endpoints that use it.
     */
    public CatalogSource catalogSource(String key, java.util.function.Supplier<CatalogSource> create) {
        return catalogs.computeIfAbsent(key, k -> create.get());
    }

    public long getPricingRefreshInterval() {
        return pricingRefreshInterval;
    }

    /** How often prices read from a target's GET /models are read again. */
    public void setPricingRefreshInterval(long pricingRefreshInterval) {
        this.pricingRefreshInterval = pricingRefreshInterval;
    }

    /** Starts the usage log sinks the options ask for (file, table, endpoint). */
    private void startUsageLog() throws Exception {
        if (usageLogFile != null && !usageLogFile.isBlank()) {
            // batched: the completion threads only queue the record; its own thread appends them to the file
            ownedSinks.add(CsvUsageSink.batched(java.nio.file.Path.of(usageLogFile.trim())));
        }
        if (usageLogDataSource != null) {
            ownedSinks.add(JdbcUsageSink.batched(usageLogDataSource).start());
        }
        if (usageLogEndpoint != null && !usageLogEndpoint.isBlank()) {
            ownedSinks.add(new EndpointUsageSink(getCamelContext(), usageLogEndpoint.trim()));
        }
        for (UsageSink sink : ownedSinks) {
            CallObserver observer = event -> sink.accept(event.usage());
            sinkObservers.add(observer);
            addCallObserver(observer);
        }
    }

    private void stopUsageLog() {
        observers.removeAll(sinkObservers);
        sinkObservers.clear();
        for (UsageSink sink : ownedSinks) {
            try {
                sink.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(LlmRouterComponent.class)
                        .warn("Closing a usage log sink failed: {}", e.toString());
            }
        }
        ownedSinks.clear();
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
        CircuitBreakers b = breakers;
        if (b == null) {
            synchronized (this) {
                if (breakers == null) {
                    breakers = new CircuitBreakers(circuitBreakerEnabled, circuitBreakerFailureRateThreshold,
                            circuitBreakerSlidingWindowSize, circuitBreakerMinimumNumberOfCalls,
                            Duration.ofMillis(circuitBreakerWaitDuration), circuitBreakerPermittedCallsInHalfOpenState);
                }
                b = breakers;
            }
        }
        return b;
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
        stopped = false;
        // built now, so that an invalid threshold fails the start with Resilience4j's message
        circuitBreakers();
        startUsageLog();
        observability.start();
        if (ledgerJournalFile != null && !ledgerJournalFile.isBlank()) {
            // what a previous run left in the journal is replayed now, not when the first budget is used
            bookingLedger();
        }
        LedgerWriter w = ledgerWriter;
        if (w != null) {
            w.start();
        }
    }

    @Override
    protected void doStop() throws Exception {
        stopUsageLog();
        catalogs.clear();
        observability.stop();
        synchronized (this) {
            stopped = true;
            stoppedWithContext = getCamelContext().isStopping() || getCamelContext().isStopped();
            if (transport != null) {
                transport.close();
                transport = null;
            }
            if (ownedExecutor != null) {
                getCamelContext().getExecutorServiceManager().shutdown(ownedExecutor);
                ownedExecutor = null;
            }
            if (timer != null) {
                getCamelContext().getExecutorServiceManager().shutdownNow(timer);
                timer = null;
            }
            if (streamReaders != null) {
                getCamelContext().getExecutorServiceManager().shutdown(streamReaders);
                streamReaders = null;
            }
            completion = null;
        }
        // waiting retries and timeouts run now: with the transport closed they fail at once, so every exchange
        // still waiting completes instead of hanging
        timerTasks.runPending();
        for (Runnable wait : List.copyOf(rateWaits)) {
            try {
                wait.run();
            } catch (RuntimeException e) {
                // the exchange has been told; nothing more to do
            }
        }
        rateWaits.clear();
        LedgerWriter w = ledgerWriter;
        if (w != null) {
            w.stop();
        }
        super.doStop();
    }

    @Override
    protected void doShutdown() throws Exception {
        LedgerWriter w = ledgerWriter;
        if (w != null) {
            // releases the journal file's lock; what is still pending in it is replayed by the next start
            w.ledger().journal().close();
        }
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

    /** Reads an environment variable; replaceable so tests never see the real environment. */
    public String env(String name) {
        return environment.apply(name);
    }

    /** Replaces how environment variables are read (for tests and embedding). */
    public void setEnvironment(UnaryOperator<String> environment) {
        this.environment = environment;
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
