package dev.llmrouter.camel.plan;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

import dev.llmrouter.camel.cost.BudgetDefinition;
import dev.llmrouter.camel.cost.BudgetGuard;
import dev.llmrouter.camel.cost.CostEstimate;
import dev.llmrouter.camel.cost.CostEstimator;
import dev.llmrouter.camel.cost.JournaledLedger;
import dev.llmrouter.camel.cost.ModelPolicy;
import dev.llmrouter.camel.cost.Price;
import dev.llmrouter.camel.cost.PricingCatalog;
import dev.llmrouter.camel.cost.RateGrant;
import dev.llmrouter.camel.cost.RateGuard;
import dev.llmrouter.camel.cost.Reservation;
import dev.llmrouter.camel.cost.WorstCaseEstimate;
import dev.llmrouter.camel.error.BudgetExceededException;
import dev.llmrouter.camel.error.CostCeilingExceededException;
import dev.llmrouter.camel.error.LedgerUnavailableException;
import dev.llmrouter.camel.error.LlmRouterException;
import dev.llmrouter.camel.error.ModelNotAllowedException;
import dev.llmrouter.camel.error.Usd;
import dev.llmrouter.camel.wire.ChatRequest;
import dev.llmrouter.camel.wire.ProviderPreferences;
import dev.llmrouter.camel.wire.Usage;

/**
 * An endpoint's cost rules, applied to each request before anything is sent: the allow and deny lists, the
 * worst-case estimate against {@code maxCostPerRequest}, and the budget reservation (with the downgrade to cheaper
 * models when the budget cannot hold the request). After the call the reservation is settled at the real cost.
 * Built once per endpoint; thread-safe.
 *
 * @see #admit
 */
public final class CostGovernor {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    /** What to do when the budget cannot hold a request. */
    public enum OnExceeded { FAIL, DOWNGRADE }

    /** What to do when the ledger cannot be reached to reserve: refuse, or admit without a reservation. */
    public enum LedgerFailure { FAIL_CLOSED, FAIL_OPEN }

    private final ModelPolicy policy;
    private final CostEstimator estimator;
    private final Supplier<PricingCatalog> catalog;
    private final BigDecimal ceiling;
    private final BudgetDefinition budget;
    private final BudgetGuard guard;
    private final OnExceeded onExceeded;
    private final List<String> downgradeModels;
    private final List<String> escalateModels;
    private final RateGuard rates;
    private final LedgerFailure ledgerFailure;
    private final boolean boundServerPrice;

    /**
     * @param policy          allowed and denied models
     * @param estimator       worst-case estimates; null when neither a ceiling nor a budget needs prices
     * @param catalog         the prices, for costing answers that report no cost; may be null with the estimator
     * @param ceiling         {@code maxCostPerRequest}, or null
     * @param budget          the budget to book on, or null
     * @param guard           the ledger access, or null without a budget
     * @param onExceeded      fail or downgrade
     * @param downgradeModels the cheaper models for {@code downgrade}: the first is sent as the model, the rest as
     *                        its fallbacks
     * @param escalateModels  the escalation chain: each may be asked, so each counts in the worst case
     */
    public CostGovernor(ModelPolicy policy, CostEstimator estimator, Supplier<PricingCatalog> catalog,
                        BigDecimal ceiling, BudgetDefinition budget, BudgetGuard guard, OnExceeded onExceeded,
                        List<String> downgradeModels, List<String> escalateModels) {
        this(policy, estimator, catalog, ceiling, budget, guard, onExceeded, downgradeModels, escalateModels, null,
                LedgerFailure.FAIL_CLOSED, false);
    }

