package dev.llmrouter.camel.producer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.llmrouter.camel.LlmRouterBudgetScope;
import dev.llmrouter.camel.LlmRouterConstants;
import dev.llmrouter.camel.LlmRouterEndpoint;
import dev.llmrouter.camel.cost.CostEstimate;
import dev.llmrouter.camel.cost.CostGovernor;
import dev.llmrouter.camel.cost.WorstCaseEstimate;
import dev.llmrouter.camel.cost.budget.Amounts;
import dev.llmrouter.camel.cost.budget.LeaseRenewer;
import dev.llmrouter.camel.cost.budget.Reservation;
import dev.llmrouter.camel.error.Attempt;
import dev.llmrouter.camel.error.BudgetExceededException;
import dev.llmrouter.camel.error.LlmRouterException;
import dev.llmrouter.camel.error.LocalRateLimitException;
import dev.llmrouter.camel.error.LoopLimitException;
import dev.llmrouter.camel.error.Usd;
import dev.llmrouter.camel.plan.Overrides;
import dev.llmrouter.camel.routing.ChatOutcome;
import dev.llmrouter.camel.routing.ChatStream;
import dev.llmrouter.camel.support.BudgetScope;
import dev.llmrouter.camel.support.CostAssembly;
import dev.llmrouter.camel.support.LedgerWriter;
import dev.llmrouter.camel.support.SecretMask;
import dev.llmrouter.camel.usage.CallEvent;
import dev.llmrouter.camel.usage.UsageRecord;
import dev.llmrouter.camel.wire.ChatRequest;
import dev.llmrouter.camel.wire.Usage;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The books of one endpoint: admits each chat call under the endpoint's cost rules before it is sent, settles its
 * budget reservation when it ends, sets the cost headers, and reports the call to the component's observers (usage
 * log, meters, console). One {@link Entry} per exchange.
 */
