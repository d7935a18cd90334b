package dev.llmrouter.camel.plan;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.llmrouter.camel.error.PolicyViolationException;
import dev.llmrouter.camel.wire.ChatRequest;
import dev.llmrouter.camel.wire.ProviderPreferences;

/**
 * Option {@code headerPolicy=narrow}: what a message carries (policy headers, the policy fields of a
 * {@link ChatRequest} body, and the same fields passed as extra body keys) may make the call stricter than the
 * endpoint's options, never looser. "The endpoint's value" is the request template the options make (component,
 * profile and endpoint options merged); an option the endpoint does not set restricts nothing, so any message value
 * is at least as strict. The checks run before the request is built, so a refusal sends and reserves nothing.
 * <p>
 * What counts as stricter: {@code zdr} true over false or unset; {@code data_collection} deny over allow;
 * {@code ignore} a superset of the endpoint's list; {@code only} a non-empty subset of the endpoint's list (any
 * list when the endpoint has none); each {@code max_price} field and each token cap lower or equal. A token cap the
 * endpoint does not set is measured against the other one it sets ({@code max_tokens} against
 * {@code maxCompletionTokens} and back), since a server may honour either. Provider names compare as OpenRouter
 * matches them (display name or slug, ignoring case). Models are not checked here: {@code allowedModels} and {@code deniedModels} already check every model
 * a message names.
 */
public final class PolicyNarrowing {

    static final String ZDR = "CamelLlmRouterZdr";
    static final String PROVIDER_IGNORE = "CamelLlmRouterProviderIgnore";
    static final String MAX_PRICE_PROMPT = "CamelLlmRouterMaxPricePrompt";
    static final String MAX_PRICE_COMPLETION = "CamelLlmRouterMaxPriceCompletion";
    static final String MAX_TOKENS = "CamelLlmRouterMaxTokens";
    static final String MAX_COMPLETION_TOKENS = "CamelLlmRouterMaxCompletionTokens";
    static final String MAX_PRICE_REQUEST = "CamelLlmRouterMaxPriceRequest";
    static final String MAX_PRICE_IMAGE = "CamelLlmRouterMaxPriceImage";
    static final String DATA_COLLECTION = "CamelLlmRouterDataCollection";
    static final String PROVIDER_ONLY = "CamelLlmRouterProviderOnly";

    private static final ProviderPreferences NO_PROVIDER
            = new ProviderPreferences(null, null, null, null, null, null, null, null, null, null, null, null, null);
    private static final ProviderPreferences.MaxPrice NO_MAX_PRICE
            = new ProviderPreferences.MaxPrice(null, null, null, null, null);

    private PolicyNarrowing() {
    }

    /**
     * Checks the per-message headers against the endpoint's policy.
     *
     * @param  endpoint                 the endpoint's request template
     * @param  o                        the header overrides
     * @throws PolicyViolationException naming the first header that would loosen it
     */
    static void checkHeaders(ChatRequest endpoint, Overrides o) {
        ProviderPreferences p = provider(endpoint);
        ProviderPreferences.MaxPrice mp = maxPrice(p);
        zdr("header " + ZDR, o.zdr(), p);
        dataCollection("header " + DATA_COLLECTION, o.dataCollection(), p);
        ignore("header " + PROVIDER_IGNORE, o.providerIgnore(), p);
        only("header " + PROVIDER_ONLY, o.providerOnly(), p);
        price("header " + MAX_PRICE_PROMPT, o.maxPricePrompt(), "maxPricePrompt", mp.prompt());
        price("header " + MAX_PRICE_COMPLETION, o.maxPriceCompletion(), "maxPriceCompletion", mp.completion());
        price("header " + MAX_PRICE_REQUEST, o.maxPriceRequest(), "maxPriceRequest", mp.request());
        price("header " + MAX_PRICE_IMAGE, o.maxPriceImage(), "maxPriceImage", mp.image());
        tokens("header " + MAX_TOKENS, o.maxTokens(), endpoint, true);
        tokens("header " + MAX_COMPLETION_TOKENS, o.maxCompletionTokens(), endpoint, false);
        extra("header " + ExtraBody.HEADER, o.extraBody(), endpoint);
    }

    /**
     * Checks the policy fields a {@link ChatRequest} body sets against the endpoint's policy. The fields the body
     * leaves out are filled from the endpoint afterwards ({@link ChatRequest#orElse}), so they hold the policy.
     *
     * @throws PolicyViolationException naming the first field that would loosen it
     */
    static void checkBody(ChatRequest endpoint, ChatRequest body) {
        ProviderPreferences p = provider(endpoint);
        if (body.provider() != null) {
            provider("body field provider.", body.provider(), p);
        }
        tokens("body field max_tokens", body.maxTokens(), endpoint, true);
        tokens("body field max_completion_tokens", body.maxCompletionTokens(), endpoint, false);
        extra("body extra", body.extra(), endpoint);
    }

    private static void provider(String prefix, ProviderPreferences message, ProviderPreferences p) {
        zdr(prefix + "zdr", message.zdr(), p);
        dataCollection(prefix + "data_collection", message.dataCollection(), p);
        ignore(prefix + "ignore", message.ignore(), p);
        only(prefix + "only", message.only(), p);
        ProviderPreferences.MaxPrice mp = maxPrice(p);
        ProviderPreferences.MaxPrice m = message.maxPrice();
        if (m != null) {
            price(prefix + "max_price.prompt", m.prompt(), "maxPricePrompt", mp.prompt());
            price(prefix + "max_price.completion", m.completion(), "maxPriceCompletion", mp.completion());
            price(prefix + "max_price.request", m.request(), "maxPriceRequest", mp.request());
            price(prefix + "max_price.image", m.image(), "maxPriceImage", mp.image());
            price(prefix + "max_price.audio", m.audio(), "maxPriceAudio", mp.audio());
        }
    }

