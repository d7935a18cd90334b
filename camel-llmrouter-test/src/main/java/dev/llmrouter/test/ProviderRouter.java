package dev.llmrouter.test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Chooses and orders a model's providers from the request's {@code provider} preferences, the way
 * OpenRouter documents it: filters ({@code only}, {@code ignore}, {@code zdr}, {@code data_collection},
 * {@code quantizations}, {@code max_price}), then {@code order} first, then {@code sort} or catalog order;
 * {@code allow_fallbacks: false} keeps only the ordered providers (or the first one).
 */
final class ProviderRouter {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private ProviderRouter() {
    }

    /** The providers to try, in order; empty when none qualifies. */
    static List<EmulatorProvider> route(EmulatorModel model, JsonNode prefs, ModelSlug slug) {
        List<EmulatorProvider> eligible = new ArrayList<>();
        for (EmulatorProvider p : model.providers()) {
            if (qualifies(p, prefs)) {
                eligible.add(p);
            }
        }
        String sort = sortBy(prefs, slug);
        if ("price".equals(sort)) {
            eligible.sort(Comparator.comparing(ProviderRouter::tokenPrice));
        }
        List<EmulatorProvider> ordered = new ArrayList<>();
        for (JsonNode wanted : prefs.path("order")) {
            for (EmulatorProvider p : eligible) {
                if (p.matches(wanted.asText()) && !ordered.contains(p)) {
                    ordered.add(p);
                }
            }
        }
        boolean fallbacks = prefs.path("allow_fallbacks").asBoolean(true);
        if (!fallbacks) {
            if (ordered.isEmpty() && !eligible.isEmpty() && prefs.path("order").size() == 0) {
                ordered.add(eligible.get(0));
            }
            return ordered;
        }
        for (EmulatorProvider p : eligible) {
            if (!ordered.contains(p)) {
                ordered.add(p);
            }
        }
        return ordered;
    }

    /** The sort key: {@code sort} as a string or {@code {by}}, else {@code price} for {@code :floor}. */
    static String sortBy(JsonNode prefs, ModelSlug slug) {
        JsonNode sort = prefs.path("sort");
        String by = sort.isTextual() ? sort.asText() : Json.text(sort.get("by"));
        if (by == null && slug.has("floor")) {
            by = "price";
        }
        if (by == null && slug.has("nitro")) {
            by = "throughput";
        }
        return by == null ? null : by.toLowerCase(Locale.ROOT);
    }

    private static BigDecimal tokenPrice(EmulatorProvider p) {
        return p.promptPrice().add(p.completionPrice());
    }

    static boolean qualifies(EmulatorProvider p, JsonNode prefs) {
        if (prefs.has("only") && prefs.get("only").isArray() && !named(p, prefs.get("only"))) {
            return false;
        }
        if (named(p, prefs.path("ignore"))) {
            return false;
        }
        if (prefs.path("zdr").asBoolean(false) && !p.zdr()) {
            return false;
        }
        if ("deny".equalsIgnoreCase(prefs.path("data_collection").asText()) && p.collectsData()) {
            return false;
        }
        JsonNode quantizations = prefs.path("quantizations");
        if (quantizations.isArray() && quantizations.size() > 0) {
            String q = p.quantization() == null ? "unknown" : p.quantization();
            boolean found = false;
            for (JsonNode wanted : quantizations) {
                found |= q.equalsIgnoreCase(wanted.asText());
            }
            if (!found) {
                return false;
            }
        }
        return withinMaxPrice(p, prefs.path("max_price"));
    }

    private static boolean named(EmulatorProvider p, JsonNode names) {
        for (JsonNode n : names) {
            if (p.matches(n.asText())) {
                return true;
            }
        }
        return false;
    }

    /** prompt/completion limits are USD per million tokens; request and image limits are per unit. */
    private static boolean withinMaxPrice(EmulatorProvider p, JsonNode max) {
        return within(p.promptPrice().multiply(MILLION), max.get("prompt"))
                && within(p.completionPrice().multiply(MILLION), max.get("completion"))
                && within(p.requestPrice(), max.get("request"))
                && within(p.imagePrice(), max.get("image"));
    }

    private static boolean within(BigDecimal price, JsonNode limitNode) {
        BigDecimal limit = Json.decimal(limitNode);
        return limit == null || price.compareTo(limit) <= 0;
    }
}
