package dev.llmrouter.camel.cost;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import dev.llmrouter.camel.error.UnknownModelPriceException;
import dev.llmrouter.camel.wire.ModelInfo;
import dev.llmrouter.camel.wire.WireJson;

/**
 * An immutable model → {@link Price} table, usually built from OpenRouter's {@code GET /models} answer.
 * <p>
 * Lookup first tries the exact model id; when that fails, OpenRouter's variant suffixes are stripped from the end
 * (repeatedly, so {@code x:free:online} works) and the base id is looked up:
 * <ul>
 * <li>{@code :free} prices at {@link Price#ZERO} when the base model is listed (free variants are billed nothing;
 * the exact {@code x:free} entry, when the catalog has one, wins anyway);</li>
 * <li>{@code :nitro}, {@code :floor}, {@code :exacto}, {@code :thinking} and {@code :online} price like the base
 * model. {@code :online} additionally runs the web plugin; its per-result fee is added by
 * {@link CostEstimator}, not here (see {@link #isOnline(String)}).</li>
 * </ul>
 * Models listed with a negative prompt or completion price (OpenRouter uses {@code -1} for routers such as
 * {@code openrouter/auto} whose price depends on the model chosen) are treated as unknown.
 */
public final class PricingCatalog {

    private static final Set<String> SAME_AS_BASE = Set.of("nitro", "floor", "exacto", "thinking", "online");
    private static final String FREE = "free";

    private final Map<String, Entry> entries;

    private record Entry(Price price, Integer contextLength) {
    }

    private PricingCatalog(Map<String, Entry> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    /** An empty catalog: every lookup misses. */
    public static PricingCatalog empty() {
        return new PricingCatalog(new LinkedHashMap<>());
    }

    /** Builds a catalog from the {@code data} entries of {@code GET /models}; entries without an id are skipped. */
    public static PricingCatalog of(List<ModelInfo> models) {
        Builder b = builder();
        if (models != null) {
            for (ModelInfo m : models) {
                if (m == null || m.id() == null || m.id().isBlank() || unpriced(m.pricing())) {
                    continue;
                }
                b.add(m.id(), Price.from(m.pricing()), m.contextLength());
            }
        }
        return b.build();
    }

    private static boolean unpriced(ModelInfo.Pricing p) {
        return p == null || (p.prompt() != null && p.prompt().signum() < 0)
                || (p.completion() != null && p.completion().signum() < 0);
    }

    /** Reads a {@code {"data":[...]}} document (the shape of {@code GET /models}). The stream is not closed. */
    public static PricingCatalog fromJson(InputStream in) {
        try {
            ModelInfo.ListResponse list = WireJson.mapper().readValue(in, ModelInfo.ListResponse.class);
            return of(list == null ? List.of() : list.data());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the model catalog JSON", e);
        }
    }

    /** Reads a {@code {"data":[...]}} file. */
    public static PricingCatalog fromJson(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the model catalog " + file, e);
        }
    }

    /** Starts a catalog built in code. */
    public static Builder builder() {
        return new Builder();
    }

    /** The price of a model, following the suffix rules of the class description; empty when unknown. */
    public Optional<Price> price(String model) {
        Entry e = lookup(model);
        return e == null ? Optional.empty() : Optional.of(e.price);
    }

    /** The context window of a model (suffix rules as for {@link #price}); empty when unknown. */
    public OptionalInt contextLength(String model) {
        Entry e = lookup(model);
        return e == null || e.contextLength == null ? OptionalInt.empty() : OptionalInt.of(e.contextLength);
    }

    /**
     * The price of a model under a policy: the catalog price when known; else {@code worstCase} for
     * {@link UnknownModelPolicy#WORST_CASE}, or an {@link UnknownModelPriceException} for
     * {@link UnknownModelPolicy#REJECT}.
     */
    public Price priceOrElse(String model, UnknownModelPolicy policy, Price worstCase) {
        Optional<Price> p = price(model);
        if (p.isPresent()) {
            return p.get();
        }
        if (policy == UnknownModelPolicy.WORST_CASE && worstCase != null) {
            return worstCase;
        }
        throw new UnknownModelPriceException(model);
    }

    /** Whether the model id carries the {@code :online} suffix (web search on every call). */
    public static boolean isOnline(String model) {
        if (model == null) {
            return false;
        }
        String m = model.toLowerCase(Locale.ROOT);
        int colon;
        while ((colon = m.lastIndexOf(':')) > 0) {
            String suffix = m.substring(colon + 1);
            if (suffix.equals("online")) {
                return true;
            }
            if (!suffix.equals(FREE) && !SAME_AS_BASE.contains(suffix)) {
                return false;
            }
            m = m.substring(0, colon);
        }
        return false;
    }

    /** The model ids listed, in catalog order. */
    public Set<String> models() {
        return entries.keySet();
    }

    /** The number of priced models. */
    public int size() {
        return entries.size();
    }

    private Entry lookup(String model) {
        if (model == null || model.isBlank()) {
            return null;
        }
        String id = model.trim();
        boolean free = false;
        while (true) {
            Entry e = entries.get(id);
            if (e != null) {
                return free ? new Entry(Price.ZERO, e.contextLength) : e;
            }
            int colon = id.lastIndexOf(':');
            if (colon <= 0) {
                return null;
            }
            String suffix = id.substring(colon + 1).toLowerCase(Locale.ROOT);
            if (suffix.equals(FREE)) {
                free = true;
            } else if (!SAME_AS_BASE.contains(suffix)) {
                return null;
            }
            id = id.substring(0, colon);
        }
    }

    /** Collects prices for {@link PricingCatalog#builder()}; a later {@code add} of the same id replaces it. */
    public static final class Builder {
        private final Map<String, Entry> entries = new LinkedHashMap<>();

        private Builder() {
        }

        /** Adds a model with its price and no known context length. */
        public Builder add(String model, Price price) {
            return add(model, price, null);
        }

        /** Adds a model with its price and context length (null when unknown). */
        public Builder add(String model, Price price, Integer contextLength) {
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException("model must not be blank");
            }
            if (price == null) {
                throw new IllegalArgumentException("price of model '" + model + "' must not be null");
            }
            entries.put(model.trim(), new Entry(price, contextLength));
            return this;
        }

        /** Adds a model priced per token from decimal strings, as {@link Price#of(String, String)}. */
        public Builder add(String model, String promptPerToken, String completionPerToken) {
            return add(model, Price.of(promptPerToken, completionPerToken));
        }

        /** The finished, immutable catalog. */
        public PricingCatalog build() {
            return new PricingCatalog(new LinkedHashMap<>(entries));
        }
    }
}
