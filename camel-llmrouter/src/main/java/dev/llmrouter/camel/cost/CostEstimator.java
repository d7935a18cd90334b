package dev.llmrouter.camel.cost;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

import dev.llmrouter.camel.wire.ChatMessage;
import dev.llmrouter.camel.wire.ChatRequest;
import dev.llmrouter.camel.wire.Plugin;
import dev.llmrouter.camel.wire.Usage;
import dev.llmrouter.camel.wire.WireJson;

/**
 * Worst-case cost of a request before it is sent, and the cost of a finished call from its token counts.
 * <p>
 * The worst case for a model is the sum of
 * <ul>
 * <li>estimated prompt tokens ({@link TokenEstimator}) × prompt price;</li>
 * <li>completion tokens × the higher of completion and internal-reasoning price, where completion tokens are
 * {@code max_tokens}; when the request has none, the model's context length minus the prompt tokens (when the
 * catalog knows it), else a default ({@value #DEFAULT_MAX_TOKENS} unless configured);</li>
 * <li>the per-request fee;</li>
 * <li>for the web plugin (enabled {@code {"id":"web"}}) or an {@code :online} model: {@code max_results} (default
 * {@value #DEFAULT_WEB_RESULTS}) × the model's {@code web_search} price, or, when the catalog lists none, the
 * configured fallback per result ({@link #DEFAULT_WEB_RESULT_PRICE}, OpenRouter's published Exa price);
 * native search ({@code web_search_options}) is not priced;</li>
 * <li>image parts in the messages × image price.</li>
 * </ul>
 * Prices come from the current catalog (a {@code Supplier}, so a {@link CatalogSource} can be plugged in); an
 * unknown model follows the {@link UnknownModelPolicy}. Instances are immutable and thread-safe.
 */
public final class CostEstimator {

    /** Completion tokens assumed when neither max_tokens nor the context length is known. */
    public static final int DEFAULT_MAX_TOKENS = 4096;
    /** Web results assumed when the web plugin gives no max_results. */
    public static final int DEFAULT_WEB_RESULTS = 5;
    /** USD per web result when the catalog lists no web_search price. */
    public static final BigDecimal DEFAULT_WEB_RESULT_PRICE = new BigDecimal("0.004");

    private final Supplier<PricingCatalog> catalog;
    private final TokenEstimator tokens;
    private final UnknownModelPolicy policy;
    private final Price worstCase;
    private final int defaultMaxTokens;
    private final BigDecimal webResultPrice;

    private CostEstimator(Builder b) {
        this.catalog = Objects.requireNonNull(b.catalog, "catalog");
        this.tokens = b.tokens;
        this.policy = b.policy;
        this.worstCase = b.worstCase;
        this.defaultMaxTokens = b.defaultMaxTokens;
        this.webResultPrice = b.webResultPrice;
        if (policy == UnknownModelPolicy.WORST_CASE && worstCase == null) {
            throw new IllegalArgumentException("unknownModelPolicy WORST_CASE needs a worstCasePrice");
        }
    }

    /** Starts configuring an estimator over a fixed catalog. */
    public static Builder builder(PricingCatalog catalog) {
        Objects.requireNonNull(catalog, "catalog");
        return new Builder(() -> catalog);
    }

    /** Starts configuring an estimator over a changing catalog, e.g. {@code source::catalog}. */
    public static Builder builder(Supplier<PricingCatalog> catalog) {
        return new Builder(catalog);
    }

    /**
     * The worst-case cost of sending {@code request} to its {@code model}.
     *
     * @throws dev.llmrouter.camel.error.UnknownModelPriceException when the model is unknown and the policy is
     *                                                              REJECT
     */
    public CostEstimate estimate(ChatRequest request) {
        return estimate(request, request.model());
    }

    /**
     * The highest worst-case estimate over the request's {@code model} and its {@code models} fallback list (any
     * of them may end up serving, and only that one is billed).
     */
    public CostEstimate estimateWorstOf(ChatRequest request) {
        List<String> fallbacks = request.models() == null ? List.of() : request.models();
        CostEstimate worst = request.model() == null ? null : estimate(request, request.model());
        for (int i = 0; i < fallbacks.size(); i++) {
            String m = fallbacks.get(i);
            // each model once, in order: the model, then the fallbacks not named before (the lists are short)
            if ((request.model() != null && request.model().equals(m)) || fallbacks.indexOf(m) < i) {
                continue;
            }
            CostEstimate e = estimate(request, m);
            if (worst == null || e.total().compareTo(worst.total()) > 0) {
                worst = e;
            }
        }
        return worst == null ? estimate(request, null) : worst;
    }