public final class Bookkeeper {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Bookkeeper.class);

    private final LlmRouterEndpoint endpoint;
    private final CostGovernor governor;
    private final String endpointKey;
    private final boolean waits;
    private final List<BudgetScope> scopes;
    /** The last scope's {@code budget=key;...} text: the calls of one scope share it, built once. */
    private volatile LevelsText lastLevels;

    private record LevelsText(List<String> scope, String text) {
    }

    public Bookkeeper(LlmRouterEndpoint endpoint, CostGovernor governor) {
        this.endpoint = endpoint;
        this.scopes = CostAssembly.scopes(endpoint.getComponent(), endpoint.getConfiguration());
        this.waits = CostAssembly.waitsWhenRateLimited(endpoint.getConfiguration());
        this.governor = governor;
        this.endpointKey = SecretMask.uri(endpoint.getEndpointUri());
    }

    /**
     * Admits a planned request: allow/deny lists, ceiling, budget. A refusal is reported to the observers and
     * thrown; nothing is sent then.
     */
    public Entry open(Exchange exchange, ChatRequest planned, Overrides overrides) {
        return open(exchange, planned, overrides, false);
    }

    /**
     * As above; with {@code mayWait} a refusal by the budget's rpm/tpm that a later minute may lift is thrown
     * without being reported, since the caller will try again.
     */
    public Entry open(Exchange exchange, ChatRequest planned, Overrides overrides, boolean mayWait) {
        return open(exchange, planned, overrides, mayWait, null);
    }

    /**
     * As above, for one model call of an agent loop: {@code allowance} (what the loop has left of maxLoopCost, or
     * null) is a second ceiling on the call's worst case. A call above it throws a {@link LoopLimitException} that
     * is not reported: the loop decides what happens next.
     */
    public Entry open(Exchange exchange, ChatRequest planned, Overrides overrides, boolean mayWait,
                      BigDecimal allowance) {
        long started = System.nanoTime();
        List<String> scope = scope(exchange);
        String source = overrides.model() != null ? "header " + LlmRouterConstants.MODEL : "model";
        CostGovernor.Admission admission;
        try {
            admission = governor.admit(planned, source, scope, allowance);
        } catch (LoopLimitException e) {
            throw e;
        } catch (LlmRouterException e) {
            if (mayWait && e instanceof LocalRateLimitException r && r.getRetryAfterMillis() >= 0) {
                throw e;
            }
            if (e instanceof BudgetExceededException b) {
                LlmRouterBinding.set(exchange.getMessage(), LlmRouterConstants.BUDGET_LEVEL, b.getLevel());
            }
            refused(exchange, planned, e, started);
            throw e;
        }
        // the leases are renewed while the call (or stream) is in flight, until settled or released
        for (Reservation r : admission.reservations()) {
            endpoint.getComponent().runtime().leases().track(r);
        }
        Message m = exchange.getMessage();
        LlmRouterBinding.set(m, LlmRouterConstants.ESTIMATED_COST, Usd.plain(admission.worstCase()));
        LlmRouterBinding.set(m, LlmRouterConstants.ESTIMATE, admission.estimate());
        LlmRouterBinding.set(m, LlmRouterConstants.BUDGET_DOWNGRADED, governor.budgetName() == null ? null
                : admission.downgraded());
        return new Entry(exchange, admission.request(), admission, scope, started);
    }

    /** Reports a refused admission to the observers ({@code started}: System.nanoTime() when it began). */
    public void refused(Exchange exchange, ChatRequest planned, LlmRouterException e, long started) {
        Entry refused = new Entry(exchange, planned, null, scope(exchange), started);
        // the model the request named: nothing served, but the row should say what was asked for
        refused.report(planned.model(), null, null, null, e, List.of(), "refused", false);
    }

    /** The worst-case cost of a request as admission computes it; null when the endpoint has no prices. */
    public BigDecimal worstCase(ChatRequest request) {
        return governor.worstCase(request);
    }

    /** Whether option onRateLimited is wait. */
    public boolean waitsWhenRateLimited() {
        return waits;
    }

    /** Each budget level's scope key for the exchange, in level order (one entry, as before, without a budget). */
    private List<String> scope(Exchange exchange) {
        LlmRouterBudgetScope budgetScope = endpoint.getConfiguration().getBudgetScope();
        if (scopes.isEmpty()) {
            return List.of(BudgetScope.parse(null, null, null).key(exchange, endpointKey, budgetScope));
        }
        List<String> keys = new ArrayList<>(scopes.size());
        for (BudgetScope s : scopes) {
            keys.add(s.key(exchange, endpointKey, budgetScope));
        }
        return keys;
    }

    /** The usage's total tokens (prompt plus completion when the total is missing), or null without usage. */
    static Long totalTokens(Usage usage) {
        if (usage == null) {
            return null;
        }
        if (usage.totalTokens() != null) {
            return usage.totalTokens().longValue();
        }
        if (usage.promptTokens() == null && usage.completionTokens() == null) {
            return null;
        }
        return (long) (usage.promptTokens() == null ? 0 : usage.promptTokens())
               + (usage.completionTokens() == null ? 0 : usage.completionTokens());
    }

    private static BigDecimal add(BigDecimal a, BigDecimal b) {
        return a == null ? b : b == null ? a : a.add(b);
    }

    /** One exchange's call: settles and reports exactly once. */
    public final class Entry {
        private final Exchange exchange;
        private final ChatRequest request;
        private final CostGovernor.Admission admission;
        private final List<String> scope;
        private final long started;
        private boolean closed;
        /** Held for stream rescues (streamRecovery) while the stream runs; released when it ends. Guarded by this. */
        private final List<Reservation> rescues = new ArrayList<>();
        /** Set when the stream has ended: a rescue reserved after that gives its reservation back at once. */
        private boolean rescuesEnded;

        Entry(Exchange exchange, ChatRequest request, CostGovernor.Admission admission, List<String> scope,
              long started) {
            this.exchange = exchange;
            this.request = request;
            this.admission = admission;
            this.scope = scope;
            this.started = started;
        }

        public ChatRequest request() {
            return request;
        }

        /**
         * Before a stream rescue is sent: reserves its worst case on the budget, held until the stream ends (the
         * call is then settled once, at what every attempt cost). False when the budget cannot hold it.
         */
        public boolean reserveRescue(ChatRequest rescue, String model) {
            if (admission == null || admission.reservations().isEmpty()) {
                return true;
            }
            List<Reservation> taken;
            try {
                taken = governor.reserveMore(rescue, model, scope);
            } catch (LlmRouterException e) {
                return false;
            }
            synchronized (this) {
                if (!rescuesEnded) {
                    for (Reservation r : taken) {
                        rescues.add(r);
                        endpoint.getComponent().runtime().leases().track(r);
                    }
                    return true;
                }
            }
            // the stream ended (e.g. the route closed it) while this was reserved: nothing will be sent
            giveBack(taken);
            return false;
        }

        private void releaseRescues() {
            List<Reservation> held;
            synchronized (this) {
                rescuesEnded = true;
                held = new ArrayList<>(rescues);
                rescues.clear();
            }
            for (Reservation r : held) {
                guard(() -> endpoint.getComponent().runtime().leases().untrack(r));
            }
            giveBack(held);
        }

        private void giveBack(List<Reservation> reservations) {
            for (Reservation r : reservations) {
                guard(() -> governor.settle(r, null));
            }
        }

        /** The worst case the call was admitted under, or null when it was not estimated. */
        public BigDecimal worstCase() {
            return admission == null ? null : admission.worstCase();
        }

        public boolean escalate() {
            return admission == null || !admission.downgraded();
        }

        /**
         * The call was served. {@code unusable} is set when the answer could not become the body (e.g. structured
         * output that does not parse): the call is still booked at its cost, but reported as an error. Returns the
         * cost it was booked at (its reported cost, else its usage priced), or null when unknown.
         */
        public BigDecimal served(ChatOutcome outcome, Throwable unusable) {
            var r = outcome.response();
            BigDecimal cost = outcome.totalCost();
            Usage usage = r.usage();
            if (!outcome.cacheHit() && usage != null && usage.cost() == null) {
                // a target that reports no cost (e.g. a plain OpenAI-compatible server): price its usage
                cost = add(cost, governor.price(usage, r.model()));
            }
            if (outcome.cacheHit() && cost == null) {
                cost = BigDecimal.ZERO;
            }
            BigDecimal booked = cost;
            guard(() -> settle(booked));
            Long tokens = outcome.cacheHit() ? Long.valueOf(0) : totalTokens(usage);
            guard(() -> settleRate(tokens));
            report(r.model(), r.provider(), usage, r.id(), unusable, outcome.attempts(),
                    unusable == null ? "ok" : "error", outcome.cacheHit(), outcome.target(), cost);
            return cost;
        }

        public void failed(RuntimeException failure) {
            List<Attempt> attempts = failure instanceof LlmRouterException e ? e.getAttempts() : List.of();
            BigDecimal billed = null;
            for (Attempt a : attempts) {
                if (a.cost() != null) {
                    billed = billed == null ? a.cost() : billed.add(a.cost());
                }
            }
            BigDecimal booked = billed;
            guard(() -> settle(booked));
            // billed attempts spent tokens nobody counted: keep the worst case; otherwise nothing was used
            guard(() -> settleRate(booked == null ? Long.valueOf(0) : null));
            report(null, null, null, null, failure, attempts, "error", false, null, billed);
        }

        void streamEnded(ChatStream stream, LlmRouterException failure) {
            releaseRescues();
            BigDecimal cost = stream.cost();
            if (cost == null && stream.usage() == null && admission != null && !admission.reservations().isEmpty()) {
                // closed or cut before usage arrived: tokens were spent but nobody said how many; book the worst case
                // (the admission's, not the reservation's: admitted without a ledger, failOpen reserved nothing)
                cost = admission.worstCase() != null ? admission.worstCase() : admission.reservation().amount();
            }
            BigDecimal reported = cost;
            guard(() -> settle(reported == null ? governor.price(stream.usage(), stream.model()) : reported));
            guard(() -> settleRate(totalTokens(stream.usage())));
            report(stream.model(), stream.provider(), stream.usage(), stream.generationId(), failure,
                    stream.attempts(), failure == null ? "ok" : "error", false, stream.target(), stream.cost());
        }

        private void settle(BigDecimal actual) {
            if (admission == null || admission.reservations().isEmpty()) {
                return;
            }
            List<Reservation> r = admission.reservations();
            Reservation first = r.get(0);
            LeaseRenewer leases = endpoint.getComponent().runtime().leases();
            LedgerWriter writer = endpoint.getComponent().runtime().ledgerWriter();
            if (writer != null && governor.isJournaled()) {
                // an external ledger blocks: write on the ledger threads, the lease renewed until the write is done
                // (or journaled); the header is what the reservation left plus the part of it not spent
                // journaled here, on this thread, before it is queued: a queue lost at stop or in a crash loses nothing
                Runnable write = governor.journalSettlement(r, actual);
                boolean queued = writer.offer(() -> {
                    try {
                        guard(write::run);
                    } finally {
                        r.forEach(leases::untrack);
                    }
                });
                if (!queued) {
                    r.forEach(leases::untrack);
                }
                LlmRouterBinding.set(exchange.getMessage(), LlmRouterConstants.BUDGET_REMAINING,
                        Usd.plain(left(first, actual)));
                return;
            }
            try {
                governor.settle(r, actual);
            } finally {
                // the call has ended: a reservation the ledger could not settle must not be renewed forever
                r.forEach(leases::untrack);
            }
            BigDecimal left = admission.remaining() != null ? left(first, actual) : governor.remaining(scope);
            LlmRouterBinding.set(exchange.getMessage(), LlmRouterConstants.BUDGET_REMAINING, Usd.plain(left));
        }

        /**
         * What the tightest level has left once the call is settled, from its reservation (no second ledger read):
         * what the reservation left, plus the reserved amount, minus the cost as the ledger books it. Every level
         * reserved the same amount, so the tightest level stays the tightest. Null when the reservation says nothing.
         */
        private BigDecimal left(Reservation first, BigDecimal actual) {
            if (admission.remaining() == null) {
                return null;
            }
            BigDecimal booked = actual == null ? BigDecimal.ZERO
                    : Amounts.actual(actual.max(BigDecimal.ZERO));
            return admission.remaining().add(first.amount()).subtract(booked).max(BigDecimal.ZERO);
        }

        /** Books the rpm/tpm grant at the call's tokens (null: keep its worst case). */
        private void settleRate(Long tokens) {
            if (admission != null && !admission.rateGrants().isEmpty()) {
                governor.settleRate(admission.rateGrants(), tokens);
            }
        }

        /** Booking must never keep an exchange from completing: a ledger failure is logged, not thrown. */
        private void guard(Runnable step) {
            try {
                step.run();
            } catch (RuntimeException e) {
                LOG.warn("Booking the call on budget {} failed: {}", governor.budgetName(), e.toString());
            }
        }

        void report(String model, String provider, Usage usage, String id, Throwable failure,
                    List<Attempt> attempts, String outcome, boolean cacheHit) {
            report(model, provider, usage, id, failure, attempts, outcome, cacheHit, null, null);
        }

        private void report(String model, String provider, Usage usage, String id, Throwable failure,
                            List<Attempt> attempts, String outcome, boolean cacheHit, String target, BigDecimal cost) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                publish(model, provider, usage, id, failure, attempts, outcome, cacheHit, target, cost);
            } catch (RuntimeException e) {
                LOG.warn("Reporting the call failed: {}", e.toString());
            }
        }

        private void publish(String model, String provider, Usage usage, String id, Throwable failure,
                             List<Attempt> attempts, String outcome, boolean cacheHit, String target, BigDecimal cost) {
            UsageRecord record = new UsageRecord(Instant.now(), exchange.getFromRouteId(), endpointKey, model, provider,
                    target, usage == null ? null : usage.promptTokens(), usage == null ? null : usage.completionTokens(),
                    usage == null || usage.completionTokensDetails() == null ? null
                            : usage.completionTokensDetails().reasoningTokens(),
                    usage == null || usage.promptTokensDetails() == null ? null
                            : usage.promptTokensDetails().cachedTokens(),
                    cost, id, budgetKey(), cacheHit, outcome, budgetLevels());
            CallEvent event = new CallEvent(record, endpoint.getOperation().name(), request.model(),
                    governor.budgetName(), failure == null ? null : failure.getClass().getSimpleName(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), attempts,
                    Boolean.TRUE.equals(request.stream()) || endpoint.getConfiguration().isStream(),
                    admission == null ? null : admission.worstCase(), governor.cacheSavings(usage, model),
                    endpoint.dialectOf(target != null ? target : lastTarget(attempts)));
            warnIfOverrun(event);
            endpoint.getComponent().runtime().publish(event);
        }

        /** The target of the last attempt that names one, or null. */
        private static String lastTarget(List<Attempt> attempts) {
            for (int i = attempts == null ? -1 : attempts.size() - 1; i >= 0; i--) {
                if (attempts.get(i).target() != null) {
                    return attempts.get(i).target();
                }
            }
            return null;
        }

        /** One WARN per call that cost more than the worst case it was admitted under: the budget guarantee's gap. */
        private void warnIfOverrun(CallEvent event) {
            BigDecimal over = event.overrun();
            if (over == null) {
                return;
            }
            WorstCaseEstimate e = admission.estimate();
            CostEstimate driver = e == null ? null : e.driver();
            LOG.warn("Overrun on budget {}: the call cost {}, {} more than the worst case {} it was admitted under"
                     + " (model {}, served by {} via {}; estimated {} prompt tokens at {}/token and up to {} completion"
                     + " tokens ({}) at {}/token){}", governor.budgetName() == null ? "(none)" : governor.budgetName(),
                    Usd.text(event.usage().cost()), Usd.text(over), Usd.text(event.worstCase()),
                    driver == null ? null : driver.model(), event.usage().model(), event.usage().provider(),
                    driver == null ? null : driver.promptTokens(),
                    driver == null ? null : Usd.text(driver.promptPrice()),
                    driver == null ? null : driver.completionTokens(),
                    driver == null ? null : driver.completionBound(),
                    driver == null ? null : Usd.text(driver.completionPrice()),
                    e == null || e.serverBound() == null ? "" : "; max_price sent " + e.serverBound());
        }

        /**
         * The scope key the call was booked on (the first level's); null for a global budget (whose key is empty) or
         * without one.
         */
        private String budgetKey() {
            return governor.budgetName() == null || scope.get(0).isEmpty() ? null : scope.get(0);
        }

        /**
         * Every level the call was (or, refused, was to be) booked on, as {@code budget=key} joined by {@code ;} in
         * level order (an empty key for a global level); null without a budget.
         */
        private String budgetLevels() {
            List<String> names = governor.budgetNames();
            if (names.isEmpty()) {
                return null;
            }
            LevelsText last = lastLevels;
            if (last != null && last.scope().equals(scope)) {
                return last.text();
            }
            StringBuilder b = new StringBuilder(64);
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    b.append(';');
                }
                b.append(names.get(i)).append('=').append(scope.get(i));
            }
            String text = b.toString();
            lastLevels = new LevelsText(scope, text);
            return text;
        }
    }
}
