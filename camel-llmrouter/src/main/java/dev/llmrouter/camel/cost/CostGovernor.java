package dev.llmrouter.camel.cost;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

import dev.llmrouter.camel.cost.budget.AllOf;
import dev.llmrouter.camel.cost.budget.BudgetDefinition;
import dev.llmrouter.camel.cost.budget.BudgetGuard;
import dev.llmrouter.camel.cost.budget.JournaledLedger;
import dev.llmrouter.camel.cost.budget.RateGrant;
import dev.llmrouter.camel.cost.budget.RateGuard;
import dev.llmrouter.camel.cost.budget.Reservation;
import dev.llmrouter.camel.error.BudgetExceededException;
import dev.llmrouter.camel.error.CostCeilingExceededException;
import dev.llmrouter.camel.error.LedgerUnavailableException;
import dev.llmrouter.camel.error.LoopLimitException;
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
    private final List<BudgetDefinition> budgets;
    private final List<String> budgetNames;
    private final String budgetName;
    private final BudgetGuard guard;
    private final OnExceeded onExceeded;
    private final List<String> downgradeModels;
    private final List<String> escalateModels;
    private final List<RateGuard> rates;
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
        this(policy, estimator, catalog, ceiling, budget == null ? List.of() : List.of(budget), guard, onExceeded,
                downgradeModels, escalateModels, rates == null ? null : java.util.Collections.singletonList(rates),
                ledgerFailure, boundServerPrice);
    }

    /**
     * As above, booking every call on several budgets at once (option {@code budget=tenant,team,global}): the worst
     * case is reserved on every level, all or none, and settled on every level at the real cost.
     *
     * @param budgets the levels, in the order of option {@code budget}; empty for none
     * @param rates   each level's rpm/tpm guard (a null entry for a level without rate limits), same order; null
     *                when no level has rate limits
     */
    public CostGovernor(ModelPolicy policy, CostEstimator estimator, Supplier<PricingCatalog> catalog,
                        BigDecimal ceiling, List<BudgetDefinition> budgets, BudgetGuard guard, OnExceeded onExceeded,
                        List<String> downgradeModels, List<String> escalateModels, List<RateGuard> rates,
                        LedgerFailure ledgerFailure, boolean boundServerPrice) {
        this.rates = rates == null || rates.stream().allMatch(java.util.Objects::isNull) ? null
                : java.util.Collections.unmodifiableList(new ArrayList<>(rates));
        this.ledgerFailure = ledgerFailure;
        this.boundServerPrice = boundServerPrice;
        this.policy = policy;
        this.estimator = estimator;
        this.catalog = catalog;
        this.ceiling = ceiling;
        this.budgets = List.copyOf(budgets);
        this.budgetNames = this.budgets.stream().map(BudgetDefinition::name).toList();
        this.budgetName = this.budgets.isEmpty() ? null : String.join(",", budgetNames);
        this.guard = guard;
        this.onExceeded = onExceeded;
        this.downgradeModels = List.copyOf(downgradeModels);
        this.escalateModels = List.copyOf(escalateModels);
        policy.checkAll(this.downgradeModels, "downgradeModels");
        policy.checkAll(this.escalateModels, "escalateModels");
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
        return admit(request, modelSource, java.util.Collections.nCopies(Math.max(1, budgets.size()), scopeKey));
    }

    /**
     * As {@link #admit(ChatRequest, String, String)}, with one scope key per budget level (same order as the
     * levels): the worst case is reserved on every level at once, all or none, and each level's rpm/tpm is counted;
     * a refusal names the level.
     */
    public Admission admit(ChatRequest request, String modelSource, List<String> scopeKeys) {
        return admit(request, modelSource, scopeKeys, null);
    }

    /**
     * As {@link #admit(ChatRequest, String, List)}, with a second ceiling for this one call: what an agent loop has
     * left of its {@code maxLoopCost}. The same worst case decides both; a call above the allowance is refused
     * before anything is reserved.
     *
     * @param  allowance          the most this call may cost, or null for no such limit
     * @throws LoopLimitException the worst case is above the allowance (reason maxLoopCost, needed: the worst case)
     */
    public Admission admit(ChatRequest request, String modelSource, List<String> scopeKeys, BigDecimal allowance) {
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
            return new Admission(request, List.of(), null, false, null, null, List.of());
        }
        WorstCase parts = worstCase(request, modelSource, true);
        BigDecimal worst = parts.total();
        if (ceiling != null && worst.compareTo(ceiling) > 0) {
            throw new CostCeilingExceededException(parts.largest().estimate().model(), worst, ceiling,
                    parts.explain(ceiling));
        }
        if (allowance != null && worst.compareTo(allowance) > 0) {
            throw new LoopLimitException("maxLoopCost", null, null, worst, 0, null, null);
        }
        // computed before the reservation: an unknown price (REJECT) must fail before anything is held
        ChatRequest bounded = serverBound(request, true);
        WorstCaseEstimate estimate = parts.toEstimate(bounded == request ? null : bounded.provider().maxPrice());
        if (budgets.isEmpty()) {
            return new Admission(bounded, List.of(), worst, false, null, estimate, List.of());
        }
        List<RateGrant> grants = acquireRates(scopeKeys, parts);
        try {
            Admission a = reserve(request, bounded, estimate, scopeKeys, worst);
            return grants.isEmpty() ? a : a.withRateGrants(grants);
        } catch (RuntimeException e) {
            releaseRates(grants, e);
            throw e;
        }
    }

    private void releaseRates(List<RateGrant> grants, RuntimeException cause) {
        for (int i = 0; i < grants.size(); i++) {
            RateGrant g = grants.get(i);
            if (g == null) {
                continue;
            }
            try {
                rates.get(i).release(g);
            } catch (RuntimeException releaseFailure) {
                cause.addSuppressed(releaseFailure);
            }
        }
    }

    /**
     * The request's place in each level's rpm/tpm minute (a null entry for a level without limits; empty without
     * any): a refusal on one level gives back what the levels before it granted.
     */
    private List<RateGrant> acquireRates(List<String> scopeKeys, WorstCase parts) {
        if (rates == null) {
            return List.of();
        }
        List<RateGrant> grants = new ArrayList<>();
        try {
            for (int i = 0; i < rates.size(); i++) {
                grants.add(rates.get(i) == null ? null : acquireRate(rates.get(i), budgets.get(i), scopeKeys.get(i),
                        parts));
            }
        } catch (RuntimeException e) {
            releaseRates(grants, e);
            throw e;
        }
        return grants;
    }

    /**
     * Reserves the worst case of sending {@code request} to {@code model} once more (the continuation or restart
     * of a stream rescue), on top of the call's admission, on every budget level at once (all or none); an empty
     * list when there is no budget.
     *
     * @throws BudgetExceededException    a level cannot hold it
     * @throws LedgerUnavailableException the ledger is down and the endpoint fails closed
     */
    public List<Reservation> reserveMore(ChatRequest request, String model, List<String> scopeKeys) {
        if (estimator == null || budgets.isEmpty()) {
            return List.of();
        }
        return reserve(scopeKeys, estimator.estimate(request, model).total());
    }

    /**
     * The request's place in the budget's rpm/tpm minute, or null without rate limits. A ledger that cannot be
     * reached follows {@code ledgerFailure}, as the reservation does: refuse, or admit without counting.
     */
    private RateGrant acquireRate(RateGuard rates, BudgetDefinition budget, String scopeKey, WorstCase parts) {
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

    private Admission reserve(ChatRequest request, ChatRequest bounded, WorstCaseEstimate estimate,
                              List<String> scopeKeys, BigDecimal worst) {
        try {
            List<Reservation> r = reserve(scopeKeys, worst);
            return new Admission(bounded, r, worst, false, tightest(r), estimate, List.of());
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
            // the downgraded request must fit on every level too
            List<Reservation> r = reserve(scopeKeys, cheaperWorst);
            return new Admission(cheaperBounded, r, cheaperWorst, true, tightest(r), cheaperEstimate, List.of());
        }
    }

    /**
     * Reserves on the ledger; when the ledger fails (anything but a refusal), refuses with
     * {@link LedgerUnavailableException} or, failing open, admits with a reservation of nothing.
     */
    private List<Reservation> reserve(List<String> scopeKeys, BigDecimal amount) {
        try {
            return guard.reserveAll(budgets, scopeKeys, amount);
        } catch (BudgetExceededException e) {
            throw e;
        } catch (RuntimeException e) {
            if (ledgerFailure == LedgerFailure.FAIL_OPEN) {
                List<Reservation> none = new ArrayList<>();
                for (int i = 0; i < budgets.size(); i++) {
                    none.add(guard.unreserved(budgets.get(i), scopeKeys.get(i)));
                }
                return none;
            }
            throw new LedgerUnavailableException(budgetName(), String.join(",", scopeKeys.stream()
                    .map(k -> k == null ? "" : k).toList()), String.valueOf(e.getMessage()));
        }
    }

    /** The least any level had left after the reservation (the tightest level), or null when unknown. */
    private static BigDecimal tightest(List<Reservation> reservations) {
        BigDecimal min = null;
        for (Reservation r : reservations) {
            if (r.remaining() != null) {
                min = min == null ? r.remaining() : min.min(r.remaining());
            }
        }
        return min;
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
        PricingCatalog prices = estimator.catalog();
        DerivedBound last = lastBound;
        ProviderPreferences.MaxPrice derived;
        if (last != null && last.prices == prices && last.covers(request, withEscalation ? escalateModels : List.of())) {
            derived = last.bound;
        } else {
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
            derived = new ProviderPreferences.MaxPrice(perMillion(prompt), perMillion(completion), null, null, null);
            lastBound = new DerivedBound(prices, models, derived);
        }
        ProviderPreferences bounded;
        LastProvider lastOut = lastProvider;
        if (explicit == null && lastOut != null && lastOut.in == provider && lastOut.bound == derived) {
            bounded = lastOut.out; // the endpoint's own provider object and the same bound: the same result
        } else {
            ProviderPreferences.MaxPrice merged = explicit == null ? derived : explicit.orElse(derived);
            ProviderPreferences base = provider != null ? provider : new ProviderPreferences(null, null, null, null,
                    null, null, null, null, null, null, null, null, null);
            bounded = base.withMaxPrice(merged);
            if (explicit == null) {
                lastProvider = new LastProvider(provider, derived, bounded);
            }
        }
        return request.withProvider(bounded);
    }

    /** The provider object last bounded without an explicit max_price: its input (by identity), bound and result. */
    private record LastProvider(ProviderPreferences in, ProviderPreferences.MaxPrice bound, ProviderPreferences out) {
    }

    private volatile LastProvider lastProvider;

    /** The bound last derived, for the models it was derived over from one catalog (an endpoint repeats them). */
    private record DerivedBound(PricingCatalog prices, List<String> models, ProviderPreferences.MaxPrice bound) {

        /** Whether the bound was derived over exactly the request's model, its fallbacks, then {@code more}. */
        boolean covers(ChatRequest request, List<String> more) {
            List<String> fallbacks = request.models() == null ? List.of() : request.models();
            if (models.size() != 1 + fallbacks.size() + more.size() || !models.get(0).equals(request.model())) {
                return false;
            }
            for (int i = 0; i < fallbacks.size(); i++) {
                if (!models.get(1 + i).equals(fallbacks.get(i))) {
                    return false;
                }
            }
            for (int i = 0; i < more.size(); i++) {
                if (!models.get(1 + fallbacks.size() + i).equals(more.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    private volatile DerivedBound lastBound;

    private static String perMillion(BigDecimal perToken) {
        BigDecimal v = perToken.multiply(MILLION).stripTrailingZeros();
        return (v.signum() == 0 ? BigDecimal.ZERO : v).toPlainString();
    }

    /**
     * The worst-case cost of sending this request (over its model, fallbacks and escalation models), as admission
     * computes it; null when the endpoint has no prices (neither a ceiling nor a budget nor maxLoopCost).
     */
    public BigDecimal worstCase(ChatRequest request) {
        return estimator == null ? null : worstCase(request, "model", true).total();
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
     * What the prompt cache saved on an answer, in USD: its cached prompt tokens times the difference between the
     * served model's prompt price and its cache-read price in the catalog. Zero when the catalog gives no cheaper
     * cache-read price; null when there is no catalog (the endpoint has no budget or maxCostPerRequest), it is not
     * loaded, or the answer reports no cached tokens.
     */
    public BigDecimal cacheSavings(Usage usage, String servedModel) {
        if (usage == null || usage.promptTokensDetails() == null || catalog == null || servedModel == null) {
            return null;
        }
        Integer cached = usage.promptTokensDetails().cachedTokens();
        if (cached == null || cached <= 0) {
            return null;
        }
        Price price;
        try {
            price = catalog.get().price(servedModel).orElse(null);
        } catch (RuntimeException e) {
            return null; // not loaded yet: the figure is left out, the call is not affected
        }
        if (price == null) {
            return null;
        }
        BigDecimal discount = price.prompt().subtract(price.cacheRead());
        return discount.signum() <= 0 ? BigDecimal.ZERO : discount.multiply(BigDecimal.valueOf(cached));
    }

    /**
     * Settles a reservation at what the call cost; releases it when the cost is unknown (nothing was served, or
     * nothing could be priced). If the ledger refuses the settlement, the reservation is released rather than left
     * held.
     */
    public void settle(List<Reservation> reservations, BigDecimal actual) {
        AllOf.apply(reservations, r -> settle(r, actual));
    }

    /** Settles one level's reservation, as {@link #settle(List, BigDecimal)} does for each. */
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
    public void settleRate(List<RateGrant> grants, Long actualTokens) {
        if (rates == null) {
            return;
        }
        for (int i = 0; i < grants.size(); i++) {
            if (grants.get(i) != null) {
                rates.get(i).settle(grants.get(i), actualTokens);
            }
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
    public Runnable journalSettlement(List<Reservation> reservations, BigDecimal actual) {
        List<Runnable> writes = new ArrayList<>();
        for (Reservation r : reservations) {
            writes.add(((JournaledLedger) guard.ledger()).journal(r,
                    actual == null ? BigDecimal.ZERO : actual.max(BigDecimal.ZERO)));
        }
        return () -> writes.forEach(Runnable::run);
    }

    /** What is left of the budget for a scope, or null without a budget (the tightest level with several). */
    public BigDecimal remaining(String scopeKey) {
        return remaining(java.util.Collections.nCopies(Math.max(1, budgets.size()), scopeKey));
    }

    /** The least any level has left for its scope key (keys in level order), or null without a budget. */
    public BigDecimal remaining(List<String> scopeKeys) {
        BigDecimal min = null;
        for (int i = 0; i < budgets.size(); i++) {
            BigDecimal left = guard.remaining(budgets.get(i), scopeKeys.get(i));
            min = min == null ? left : min.min(left);
        }
        return min;
    }

    /** The budget's name (the levels' names joined by commas, as in option {@code budget}), or null. */
    public String budgetName() {
        return budgetName;
    }

    /** The levels' budget names in the order of option {@code budget}; empty without a budget. */
    public List<String> budgetNames() {
        return budgetNames;
    }

    /**
     * A request allowed to go.
     *
     * @param request     the request to send (the downgraded one, when downgraded)
     * @param reservations the budget reservations to settle, one per level; empty without a budget
     * @param worstCase   the worst-case estimate in USD, or null when not computed
     * @param downgraded  whether the budget forced the cheaper models (escalation is then off)
     * @param remaining   what the tightest level had left after the reservation, or null
     * @param estimate    the worst case with its inputs and the server-side bound sent, or null when not computed
     * @param rateGrants  the request's place in each level's rpm/tpm minute (null entries for levels without
     *                    limits); empty without rate limits
     */
    public record Admission(ChatRequest request, List<Reservation> reservations, BigDecimal worstCase,
                            boolean downgraded, BigDecimal remaining, WorstCaseEstimate estimate,
                            List<RateGrant> rateGrants) {

        /** Copies the lists (rate grants may hold null entries). */
        public Admission {
            reservations = reservations == null ? List.of() : List.copyOf(reservations);
            rateGrants = rateGrants == null ? List.of() : java.util.Collections.unmodifiableList(
                    new ArrayList<>(rateGrants));
        }

        /** The first level's reservation, or null without a budget. */
        public Reservation reservation() {
            return reservations.isEmpty() ? null : reservations.get(0);
        }

        /** This admission with its places in the levels' rpm/tpm minutes. */
        Admission withRateGrants(List<RateGrant> grants) {
            return new Admission(request, reservations, worstCase, downgraded, remaining, estimate, grants);
        }
    }
}