    /** The worst-case cost of sending {@code request} to {@code model} (which overrides the request's). */
    public CostEstimate estimate(ChatRequest request, String model) {
        Objects.requireNonNull(request, "request");
        PricingCatalog cat = catalog.get();
        Optional<Price> known = cat.price(model);
        Price price = known.isPresent() ? known.get() : cat.priceOrElse(model, policy, worstCase);
        int prompt = tokens.estimate(model, request);
        OptionalInt context = cat.contextLength(model);
        CostEstimate.CompletionBound bound = completionBound(request, context);
        int completion = completionTokens(request, context, prompt);
        BigDecimal promptCost = price.prompt().multiply(BigDecimal.valueOf(prompt));
        BigDecimal completionPrice = price.completion().max(price.internalReasoning());
        BigDecimal completionCost = completionPrice.multiply(BigDecimal.valueOf(completion));
        int results = webResults(request, model);
        BigDecimal perResult = price.webSearch().signum() > 0 ? price.webSearch() : webResultPrice;
        BigDecimal webCost = perResult.multiply(BigDecimal.valueOf(results));
        BigDecimal imageCost = price.image().multiply(BigDecimal.valueOf(images(request.messages())));
        // a part that is nothing (no web results, no images, no per-request fee, as for most calls) adds nothing
        BigDecimal total = plus(plus(plus(promptCost.add(completionCost), price.request()), webCost), imageCost);
        return new CostEstimate(model, prompt, completion, promptCost, completionCost, price.request(), webCost,
                imageCost, total, known.isPresent(), price.prompt(), completionPrice, bound);
    }

    /** {@code a + b}, or {@code a} itself when {@code b} is zero (the sum is equal, without a new instance). */
    private static BigDecimal plus(BigDecimal a, BigDecimal b) {
        return b.signum() == 0 && b.scale() <= a.scale() ? a : a.add(b);
    }

    /** The prices estimates use now (the current catalog of a refreshing source). */
    public PricingCatalog catalog() {
        return catalog.get();
    }

    /**
     * The price an estimate for {@code model} uses: the catalog's, else the unknown-model policy's.
     *
     * @throws dev.llmrouter.camel.error.UnknownModelPriceException when the model is unknown and the policy is
     *                                                              REJECT
     */
    public Price priceOf(String model) {
        PricingCatalog cat = catalog.get();
        Optional<Price> known = cat.price(model);
        return known.isPresent() ? known.get() : cat.priceOrElse(model, policy, worstCase);
    }

    private static CostEstimate.CompletionBound completionBound(ChatRequest request, OptionalInt contextLength) {
        if (request.maxTokens() != null) {
            return CostEstimate.CompletionBound.MAX_TOKENS;
        }
        if (request.maxCompletionTokens() != null) {
            return CostEstimate.CompletionBound.MAX_COMPLETION_TOKENS;
        }
        return contextLength.isPresent() ? CostEstimate.CompletionBound.CONTEXT_WINDOW
                : CostEstimate.CompletionBound.DEFAULT;
    }

    private int completionTokens(ChatRequest request, OptionalInt contextLength, int prompt) {
        if (request.maxTokens() != null) {
            return Math.max(0, request.maxTokens());
        }
        if (request.maxCompletionTokens() != null) {
            return Math.max(0, request.maxCompletionTokens());
        }
        if (contextLength.isPresent()) {
            return Math.max(0, contextLength.getAsInt() - prompt);
        }
        return defaultMaxTokens;
    }

    private static int webResults(ChatRequest request, String model) {
        if (request.plugins() != null) {
            for (Plugin p : request.plugins()) {
                if (p != null && Plugin.WEB.equals(p.id()) && !Boolean.FALSE.equals(p.enabled())) {
                    return p.maxResults() == null ? DEFAULT_WEB_RESULTS : Math.max(0, p.maxResults());
                }
            }
        }
        return PricingCatalog.isOnline(model) ? DEFAULT_WEB_RESULTS : 0;
    }

