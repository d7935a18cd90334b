package dev.llmrouter.camel.support;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;

import dev.llmrouter.camel.LlmRouterComponent;
import dev.llmrouter.camel.cost.CatalogSource;
import dev.llmrouter.camel.cost.budget.BudgetLedger;
import dev.llmrouter.camel.cost.budget.InMemoryLedger;
import dev.llmrouter.camel.cost.budget.JdbcLedger;
import dev.llmrouter.camel.cost.budget.JournaledLedger;
import dev.llmrouter.camel.cost.budget.LeaseRenewer;
import dev.llmrouter.camel.cost.budget.SettlementJournal;
import dev.llmrouter.camel.idempotency.AnswerStore;
import dev.llmrouter.camel.idempotency.InMemoryAnswerStore;
import dev.llmrouter.camel.idempotency.JdbcAnswerStore;
import dev.llmrouter.camel.idempotency.ReplayStats;
import dev.llmrouter.camel.memory.ConversationStore;
import dev.llmrouter.camel.memory.InMemoryConversationStore;
import dev.llmrouter.camel.producer.Idempotency;
import dev.llmrouter.camel.routing.CircuitBreakers;
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
import org.apache.camel.CamelContext;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machinery one {@link LlmRouterComponent} shares among all its endpoints: the transport with its connection
 * pool and I/O threads, the completion executor, the timer, the stream readers, the circuit breakers, the budget
 * ledger (with its writer, journal and lease renewer), the price catalogs, the call observers and usage log sinks,
 * and the exchanges waiting for a rate-limit minute. The component owns exactly one, reads its options when it is
 * needed and delegates its lifecycle to it ({@link #start()}, {@link #stop()}, {@link #shutdown()}). Internal.
 */
public final class SharedRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(LlmRouterComponent.class);
    private static final Transport CLOSED = new ClosedTransport();

    private final LlmRouterComponent component;
    private final Map<String, CatalogSource> catalogs = new ConcurrentHashMap<>();
    private final List<UsageSink> ownedSinks = new CopyOnWriteArrayList<>();
    private final List<CallObserver> sinkObservers = new CopyOnWriteArrayList<>();
    private final List<CallObserver> observers = new CopyOnWriteArrayList<>();
    private final SpendStats spendStats = new SpendStats();
    private volatile BudgetLedger activeLedger;
    private volatile LeaseRenewer leaseRenewer;
    private volatile LedgerWriter ledgerWriter;
    private volatile UnaryOperator<String> environment = System::getenv;
    private volatile Transport transport;
    private volatile boolean stopped;
    private volatile boolean stoppedWithContext;
    private ExecutorService ownedExecutor;
    private volatile ExecutorService completion;
    private volatile ScheduledExecutorService timer;
    private final TimerTasks timerTasks = new TimerTasks();
    /** Exchanges waiting for the next rate-limit minute (onRateLimited=wait); each is ended when the component stops. */
    private final Set<Runnable> rateWaits = ConcurrentHashMap.newKeySet();
    /** The clock rate-limit minutes follow; tests set another one. */
    private volatile Clock rateClock = Clock.systemUTC();
    private volatile ExecutorService streamReaders;
    private volatile CircuitBreakers breakers;
    private final LlmRouterObservability observability;
    private volatile AnswerStore answerStore;
    private final Map<AnswerStore, Object> startedStores = new ConcurrentHashMap<>();
    private final Map<AnswerStore, Map<String, Idempotency.InFlight>> answersInFlight
            = new ConcurrentHashMap<>();
    private final String answerOwner = UUID.randomUUID().toString();
    private final ReplayStats replayStats = new ReplayStats();
    private final InMemoryConversationStore conversations = new InMemoryConversationStore();

    public SharedRuntime(LlmRouterComponent component) {
        this.component = component;
        this.observability = new LlmRouterObservability(component);
    }

    private CamelContext context() {
        return component.getCamelContext();
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

    private Transport createTransport() {
        // the component's lock, as before the extraction: start() below takes it too
        synchronized (component) {
            if (stopped && stoppedWithContext && context().isStarted()) {
                component.start();
            }
            if (stopped) {
                return CLOSED;
            }
            if (transport == null) {
                // the TLS context first: when it cannot be built, no executor has been created yet to leak
                SSLContextParameters ssl = component.getSslContextParameters() != null
                        ? component.getSslContextParameters()
                        : component.isUseGlobalSslContextParameters()
                                ? component.retrieveGlobalSslContextParameters() : null;
                SSLContext sslContext;
                try {
                    sslContext = ssl == null ? null : ssl.createSSLContext(context());
                } catch (Exception e) {
                    throw new IllegalStateException("Cannot create the TLS context from sslContextParameters: "
                                                    + e.getMessage(), e);
                }
                var executors = context().getExecutorServiceManager();
                ExecutorService executor = component.getCompletionExecutor();
                if (executor == null) {
                    ThreadPoolProfile profile = new ThreadPoolProfile("LlmRouterCompletion");
                    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
                    profile.setPoolSize(threads);
                    profile.setMaxPoolSize(threads);
                    // Camel turns a max queue size of 0 or less into a SynchronousQueue (no queue at all), which
                    // would reject every answer arriving while all threads are busy: an unbounded queue is MAX_VALUE
                    profile.setMaxQueueSize(Integer.MAX_VALUE);
                    // Camel's default lets idle core threads time out, so an idle worker waits with a timeout;
                    // a timed park costs the kernel a timer per wait, and these threads wait after nearly every answer
                    profile.setAllowCoreThreadTimeOut(false);
                    // never run a completion on the I/O thread, and never drop one silently: a rejection is handled
                    // by the transport, which then completes the exchange itself
                    profile.setRejectedPolicy(ThreadPoolRejectedPolicy.Abort);
                    ownedExecutor = executors.newThreadPool(component, "LlmRouterCompletion", profile);
                    executor = ownedExecutor;
                }
                completion = executor;
                // one thread, and no limit on waiting tasks: every run with a total timeout holds one
                ThreadPoolProfile timerProfile = new ThreadPoolProfile("LlmRouterTimer");
                timerProfile.setPoolSize(1);
                timerProfile.setMaxPoolSize(1);
                timerProfile.setMaxQueueSize(-1);
                timer = executors.newScheduledThreadPool(component, "LlmRouterTimer", timerProfile);
                // a thread per stream a route is reading, never more than there are connections to read from
                int maxConnections = component.getMaxConnections();
                ThreadPoolProfile readers = new ThreadPoolProfile("LlmRouterStream");
                readers.setPoolSize(maxConnections);
                readers.setMaxPoolSize(maxConnections);
                readers.setMaxQueueSize(Integer.MAX_VALUE);
                readers.setAllowCoreThreadTimeOut(true);
                readers.setKeepAliveTime(60L);
                streamReaders = executors.newThreadPool(component, "LlmRouterStream", readers);
                transport = new AsyncHttpTransport(new HttpSettings(
                        maxConnections, component.getIoThreadCount(), Duration.ofMillis(component.getConnectTimeout()),
                        Duration.ofMillis(component.getConfiguration().getRequestTimeout()), component.getProxyHost(),
                        component.getProxyPort(), sslContext), executor);
            }
            return transport;
        }
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
            throw new RejectedExecutionException("The llmrouter component is stopped");
        }
        return timerTasks.schedule(t, task, delayMillis);
    }

    /**
     * The exchanges waiting for the next rate-limit minute ({@code onRateLimited=wait}): each registers the task
     * that ends it, which runs when the component stops. Internal, for {@code producer.RateWait}.
     */
    public Set<Runnable> rateWaits() {
        return rateWaits;
    }

    /** The clock that decides the current minute of budgets' rpm and tpm limits. */
    public Clock rateClock() {
        return rateClock;
    }

    /** Replaces the rate-limit clock (tests: a minute that rolls over soon). Set before endpoints start. */
    public void rateClock(Clock clock) {
        this.rateClock = Objects.requireNonNull(clock, "clock");
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
            LOG.warn("Counting a call failed: {}", e.toString());
        }
        notifyObservers(event, false);
    }

    /**
     * Tells the observers that take embeddings calls ({@link CallObserver#observesEmbeddings()}, e.g. the GenAI
     * meters) about one; an observer that throws is logged and skipped.
     */
    public void publishEmbeddings(CallEvent event) {
        notifyObservers(event, true);
    }

    /** Hands {@code event} to each observer (only those taking embeddings calls if asked); a failing one is skipped. */
    private void notifyObservers(CallEvent event, boolean embeddings) {
        for (CallObserver o : observers) {
            if (embeddings && !o.observesEmbeddings()) {
                continue;
            }
            try {
                o.onCall(event);
            } catch (RuntimeException e) {
                LOG.warn("A call observer failed ({}): {}", o.getClass().getName(), e.toString());
            }
        }
    }

    /**
     * The default answer store of option idempotencyKey, created (and started) on first use: a JDBC store on
     * ledgerDataSource (table ledgerTable + "_answers") when the component has one, else a bounded in-memory store
     * (100000 answers).
     */
    public AnswerStore answerStore() {
        AnswerStore s = answerStore;
        if (s == null) {
            synchronized (this) {
                if (answerStore == null) {
                    answerStore = component.getLedgerDataSource() != null
                            ? new JdbcAnswerStore(component.getLedgerDataSource(), component.getLedgerTable() + "_answers",
                                    Clock.systemUTC())
                            : new InMemoryAnswerStore(100_000, Clock.systemUTC());
                }
                s = answerStore;
            }
        }
        startAnswerStore(s);
        return s;
    }

    /** Starts {@code store} once for this component (e.g. creates its table). */
    public void startAnswerStore(AnswerStore store) {
        startedStores.computeIfAbsent(store, st -> {
            st.start();
            return Boolean.TRUE;
        });
    }

    /** The keys being answered on this instance with {@code store}: shared by every endpoint using that store. */
    public Map<String, Idempotency.InFlight> answersInFlight(AnswerStore store) {
        return answersInFlight.computeIfAbsent(store, st -> new ConcurrentHashMap<>());
    }

    /** Who this instance is in an answer store's claims (new for every component instance). */
    public String answerOwner() {
        return answerOwner;
    }

    /** Replays, coalesced waits and the dollars they saved, per route. */
    public ReplayStats replayStats() {
        return replayStats;
    }

    /** True between the component's start and its stop. */
    public boolean isRunning() {
        return !stopped;
    }

    /** The in-memory conversation store of the endpoints that set no conversationStore (one per component). */
    public ConversationStore conversations() {
        return conversations;
    }

    /** Calls, errors, tokens and cost per served model since the component started. */
    public SpendStats spendStats() {
        return spendStats;
    }

    /** The ledger budgets are booked on (in memory unless budgetLedger or ledgerDataSource is set). */
    public BudgetLedger ledger() {
        BudgetLedger l = activeLedger;
        if (l == null) {
            synchronized (component) {
                if (activeLedger == null) {
                    Duration lease = reservationLease();
                    activeLedger = component.getBudgetLedger() != null ? component.getBudgetLedger()
                            : component.getLedgerDataSource() != null
                                    ? new JdbcLedger(component.getLedgerDataSource(), component.getLedgerTable(), lease,
                                            LedgerSettings.instanceId(component.getLedgerInstanceId(),
                                                    context().getName()),
                                            Clock.systemUTC()).start()
                                    : new InMemoryLedger(lease, Clock.systemUTC());
                }
                l = activeLedger;
            }
        }
        return l;
    }

    /** The lease of budget reservations, resolved from reservationLease and totalTimeout. */
    public Duration reservationLease() {
        return LedgerSettings.lease(component.getReservationLease(), component.getConfiguration().getTotalTimeout());
    }

    /** Renews the leases of in-flight reservations on the component's timer, every third of the lease. */
    public LeaseRenewer leases() {
        LeaseRenewer r = leaseRenewer;
        if (r == null) {
            synchronized (component) {
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

    private LedgerWriter writer(BudgetLedger l) {
        synchronized (component) {
            if (ledgerWriter == null) {
                String journalFile = component.getLedgerJournalFile();
                SettlementJournal journal = journalFile == null || journalFile.isBlank()
                        ? SettlementJournal.inMemory() : SettlementJournal.open(Path.of(journalFile));
                ledgerWriter = new LedgerWriter(component, new JournaledLedger(l, journal));
                if (component.isStarted() || component.isStarting()) {
                    ledgerWriter.start();
                }
            }
            return ledgerWriter;
        }
    }

    /**
     * The prices for an endpoint: one source per {@code key} (a pricing file, or a target's address), shared by the
     * endpoints that use it.
     */
    public CatalogSource catalogSource(String key, Supplier<CatalogSource> create) {
        return catalogs.computeIfAbsent(key, k -> create.get());
    }

    /** The circuit breakers of this component's targets. */
    public CircuitBreakers circuitBreakers() {
        CircuitBreakers b = breakers;
        if (b == null) {
            synchronized (component) {
                if (breakers == null) {
                    breakers = new CircuitBreakers(component.isCircuitBreakerEnabled(),
                            component.getCircuitBreakerFailureRateThreshold(),
                            component.getCircuitBreakerSlidingWindowSize(),
                            component.getCircuitBreakerMinimumNumberOfCalls(),
                            Duration.ofMillis(component.getCircuitBreakerWaitDuration()),
                            component.getCircuitBreakerPermittedCallsInHalfOpenState());
                }
                b = breakers;
            }
        }
        return b;
    }

    /** Reads an environment variable; replaceable so tests never see the real environment. */
    public String env(String name) {
        return environment.apply(name);
    }

    /** Replaces how environment variables are read (for tests and embedding). */
    public void environment(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    /** Starts the usage log sinks the options ask for (file, table, endpoint). */
    private void startUsageLog() throws Exception {
        String usageLogFile = component.getUsageLogFile();
        if (usageLogFile != null && !usageLogFile.isBlank()) {
            // batched: the completion threads only queue the record; its own thread appends them to the file
            ownedSinks.add(CsvUsageSink.batched(Path.of(usageLogFile.trim())));
        }
        if (component.getUsageLogDataSource() != null) {
            ownedSinks.add(JdbcUsageSink.batched(component.getUsageLogDataSource()).start());
        }
        String usageLogEndpoint = component.getUsageLogEndpoint();
        if (usageLogEndpoint != null && !usageLogEndpoint.isBlank()) {
            ownedSinks.add(new EndpointUsageSink(context(), usageLogEndpoint.trim()));
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
                LOG.warn("Closing a usage log sink failed: {}", e.toString());
            }
        }
        ownedSinks.clear();
    }

    /** The component's doStart, after its options were checked. */
    public void start() throws Exception {
        stopped = false;
        // built now, so that an invalid threshold fails the start with Resilience4j's message
        circuitBreakers();
        startUsageLog();
        observability.start();
        String journalFile = component.getLedgerJournalFile();
        if (journalFile != null && !journalFile.isBlank()) {
            // what a previous run left in the journal is replayed now, not when the first budget is used
            bookingLedger();
        }
        LedgerWriter w = ledgerWriter;
        if (w != null) {
            w.start();
        }
    }

    /** The component's doStop: closes the transport and pools and ends every exchange still waiting. */
    public void stop() {
        stopUsageLog();
        catalogs.clear();
        observability.stop();
        synchronized (component) {
            stopped = true;
            stoppedWithContext = context().isStopping() || context().isStopped();
            if (transport != null) {
                transport.close();
                transport = null;
            }
            if (ownedExecutor != null) {
                context().getExecutorServiceManager().shutdown(ownedExecutor);
                ownedExecutor = null;
            }
            if (timer != null) {
                context().getExecutorServiceManager().shutdownNow(timer);
                timer = null;
            }
            if (streamReaders != null) {
                context().getExecutorServiceManager().shutdown(streamReaders);
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
    }

    /** The component's doShutdown: releases the journal file's lock. */
    public void shutdown() {
        LedgerWriter w = ledgerWriter;
        if (w != null) {
            // releases the journal file's lock; what is still pending in it is replayed by the next start
            w.ledger().journal().close();
        }
    }
}
