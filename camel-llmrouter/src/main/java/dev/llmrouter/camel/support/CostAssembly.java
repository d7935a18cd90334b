package dev.llmrouter.camel.support;

import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import dev.llmrouter.camel.LlmRouterBudget;
import dev.llmrouter.camel.LlmRouterComponent;
import dev.llmrouter.camel.LlmRouterConfiguration;
import dev.llmrouter.camel.LlmRouterEndpoint;
import dev.llmrouter.camel.LlmRouterLedgerFailure;
import dev.llmrouter.camel.LlmRouterOnBudgetExceeded;
import dev.llmrouter.camel.LlmRouterOnRateLimited;
import dev.llmrouter.camel.LlmRouterUnknownModelPolicy;
import dev.llmrouter.camel.cost.CatalogSource;
import dev.llmrouter.camel.cost.CostEstimator;
import dev.llmrouter.camel.cost.CostGovernor;
import dev.llmrouter.camel.cost.ModelPolicy;
import dev.llmrouter.camel.cost.Price;
import dev.llmrouter.camel.cost.PricingCatalog;
import dev.llmrouter.camel.cost.TokenEstimator;
import dev.llmrouter.camel.cost.UnknownModelPolicy;
import dev.llmrouter.camel.cost.budget.BudgetDefinition;
import dev.llmrouter.camel.cost.budget.BudgetGuard;
import dev.llmrouter.camel.cost.budget.RateGuard;
import dev.llmrouter.camel.cost.budget.RateLimits;
import dev.llmrouter.camel.protocol.OpenRouterClient;
import dev.llmrouter.camel.protocol.ResultCallback;
import dev.llmrouter.camel.routing.ContextWindows;
import dev.llmrouter.camel.wire.ChatRequest;
import dev.llmrouter.camel.wire.ModelInfo;
import dev.llmrouter.camel.wire.WireJson;
import org.apache.camel.support.ResourceHelper;

/**
 * Turns an endpoint's cost options into its {@link CostGovernor}: the model policy (checked on the static model
 * options when the endpoint is created), the pricing catalog (a file, or the target's {@code GET /models} shared per
 * address and refreshed), the estimator, and the budget.
 */
public final class CostAssembly {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static volatile TokenEstimator tokens;

    private CostAssembly() {
    }

    /** Checks the cost options and the models the endpoint names, when the endpoint is created. */
    public static ModelPolicy validate(LlmRouterComponent component, LlmRouterConfiguration c) {
        ModelPolicy policy = ModelPolicy.of(c.getAllowedModels(), c.getDeniedModels());
        if (c.getModel() != null && !c.getModel().isBlank()) {
            policy.check(c.getModel().trim(), "model");
        }
        policy.checkAll(RoutingAssembly.split(c.getFallbackModels()), "fallbackModels");
        policy.checkAll(RoutingAssembly.split(c.getEscalateModels()), "escalateModels");
        policy.checkAll(RoutingAssembly.split(c.getDowngradeModels()), "downgradeModels");
        if (c.getMaxCostPerRequest() != null && c.getMaxCostPerRequest().signum() < 0) {
            throw new IllegalArgumentException("Invalid value for maxCostPerRequest: must be 0 or more USD");
        }
        unknownModelPolicy(c);
        if (c.getWorstCasePricePrompt() != null && c.getWorstCasePricePrompt() < 0
            || c.getWorstCasePriceCompletion() != null && c.getWorstCasePriceCompletion() < 0) {
            throw new IllegalArgumentException("Invalid value for worstCasePricePrompt or worstCasePriceCompletion:"
                                               + " must be 0 or more (USD per million tokens)");
        }
        if (c.getOnBudgetExceeded() == LlmRouterOnBudgetExceeded.downgrade && RoutingAssembly.split(c.getDowngradeModels()).isEmpty()) {
            throw new IllegalArgumentException("onBudgetExceeded=downgrade needs option downgradeModels");
        }
        if (c.getBudget() != null && !c.getBudget().isBlank()) {
            for (String name : BudgetScope.names(c.getBudget().trim())) {
                budget(component, name);
            }
            scopes(component, c);
        }
        return policy;
    }

    /** The budget levels of option budget (empty without one), in its order. */
    static List<BudgetDefinition> budgets(LlmRouterComponent component, LlmRouterConfiguration c) {
        if (c.getBudget() == null || c.getBudget().isBlank()) {
            return List.of();
        }
        return BudgetScope.names(c.getBudget().trim()).stream().map(n -> budget(component, n)).toList();
    }

    /** Where each level of option budget finds its scope key, in its order (empty without a budget). */
    public static List<BudgetScope> scopes(LlmRouterComponent component, LlmRouterConfiguration c) {
        if (c.getBudget() == null || c.getBudget().isBlank()) {
            return List.of();
        }
        return BudgetScope.names(c.getBudget().trim()).stream()
                .map(n -> BudgetScope.parse(n, component.budgetDefinition(n).getScope(), component.getCamelContext()))
                .toList();
    }

