package dev.llmrouter.camel.cost;

import java.math.BigDecimal;
import java.util.Objects;

import dev.llmrouter.camel.wire.ModelInfo;

/**
 * What one model charges, in USD. Token prices ({@code prompt}, {@code completion}, {@code internalReasoning},
 * {@code cacheRead}, {@code cacheWrite}) are per token; {@code request} is per request, {@code image} per input
 * image and {@code webSearch} per web search result. No component is ever null.
 *
 * @param prompt            USD per prompt token
 * @param completion        USD per completion token
 * @param request           USD per request
 * @param image             USD per input image
 * @param webSearch         USD per web search result
 * @param internalReasoning USD per reasoning token
 * @param cacheRead         USD per prompt token read from the prompt cache
 * @param cacheWrite        USD per prompt token written to the prompt cache
 */
public record Price(BigDecimal prompt, BigDecimal completion, BigDecimal request, BigDecimal image,
                    BigDecimal webSearch, BigDecimal internalReasoning, BigDecimal cacheRead, BigDecimal cacheWrite) {

    /** Everything free. */
    public static final Price ZERO = new Price(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
            BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    /** Rejects null components and negative prices. */
    public Price {
        prompt = check(prompt, "prompt");
        completion = check(completion, "completion");
        request = check(request, "request");
        image = check(image, "image");
        webSearch = check(webSearch, "webSearch");
        internalReasoning = check(internalReasoning, "internalReasoning");
        cacheRead = check(cacheRead, "cacheRead");
        cacheWrite = check(cacheWrite, "cacheWrite");
    }

    private static BigDecimal check(BigDecimal v, String field) {
        Objects.requireNonNull(v, () -> "Price." + field + " must not be null");
        if (v.signum() < 0) {
            throw new IllegalArgumentException("Price." + field + " must not be negative: " + v.toPlainString());
        }
        return v;
    }

    /**
     * A price with only prompt and completion token prices; reasoning is billed like completion, cache reads and
     * writes like prompt tokens, everything else free.
     */
    public static Price of(String promptPerToken, String completionPerToken) {
        BigDecimal p = new BigDecimal(promptPerToken);
        BigDecimal c = new BigDecimal(completionPerToken);
        return new Price(p, c, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, c, p, p);
    }

    /**
     * Converts the catalog's pricing. Absent values become: {@code internalReasoning} = completion price,
     * {@code cacheRead}/{@code cacheWrite} = prompt price (the conservative reading: no discount known), all
     * others zero. A null pricing object gives {@link #ZERO}.
     */
    public static Price from(ModelInfo.Pricing p) {
        if (p == null) {
            return ZERO;
        }
        BigDecimal prompt = orZero(p.prompt());
        BigDecimal completion = orZero(p.completion());
        return new Price(prompt, completion, orZero(p.request()), orZero(p.image()), orZero(p.webSearch()),
                or(p.internalReasoning(), completion), or(p.inputCacheRead(), prompt),
                or(p.inputCacheWrite(), prompt));
    }

    /** A copy with another per-request fee. */
    public Price withRequest(BigDecimal perRequest) {
        return new Price(prompt, completion, perRequest, image, webSearch, internalReasoning, cacheRead, cacheWrite);
    }

    /** A copy with another per-image price. */
    public Price withImage(BigDecimal perImage) {
        return new Price(prompt, completion, request, perImage, webSearch, internalReasoning, cacheRead, cacheWrite);
    }

    /** A copy with another per-web-result price. */
    public Price withWebSearch(BigDecimal perResult) {
        return new Price(prompt, completion, request, image, perResult, internalReasoning, cacheRead, cacheWrite);
    }

    private static BigDecimal orZero(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v.max(BigDecimal.ZERO);
    }

    private static BigDecimal or(BigDecimal v, BigDecimal fallback) {
        return v == null ? fallback : v.max(BigDecimal.ZERO);
    }
}