    /** The number of image content parts over all messages. */
    static int images(List<ChatMessage> messages) {
        int n = 0;
        if (messages != null) {
            for (ChatMessage m : messages) {
                if (m != null && m.content() instanceof List<?> parts) {
                    for (Object part : parts) {
                        if (part != null && !(part instanceof CharSequence)) {
                            Map<?, ?> map = part instanceof Map<?, ?> mm ? mm
                                    : WireJson.mapper().convertValue(part, Map.class);
                            n += TokenEstimator.isImage(String.valueOf(map.get("type"))) ? 1 : 0;
                        }
                    }
                }
            }
        }
        return n;
    }

    /**
     * What a finished call cost: {@code usage.cost} when the target reported it, else {@link #computeCost}.
     * Returns null when neither is possible (no usage and no price).
     */
    public static BigDecimal actualCost(Usage usage, Price price) {
        if (usage != null && usage.cost() != null) {
            return usage.cost();
        }
        return usage == null || price == null ? null : computeCost(usage, price);
    }

    /**
     * The cost of a call computed from its token counts and a price: uncached prompt tokens at the prompt price,
     * cached ones at the cache-read price, cache writes at the cache-write price, non-reasoning completion tokens
     * at the completion price, reasoning tokens at the internal-reasoning price, plus the request fee and web
     * search requests × web search price. Missing counts are zero.
     */
    public static BigDecimal computeCost(Usage usage, Price price) {
        long prompt = n(usage.promptTokens());
        long cached = usage.promptTokensDetails() == null ? 0 : n(usage.promptTokensDetails().cachedTokens());
        long written = usage.promptTokensDetails() == null ? 0 : n(usage.promptTokensDetails().cacheWriteTokens());
        long completion = n(usage.completionTokens());
        long reasoning = usage.completionTokensDetails() == null ? 0
                : n(usage.completionTokensDetails().reasoningTokens());
        long searches = usage.serverToolUseDetails() == null ? 0
                : n(usage.serverToolUseDetails().webSearchRequests());
        cached = Math.min(cached, prompt);
        written = Math.min(written, prompt - cached);
        reasoning = Math.min(reasoning, completion);
        List<BigDecimal> parts = new ArrayList<>();
        parts.add(price.prompt().multiply(BigDecimal.valueOf(prompt - cached - written)));
        parts.add(price.cacheRead().multiply(BigDecimal.valueOf(cached)));
        parts.add(price.cacheWrite().multiply(BigDecimal.valueOf(written)));
        parts.add(price.completion().multiply(BigDecimal.valueOf(completion - reasoning)));
        parts.add(price.internalReasoning().multiply(BigDecimal.valueOf(reasoning)));
        parts.add(price.request());
        parts.add(price.webSearch().multiply(BigDecimal.valueOf(searches)));
        return parts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static long n(Integer v) {
        return v == null ? 0 : Math.max(0, v);
    }

    /** Configures a {@link CostEstimator}. */
    public static final class Builder {
        private final Supplier<PricingCatalog> catalog;
        private TokenEstimator tokens = TokenEstimator.defaults();
        private UnknownModelPolicy policy = UnknownModelPolicy.REJECT;
        private Price worstCase;
        private int defaultMaxTokens = DEFAULT_MAX_TOKENS;
        private BigDecimal webResultPrice = DEFAULT_WEB_RESULT_PRICE;

        private Builder(Supplier<PricingCatalog> catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
        }

        /** The prompt token estimator; default {@link TokenEstimator#defaults()}. */
        public Builder tokenEstimator(TokenEstimator value) {
            this.tokens = Objects.requireNonNull(value, "tokenEstimator");
            return this;
        }

        /** REJECT (default) or WORST_CASE with {@link #worstCasePrice}. */
        public Builder unknownModelPolicy(UnknownModelPolicy value) {
            this.policy = Objects.requireNonNull(value, "unknownModelPolicy");
            return this;
        }

        /** The price assumed for unknown models under WORST_CASE. */
        public Builder worstCasePrice(Price value) {
            this.worstCase = value;
            return this;
        }

        /** Completion tokens assumed without max_tokens and context length; default 4096. */
        public Builder defaultMaxTokens(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("defaultMaxTokens must not be negative, got " + value);
            }
            this.defaultMaxTokens = value;
            return this;
        }

        /** USD per web result when the catalog lists no web_search price; default 0.004. Zero disables. */
        public Builder webResultPrice(BigDecimal value) {
            if (value == null || value.signum() < 0) {
                throw new IllegalArgumentException("webResultPrice must be zero or positive, got " + value);
            }
            this.webResultPrice = value;
            return this;
        }

        /** The configured estimator. */
        public CostEstimator build() {
            return new CostEstimator(this);
        }
    }
}