    private static void zdr(String source, Boolean value, ProviderPreferences p) {
        if (Boolean.FALSE.equals(value) && Boolean.TRUE.equals(p.zdr())) {
            throw new PolicyViolationException(source, "false", "zdr", "true", "zdr may only be turned on");
        }
    }

    private static void dataCollection(String source, String value, ProviderPreferences p) {
        if (value != null && "deny".equals(p.dataCollection()) && !"deny".equals(value)) {
            throw new PolicyViolationException(source, value, "dataCollection", "deny",
                    "data collection may only be denied");
        }
    }

    private static void ignore(String source, List<String> value, ProviderPreferences p) {
        List<String> endpoint = p.ignore();
        if (value == null || endpoint == null || endpoint.isEmpty() || names(value).containsAll(names(endpoint))) {
            return;
        }
        throw new PolicyViolationException(source, text(value), "providerIgnore", text(endpoint),
                "the ignored providers may only grow, so the list must keep every provider of " + text(endpoint));
    }

    private static void only(String source, List<String> value, ProviderPreferences p) {
        List<String> endpoint = p.only();
        if (value == null || endpoint == null || endpoint.isEmpty()
            || !value.isEmpty() && names(endpoint).containsAll(names(value))) {
            return;
        }
        throw new PolicyViolationException(source, text(value), "providerOnly", text(endpoint),
                "the allowed providers may only shrink, so the list must name one or more of " + text(endpoint)
                + " and no other");
    }

    private static void price(String source, Object value, String option, String endpoint) {
        if (value == null || endpoint == null) {
            return;
        }
        BigDecimal limit = new BigDecimal(endpoint);
        BigDecimal asked = decimal(value);
        if (asked != null && asked.signum() >= 0 && asked.compareTo(limit) <= 0) {
            return;
        }
        throw new PolicyViolationException(source, shown(value), option, endpoint,
                "a price cap may only be lowered (to " + endpoint + " or less)");
    }

    private static void tokens(String source, Object value, ChatRequest endpoint, boolean maxTokensField) {
        if (value == null) {
            return;
        }
        Integer own = maxTokensField ? endpoint.maxTokens() : endpoint.maxCompletionTokens();
        Integer other = maxTokensField ? endpoint.maxCompletionTokens() : endpoint.maxTokens();
        Integer limit = own != null ? own : other;
        if (limit == null) {
            return;
        }
        boolean capIsMaxTokens = own != null ? maxTokensField : !maxTokensField;
        String option = capIsMaxTokens ? "maxTokens" : "maxCompletionTokens";
        BigDecimal asked = decimal(value);
        if (asked != null && asked.compareTo(BigDecimal.valueOf(limit)) <= 0) {
            return;
        }
        throw new PolicyViolationException(source, shown(value), option, String.valueOf(limit),
                "a token cap may only be lowered (to " + limit + " or less)");
    }

    /**
     * Extra body keys are held to the token caps too: an extra {@code max_completion_tokens} next to the endpoint's
     * {@code maxTokens} is a field the request does not set, so {@link ExtraBody} lets it through. An extra
     * {@code provider} needs no check: it is refused as a field the request sets whenever the endpoint sets any
     * provider option, and without one there is no provider policy to loosen.
     */
    private static void extra(String source, Map<String, Object> extra, ChatRequest endpoint) {
        if (extra == null || extra.isEmpty()) {
            return;
        }
        tokens(source + " key 'max_tokens'", extra.get("max_tokens"), endpoint, true);
        tokens(source + " key 'max_completion_tokens'", extra.get("max_completion_tokens"), endpoint, false);
    }

    /**
     * Provider names as OpenRouter matches them, by display name or slug, ignoring case: "Amazon Bedrock",
     * "amazon-bedrock" and "AMAZON BEDROCK" are one provider.
     */
    private static Set<String> names(List<String> providers) {
        Set<String> out = new HashSet<>();
        for (String provider : providers) {
            if (provider != null) {
                out.add(provider.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                        .replaceAll("^-|-$", ""));
            }
        }
        return out;
    }

    private static ProviderPreferences provider(ChatRequest endpoint) {
        return endpoint.provider() == null ? NO_PROVIDER : endpoint.provider();
    }

    private static ProviderPreferences.MaxPrice maxPrice(ProviderPreferences p) {
        return p.maxPrice() == null ? NO_MAX_PRICE : p.maxPrice();
    }

    private static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Number || value instanceof CharSequence
            || value instanceof com.fasterxml.jackson.databind.node.ValueNode) {
            String s = value instanceof com.fasterxml.jackson.databind.JsonNode n ? n.asText() : value.toString();
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static String shown(Object value) {
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return value instanceof List<?> list ? text(list) : String.valueOf(value);
    }

    private static String text(List<?> list) {
        if (list.isEmpty()) {
            return "(empty list)";
        }
        StringBuilder sb = new StringBuilder();
        for (Object o : list) {
            sb.append(sb.length() == 0 ? "" : ",").append(o);
        }
        return sb.toString();
    }
}