    /**
     * As above, with the budget's {@code rpm}/{@code tpm} limits, the admission rule while the ledger is down and
     * option {@code boundServerPrice}.
     *
     * @param rates            the budget's rpm/tpm limits (null for none): checked after the ceiling and before the
     *                         budget reservation, and given back if the budget refuses
     * @param ledgerFailure    refuse ({@code failClosed}) or admit without a reservation ({@code failOpen}) while
     *                         the ledger cannot be reached
     * @param boundServerPrice whether an admitted request carries {@code provider.max_price} at the prices its
     *                         worst case used, where no explicit maxPrice* is set (see {@link #serverBound})
     */
    public CostGovernor(ModelPolicy policy, CostEstimator estimator, Supplier<PricingCatalog> catalog,
                        BigDecimal ceiling, BudgetDefinition budget, BudgetGuard guard, OnExceeded onExceeded,
                        List<String> downgradeModels, List<String> escalateModels, RateGuard rates,
                        LedgerFailure ledgerFailure, boolean boundServerPrice) {
        this.rates = rates;
        this.ledgerFailure = ledgerFailure;
        this.boundServerPrice = boundServerPrice;
        this.policy = policy;
        this.estimator = estimator;
        this.catalog = catalog;
        this.ceiling = ceiling;
        this.budget = budget;
        this.guard = guard;
        this.onExceeded = onExceeded;
        this.downgradeModels = List.copyOf(downgradeModels);
        this.escalateModels = List.copyOf(escalateModels);
        policy.checkAll(this.downgradeModels, "downgradeModels");
        policy.checkAll(this.escalateModels, "escalateModels");
    }

    /** Whether this governor needs prices (and therefore a pricing catalog). */
    public boolean needsPrices() {
        return estimator != null;
    }

    /**
     * Checks one request and books it.
     *
     * @param  request     the planned request
     * @param  modelSource where the model came from, for messages: {@code model} or {@code header CamelLlmRouterModel}
     * @param  scopeKey    the budget scope (tenant, route, ...)
     * @return             what may be sent, and the reservation to settle
     * @throws dev.llmrouter.camel.error.ModelNotAllowedException   a model is not allowed
     * @throws CostCeilingExceededException                         the worst case is above the ceiling
     * @throws BudgetExceededException                              the budget cannot hold it, even downgraded
     * @throws dev.llmrouter.camel.error.LocalRateLimitException    the budget's rpm or tpm refuses it this minute
     * @throws LedgerUnavailableException                           the ledger is down and the endpoint fails closed
     */
    public Admission admit(ChatRequest request, String modelSource, String scopeKey) {
        if (request.model() == null && policy.restrictsModels()) {
            // without a model OpenRouter picks the account's default, which the allow list cannot vouch for
            throw new ModelNotAllowedException("(none)", modelSource, "allowedModels",
                    "a model must be named when allowedModels is set");
        }
        policy.check(request.model(), modelSource);
        if (request.models() != null) {
            policy.checkAll(request.models(), "fallbackModels");
        }
        if (estimator == null) {
            return new Admission(request, null, null, false, null, null, null);
        }
        WorstCase parts = worstCase(request, modelSource, true);
        BigDecimal worst = parts.total();
        if (ceiling != null && worst.compareTo(ceiling) > 0) {
            throw new CostCeilingExceededException(parts.largest().estimate().model(), worst, ceiling,
                    parts.explain(ceiling));
        }
        // computed before the reservation: an unknown price (REJECT) must fail before anything is held
        ChatRequest bounded = serverBound(request, true);
        WorstCaseEstimate estimate = parts.toEstimate(bounded == request ? null : bounded.provider().maxPrice());
        if (budget == null) {
            return new Admission(bounded, null, worst, false, null, estimate, null);
        }
        RateGrant grant = acquireRate(scopeKey, parts);
        try {
            Admission a = reserve(request, bounded, estimate, scopeKey, worst);
            return grant == null ? a : a.withRateGrant(grant);
        } catch (RuntimeException e) {
            if (grant != null) {
                try {
                    rates.release(grant);
                } catch (RuntimeException releaseFailure) {
                    e.addSuppressed(releaseFailure);
                }
            }
            throw e;
        }
    }