    private static BudgetDefinition budget(LlmRouterComponent component, String name) {
        LlmRouterBudget b = component.budgetDefinition(name);
        if (b == null) {
            throw new IllegalArgumentException("Unknown budget '" + name + "' in option budget: define it in the"
                                               + " component's budgets or bind an LlmRouterBudget bean by that name");
        }
        return b.toDefinition(name);
    }

    private static UnknownModelPolicy unknownModelPolicy(LlmRouterConfiguration c) {
        if (c.getUnknownModelPolicy() != LlmRouterUnknownModelPolicy.worstCase) {
            return UnknownModelPolicy.REJECT;
        }
        if (c.getWorstCasePricePrompt() == null || c.getWorstCasePriceCompletion() == null) {
            throw new IllegalArgumentException("unknownModelPolicy=worstCase needs options worstCasePricePrompt and"
                                               + " worstCasePriceCompletion");
        }
        return UnknownModelPolicy.WORST_CASE;
    }

    private static CostGovernor.OnExceeded onExceeded(LlmRouterConfiguration c) {
        return c.getOnBudgetExceeded() == LlmRouterOnBudgetExceeded.downgrade
                ? CostGovernor.OnExceeded.DOWNGRADE : CostGovernor.OnExceeded.FAIL;
    }

    /** Option onRateLimited: true for wait, false for fail. */
    public static boolean waitsWhenRateLimited(LlmRouterConfiguration c) {
        return c.getOnRateLimited() == LlmRouterOnRateLimited.wait;
    }

    /** Each level's rpm/tpm guard (null for a level that sets neither), in level order. */
    private static List<RateGuard> rateGuards(LlmRouterComponent component, List<BudgetDefinition> budgets) {
        List<RateGuard> guards = new java.util.ArrayList<>();
        for (BudgetDefinition b : budgets) {
            guards.add(rateGuard(component, b));
        }
        return guards;
    }

    /** The budget's rpm/tpm guard on the ledger's rate-limit store, or null when the budget sets neither. */
    private static RateGuard rateGuard(LlmRouterComponent component, BudgetDefinition budget) {
        if (budget == null || !budget.hasRateLimits()) {
            return null;
        }
        RateLimits store = component.ledger().rateLimits();
        if (store == null) {
            throw new IllegalArgumentException("Budget '" + budget.name() + "' sets rpm or tpm, but the budgetLedger "
                                               + component.ledger().getClass().getName() + " keeps no rate limits"
                                               + " (its rateLimits() returns null)");
        }
        return new RateGuard(budget, store, component.runtime().rateClock());
    }

    private static CostGovernor.LedgerFailure ledgerFailure(LlmRouterConfiguration c) {
        return c.getLedgerFailure() == LlmRouterLedgerFailure.failOpen
                ? CostGovernor.LedgerFailure.FAIL_OPEN : CostGovernor.LedgerFailure.FAIL_CLOSED;
    }

    /**
     * Builds the governor when the endpoint starts, from the options {@link #validate} already checked (prices are
     * loaded now when a ceiling or budget needs them).
     */
    public static CostGovernor create(LlmRouterEndpoint endpoint, OpenRouterClient client, ModelPolicy policy) {
        LlmRouterConfiguration c = endpoint.getConfiguration();
        LlmRouterComponent component = endpoint.getComponent();
        boolean hasBudget = c.getBudget() != null && !c.getBudget().isBlank();
        boolean needsPrices = hasBudget || c.getMaxCostPerRequest() != null || c.getMaxLoopCost() != null;
        CostEstimator estimator = null;
        Supplier<PricingCatalog> catalog = null;
        if (needsPrices) {
            catalog = catalog(endpoint, client);
            Price worst = Price.ZERO;
            if (c.getWorstCasePricePrompt() != null && c.getWorstCasePriceCompletion() != null) {
                worst = Price.of(perToken(c.getWorstCasePricePrompt()), perToken(c.getWorstCasePriceCompletion()));
            }
            estimator = CostEstimator.builder(catalog).tokenEstimator(tokens())
                    .unknownModelPolicy(unknownModelPolicy(c)).worstCasePrice(worst).build();
        }
        List<BudgetDefinition> budgets = budgets(component, c);
        BudgetGuard guard = budgets.isEmpty() ? null : new BudgetGuard(component.runtime().bookingLedger(), Clock.systemUTC());
        CostGovernor governor = new CostGovernor(policy, estimator, catalog, c.getMaxCostPerRequest(), budgets, guard,
                onExceeded(c), RoutingAssembly.split(c.getDowngradeModels()), RoutingAssembly.split(c.getEscalateModels()),
                rateGuards(component, budgets), ledgerFailure(c), c.isBoundServerPrice());
        warnIfCeilingRefusesEverything(endpoint, governor);
        return governor;
    }

