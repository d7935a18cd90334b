package dev.llmrouter.test;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * One provider (endpoint) serving a model in the emulator's catalog.
 *
 * @param name            provider display name as OpenRouter reports it, e.g. {@code "Amazon Bedrock"}
 * @param promptPrice     USD per prompt token
 * @param completionPrice USD per completion token
 * @param requestPrice    USD per request
 * @param imagePrice      USD per input image
 * @param webSearchPrice  USD per web search (added when the web plugin or {@code :online} is used)
 * @param zdr             whether the endpoint has zero data retention
 * @param collectsData    whether the provider stores or trains on prompts ({@code data_collection: deny} skips it)
 * @param quantization    quantization such as {@code fp8}, or null when unknown
 */
public record EmulatorProvider(String name, BigDecimal promptPrice, BigDecimal completionPrice,
        BigDecimal requestPrice, BigDecimal imagePrice, BigDecimal webSearchPrice,
        boolean zdr, boolean collectsData, String quantization) {

    /**
     * Validates the name and replaces null prices with zero.
     *
     * @param name provider name
     * @param promptPrice USD per prompt token
     * @param completionPrice USD per completion token
     * @param requestPrice USD per request
     * @param imagePrice USD per image
     * @param webSearchPrice USD per web search
     * @param zdr zero data retention
     * @param collectsData stores or trains on prompts
     * @param quantization quantization, or null
     */
    public EmulatorProvider {
        Objects.requireNonNull(name, "name");
        promptPrice = orZero(promptPrice);
        completionPrice = orZero(completionPrice);
        requestPrice = orZero(requestPrice);
        imagePrice = orZero(imagePrice);
        webSearchPrice = orZero(webSearchPrice);
    }

    /**
     * USD per prompt token read from the prompt cache: a tenth of the prompt price (as Anthropic bills reads).
     *
     * @return the cache read price
     */
    public BigDecimal cacheReadPrice() {
        return promptPrice.divide(BigDecimal.TEN);
    }

    /**
     * USD per prompt token written to the prompt cache: 1.25 times the prompt price (a five-minute write at Anthropic).
     *
     * @return the cache write price
     */
    public BigDecimal cacheWritePrice() {
        return promptPrice.multiply(new BigDecimal("1.25"));
    }

    /**
     * A provider with only token prices; everything else zero, false or unknown.
     *
     * @param name            provider name
     * @param promptPrice     USD per prompt token, as a decimal string
     * @param completionPrice USD per completion token, as a decimal string
     * @return the provider
     */
    public static EmulatorProvider of(String name, String promptPrice, String completionPrice) {
        return new EmulatorProvider(name, new BigDecimal(promptPrice), new BigDecimal(completionPrice),
                null, null, null, false, false, null);
    }

    /**
     * The provider's slug as used in routing preferences: lower case, runs of other characters as {@code -}.
     *
     * @return e.g. {@code amazon-bedrock} for "Amazon Bedrock"
     */
    public String slug() {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    /** True when a routing preference names this provider, by display name or slug, ignoring case. */
    boolean matches(String nameOrSlug) {
        if (nameOrSlug == null) {
            return false;
        }
        String wanted = nameOrSlug.trim();
        return name.equalsIgnoreCase(wanted) || slug().equalsIgnoreCase(wanted)
                || slug().equals(wanted.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
    }

    private static BigDecimal orZero(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }
}