    /**
     * Reserves the worst case of sending {@code request} to {@code model} once more (the continuation or restart
     * of a stream rescue), on top of the call's admission; null when there is no budget.
     *
     * @throws BudgetExceededException    the budget cannot hold it
     * @throws LedgerUnavailableException the ledger is down and the endpoint fails closed
     */
    public Reservation reserveMore(ChatRequest request, String model, String scopeKey) {
        if (estimator == null || budget == null) {
            return null;
        }
        return reserve(scopeKey, estimator.estimate(request, model).total());
    }

    /**
     * The request's place in the budget's rpm/tpm minute, or null without rate limits. A ledger that cannot be
     * reached follows {@code ledgerFailure}, as the reservation does: refuse, or admit without counting.
     */
    private RateGrant acquireRate(String scopeKey, WorstCase parts) {
        if (rates == null) {
            return null;
        }
        try {
            return rates.acquire(scopeKey, rates.countsTokens() ? parts.tokens() : 0);
        } catch (LlmRouterException e) {
            throw e;
        } catch (RuntimeException e) {
            if (ledgerFailure == LedgerFailure.FAIL_OPEN) {
                return null;
            }
            throw new LedgerUnavailableException(budget.name(), scopeKey == null ? "" : scopeKey,
                    String.valueOf(e.getMessage()));
        }
    }

    private Admission reserve(ChatRequest request, ChatRequest bounded, WorstCaseEstimate estimate, String scopeKey,
                              BigDecimal worst) {
        try {
            Reservation r = reserve(scopeKey, worst);
            return new Admission(bounded, r, worst, false, r.remaining(), estimate, null);
        } catch (BudgetExceededException e) {
            if (onExceeded != OnExceeded.DOWNGRADE || downgradeModels.isEmpty()) {
                throw e;
            }
            ChatRequest cheaper = request.toBuilder()
                    .model(downgradeModels.get(0))
                    .models(downgradeModels.size() > 1 ? downgradeModels.subList(1, downgradeModels.size()) : null)
                    .build();
            WorstCase cheaperParts = worstCase(cheaper, "downgradeModels", false);
            BigDecimal cheaperWorst = cheaperParts.total();
            ChatRequest cheaperBounded = serverBound(cheaper, false);
            WorstCaseEstimate cheaperEstimate = cheaperParts.toEstimate(
                    cheaperBounded == cheaper ? null : cheaperBounded.provider().maxPrice());
            Reservation r = reserve(scopeKey, cheaperWorst);
            return new Admission(cheaperBounded, r, cheaperWorst, true, r.remaining(), cheaperEstimate, null);
        }
    }

    /**
     * Reserves on the ledger; when the ledger fails (anything but a refusal), refuses with
     * {@link LedgerUnavailableException} or, failing open, admits with a reservation of nothing.
     */
    private Reservation reserve(String scopeKey, BigDecimal amount) {
        try {
            return guard.reserve(budget, scopeKey, amount);
        } catch (BudgetExceededException e) {
            throw e;
        } catch (RuntimeException e) {
            if (ledgerFailure == LedgerFailure.FAIL_OPEN) {
                return guard.unreserved(budget, scopeKey);
            }
            throw new LedgerUnavailableException(budget.name(), scopeKey == null ? "" : scopeKey,
                    String.valueOf(e.getMessage()));
        }
    }