    /**
     * Warns when maxCostPerRequest refuses even an empty prompt with the configured models and maxTokens (told only
     * when the prices are already loaded: nothing waits for them here).
     */
    private static void warnIfCeilingRefusesEverything(LlmRouterEndpoint endpoint, CostGovernor governor) {
        LlmRouterConfiguration c = endpoint.getConfiguration();
        List<String> fallbacks = RoutingAssembly.split(c.getFallbackModels());
        ChatRequest probe = ChatRequest.builder().model(trim(c.getModel())).models(fallbacks.isEmpty() ? null : fallbacks)
                .maxTokens(c.getMaxTokens()).messages(List.of()).build();
        governor.ceilingRefusesEverything(probe).ifPresent(why -> org.slf4j.LoggerFactory.getLogger(CostAssembly.class)
                .warn("Endpoint {}: {}", SecretMask.uri(endpoint.getEndpointUri()), why));
    }

    private static String perToken(Double perMillion) {
        return BigDecimal.valueOf(perMillion).divide(MILLION, MathContext.DECIMAL64).toPlainString();
    }

    /**
     * The context windows routing uses after a context-length failure: the catalog's {@code context_length} when
     * the endpoint has prices anyway (pricingCatalog, maxCostPerRequest or budget; no catalog is loaded for this
     * alone), and the prompt estimate of the token estimator plus {@code max_tokens}.
     */
    static ContextWindows contextWindows(LlmRouterEndpoint endpoint, OpenRouterClient client) {
        LlmRouterConfiguration c = endpoint.getConfiguration();
        boolean hasPrices = trim(c.getPricingCatalog()) != null || c.getMaxCostPerRequest() != null
                            || c.getBudget() != null && !c.getBudget().isBlank();
        Supplier<PricingCatalog> catalog = hasPrices ? catalog(endpoint, client) : null;
        return new ContextWindows() {
            @Override
            public OptionalInt contextLength(String model) {
                if (catalog == null || model == null) {
                    return OptionalInt.empty();
                }
                try {
                    return catalog.get().contextLength(model);
                } catch (RuntimeException e) {
                    // prices not loaded: the window is not known, the model is tried
                    return OptionalInt.empty();
                }
            }

            @Override
            public int tokens(String model, ChatRequest request) {
                Integer max = request.maxTokens() != null ? request.maxTokens() : request.maxCompletionTokens();
                return CostAssembly.tokens().estimate(model, request) + (max == null ? 0 : max);
            }
        };
    }

    /** The prices: the pricingCatalog file, else the target's GET /models, one source per address. */
    private static Supplier<PricingCatalog> catalog(LlmRouterEndpoint endpoint, OpenRouterClient client) {
        LlmRouterConfiguration c = endpoint.getConfiguration();
        LlmRouterComponent component = endpoint.getComponent();
        String file = trim(c.getPricingCatalog());
        CatalogSource source;
        if (file != null) {
            source = component.runtime().catalogSource("file " + file, () -> {
                // the loader must give the file's models too: the first access refreshes even an initial catalog
                List<ModelInfo> models = readFile(endpoint, file);
                return CatalogSource.builder(() -> models).initial(PricingCatalog.of(models))
                        .refreshInterval(Duration.ofDays(36500)).build();
            });
        } else {
            source = component.runtime().catalogSource("models " + c.getBaseUrl(), () -> CatalogSource.asyncBuilder(
                    () -> models(client)).refreshInterval(Duration.ofMillis(component.getPricingRefreshInterval()))
                    .retryDelay(Duration.ofMinutes(1)).build());
            try {
                source.catalog();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(CostAssembly.class).warn(
                        "The prices could not be read from {} at start ({}); the first call will try again",
                        c.getBaseUrl(), e.getMessage());
            }
        }
        // on the path of a call, never wait for an answer that needs the completion threads
        return source::catalogWithoutWaiting;
    }

    private static List<ModelInfo> readFile(LlmRouterEndpoint endpoint, String uri) {
        try (InputStream in = ResourceHelper.resolveMandatoryResourceAsInputStream(endpoint.getCamelContext(), uri)) {
            ModelInfo.ListResponse list = WireJson.mapper().readValue(in, ModelInfo.ListResponse.class);
            return list == null || list.data() == null ? List.of() : list.data();
        } catch (Exception e) {
            throw new IllegalArgumentException("Invalid pricingCatalog '" + uri + "': " + e.getMessage(), e);
        }
    }

    private static CompletableFuture<List<ModelInfo>> models(OpenRouterClient client) {
        CompletableFuture<List<ModelInfo>> f = new CompletableFuture<>();
        client.call("/models", null, ModelInfo.ListResponse.class, new ResultCallback<>() {
            @Override
            public void onSuccess(ModelInfo.ListResponse result) {
                f.complete(result.data() == null ? List.of() : result.data());
            }

            @Override
            public void onFailure(RuntimeException failure) {
                f.completeExceptionally(failure);
            }
        });
        return f;
    }

    /** One token estimator for the JVM: loading an encoding takes a moment, and it is immutable. */
    public static TokenEstimator tokens() {
        TokenEstimator t = tokens;
        if (t == null) {
            synchronized (CostAssembly.class) {
                if (tokens == null) {
                    tokens = TokenEstimator.defaults();
                }
                t = tokens;
            }
        }
        return t;
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