    /**
     * The request with OpenRouter's {@code provider.max_price} set from the prices the worst case used, so that
     * OpenRouter refuses providers dearer than the estimate: {@code prompt} is the highest prompt price and
     * {@code completion} the highest completion (or internal-reasoning) price over every model the call may ask
     * (the model, its fallbacks and, unless downgraded, the escalation models, which are sent the same
     * {@code provider} object), in USD per million tokens. A field set explicitly (maxPricePrompt,
     * maxPriceCompletion, their headers, or the body's own {@code provider.max_price}) is kept as it is; only
     * unset fields are filled. Returns the request itself when the option is off, when no model is named, or when
     * both fields are already set. Targets of the openai dialect are sent no {@code provider} at all.
     */
    private ChatRequest serverBound(ChatRequest request, boolean withEscalation) {
        if (!boundServerPrice || request.model() == null) {
            return request;
        }
        ProviderPreferences provider = request.provider();
        ProviderPreferences.MaxPrice explicit = provider == null ? null : provider.maxPrice();
        if (explicit != null && explicit.prompt() != null && explicit.completion() != null) {
            return request;
        }
        List<String> models = new ArrayList<>();
        models.add(request.model());
        if (request.models() != null) {
            models.addAll(request.models());
        }
        if (withEscalation) {
            models.addAll(escalateModels);
        }
        BigDecimal prompt = BigDecimal.ZERO;
        BigDecimal completion = BigDecimal.ZERO;
        for (String m : models) {
            Price p = estimator.priceOf(m);
            prompt = prompt.max(p.prompt());
            completion = completion.max(p.completion().max(p.internalReasoning()));
        }
        ProviderPreferences.MaxPrice derived = new ProviderPreferences.MaxPrice(perMillion(prompt),
                perMillion(completion), null, null, null);
        ProviderPreferences.MaxPrice merged = explicit == null ? derived : explicit.orElse(derived);
        ProviderPreferences base = provider != null ? provider
                : new ProviderPreferences(null, null, null, null, null, null, null, null, null, null, null, null, null);
        return request.toBuilder().provider(base.withMaxPrice(merged)).build();
    }

    private static String perMillion(BigDecimal perToken) {
        BigDecimal v = perToken.multiply(MILLION).stripTrailingZeros();
        return (v.signum() == 0 ? BigDecimal.ZERO : v).toPlainString();
    }

    /** The worst case of the request, its fallbacks, and (unless downgraded) every escalation model, by part. */
    private WorstCase worstCase(ChatRequest request, String modelSource, boolean withEscalation) {
        List<WorstCase.Part> parts = new ArrayList<>();
        CostEstimate first = estimator.estimateWorstOf(request);
        String source = first.model() == null || first.model().equals(request.model()) ? modelSource
                : "fallbackModels";
        parts.add(part(first, source, request));
        if (withEscalation) {
            for (String m : escalateModels) {
                parts.add(part(estimator.estimate(request, m), "escalateModels", request));
            }
        }
        return new WorstCase(parts);
    }

    private WorstCase.Part part(CostEstimate estimate, String source, ChatRequest request) {
        OptionalInt context = OptionalInt.empty();
        if (request.maxTokens() == null && catalog != null) {
            context = catalog.get().contextLength(estimate.model());
        }
        return new WorstCase.Part(estimate, source, request.maxTokens(), context);
    }

    /**
     * Why the ceiling refuses even an empty prompt with these models and max_tokens, or empty when it does not or
     * when that cannot be told yet (prices not loaded, a model without a known price). For a warning when the
     * endpoint starts: a ceiling that refuses every message is a configuration mistake.
     *
     * @param request the endpoint's model, fallbacks and max_tokens, without messages
     */
    public Optional<String> ceilingRefusesEverything(ChatRequest request) {
        if (estimator == null || ceiling == null || catalog == null) {
            return Optional.empty();
        }
        try {
            PricingCatalog prices = catalog.get();
            List<String> models = new ArrayList<>();
            models.add(request.model());
            if (request.models() != null) {
                models.addAll(request.models());
            }
            models.addAll(escalateModels);
            for (String m : models) {
                if (m == null || prices.price(m).isEmpty()) {
                    return Optional.empty();
                }
            }
            WorstCase parts = worstCase(request, "model", true);
            if (parts.total().compareTo(ceiling) <= 0) {
                return Optional.empty();
            }
            return Optional.of("maxCostPerRequest " + Usd.format(ceiling) + " refuses every message: even an empty"
                               + " prompt may cost " + Usd.format(parts.total()) + ". " + parts.explain(ceiling));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The cost of an answer computed from its usage and the catalog price of {@code servedModel}, for targets that
     * report none; null when there is no catalog, no usage or no price.
     */
    public BigDecimal price(Usage usage, String servedModel) {
        if (usage == null || catalog == null) {
            return null;
        }
        if (usage.cost() != null) {
            return usage.cost();
        }
        Price price = catalog.get().price(servedModel).orElse(null);
        return price == null ? null : CostEstimator.computeCost(usage, price);
    }

    /**
     * Settles a reservation at what the call cost; releases it when the cost is unknown (nothing was served, or
     * nothing could be priced). If the ledger refuses the settlement, the reservation is released rather than left
     * held.
     */
    public void settle(Reservation reservation, BigDecimal actual) {
        if (reservation == null) {
            return;
        }
        if (actual == null) {
            guard.ledger().release(reservation);
            return;
        }
        try {
            guard.ledger().settle(reservation, actual.max(BigDecimal.ZERO));
        } catch (RuntimeException e) {
            guard.ledger().release(reservation);
            throw e;
        }
    }

    /**
     * Books a rate grant at the actual total tokens of the call (null keeps its worst case, e.g. for a stream cut
     * before its usage arrived). The request itself stays counted.
     */
    public void settleRate(RateGrant grant, Long actualTokens) {
        if (grant != null && rates != null) {
            rates.settle(grant, actualTokens);
        }
    }

    /** Whether settlements go through a journal (an external ledger), and may therefore be written off-thread. */
    public boolean isJournaled() {
        return guard != null && guard.ledger() instanceof JournaledLedger;
    }

    /**
     * For a journaled ledger ({@link #isJournaled()}): records the settlement in the journal now and returns the
     * ledger write, to be run on another thread. An unknown cost (null) releases the reservation, as
     * {@link #settle} does.
     */
    public Runnable journalSettlement(Reservation reservation, BigDecimal actual) {
        if (reservation == null) {
            return () -> { };
        }
        return ((JournaledLedger) guard.ledger()).journal(reservation,
                actual == null ? BigDecimal.ZERO : actual.max(BigDecimal.ZERO));
    }

    /** What is left of the budget for a scope, or null without a budget. */
    public BigDecimal remaining(String scopeKey) {
        return budget == null ? null : guard.remaining(budget, scopeKey);
    }

    /** The budget's name, or null. */
    public String budgetName() {
        return budget == null ? null : budget.name();
    }

    /**
     * A request allowed to go.
     *
     * @param request     the request to send (the downgraded one, when downgraded)
     * @param reservation the budget reservation to settle, or null without a budget
     * @param worstCase   the worst-case estimate in USD, or null when not computed
     * @param downgraded  whether the budget forced the cheaper models (escalation is then off)
     * @param remaining   what the budget had left after the reservation, or null
     * @param estimate    the worst case with its inputs and the server-side bound sent, or null when not computed
     * @param rateGrant   the request's place in the budget's rpm/tpm minute, or null without rate limits
     */
    public record Admission(ChatRequest request, Reservation reservation, BigDecimal worstCase, boolean downgraded,
                            BigDecimal remaining, WorstCaseEstimate estimate, RateGrant rateGrant) {

        /** An admission without estimate and rate limits. */
        public Admission(ChatRequest request, Reservation reservation, BigDecimal worstCase, boolean downgraded,
                         BigDecimal remaining) {
            this(request, reservation, worstCase, downgraded, remaining, null, null);
        }

        /** This admission with its place in the rpm/tpm minute. */
        Admission withRateGrant(RateGrant grant) {
            return new Admission(request, reservation, worstCase, downgraded, remaining, estimate, grant);
        }
    }
}
