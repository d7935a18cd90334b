package dev.llmrouter.camel.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * OpenRouter's {@code provider} object (spec {@code ProviderPreferences}, which forbids unknown fields).
 *
 * @param sort                   a String ({@code price|throughput|latency|exacto}) or a {@link SortConfig}
 * @param preferredMinThroughput a Number or a {@link Percentiles}
 * @param preferredMaxLatency    a Number or a {@link Percentiles}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProviderPreferences(
        List<String> order,
        Boolean allowFallbacks,
        Boolean requireParameters,
        String dataCollection,
        Boolean zdr,
        Boolean enforceDistillableText,
        List<String> only,
        List<String> ignore,
        List<String> quantizations,
        Object sort,
        MaxPrice maxPrice,
        Object preferredMinThroughput,
        Object preferredMaxLatency) {

    /** True when no field is set (such an object is not sent). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmpty() {
        return order == null && allowFallbacks == null && requireParameters == null && dataCollection == null
               && zdr == null && enforceDistillableText == null && only == null && ignore == null
               && quantizations == null && sort == null && maxPrice == null && preferredMinThroughput == null
               && preferredMaxLatency == null;
    }

    /** Field by field: this object's value where set, else {@code defaults}'. */
    public ProviderPreferences orElse(ProviderPreferences defaults) {
        if (defaults == null) {
            return this;
        }
        return new ProviderPreferences(
                Merge.first(order, defaults.order), Merge.first(allowFallbacks, defaults.allowFallbacks),
                Merge.first(requireParameters, defaults.requireParameters),
                Merge.first(dataCollection, defaults.dataCollection), Merge.first(zdr, defaults.zdr),
                Merge.first(enforceDistillableText, defaults.enforceDistillableText),
                Merge.first(only, defaults.only), Merge.first(ignore, defaults.ignore),
                Merge.first(quantizations, defaults.quantizations), Merge.first(sort, defaults.sort),
                maxPrice == null ? defaults.maxPrice : maxPrice.orElse(defaults.maxPrice),
                Merge.first(preferredMinThroughput, defaults.preferredMinThroughput),
                Merge.first(preferredMaxLatency, defaults.preferredMaxLatency));
    }

    public ProviderPreferences withSort(Object newSort) {
        return new ProviderPreferences(order, allowFallbacks, requireParameters, dataCollection, zdr,
                enforceDistillableText, only, ignore, quantizations, newSort, maxPrice, preferredMinThroughput,
                preferredMaxLatency);
    }

    public ProviderPreferences withOrder(List<String> newOrder) {
        return new ProviderPreferences(newOrder, allowFallbacks, requireParameters, dataCollection, zdr,
                enforceDistillableText, only, ignore, quantizations, sort, maxPrice, preferredMinThroughput,
                preferredMaxLatency);
    }

    public ProviderPreferences withIgnore(List<String> newIgnore) {
        return new ProviderPreferences(order, allowFallbacks, requireParameters, dataCollection, zdr,
                enforceDistillableText, only, newIgnore, quantizations, sort, maxPrice, preferredMinThroughput,
                preferredMaxLatency);
    }

    public ProviderPreferences withDataCollection(String newDataCollection) {
        return new ProviderPreferences(order, allowFallbacks, requireParameters, newDataCollection, zdr,
                enforceDistillableText, only, ignore, quantizations, sort, maxPrice, preferredMinThroughput,
                preferredMaxLatency);
    }

    public ProviderPreferences withOnly(List<String> newOnly) {
        return new ProviderPreferences(order, allowFallbacks, requireParameters, dataCollection, zdr,
                enforceDistillableText, newOnly, ignore, quantizations, sort, maxPrice, preferredMinThroughput,
                preferredMaxLatency);
    }

    public ProviderPreferences withZdr(Boolean newZdr) {
        return new ProviderPreferences(order, allowFallbacks, requireParameters, dataCollection, newZdr,
                enforceDistillableText, only, ignore, quantizations, sort, maxPrice, preferredMinThroughput,
                preferredMaxLatency);
    }

    public ProviderPreferences withMaxPrice(MaxPrice newMaxPrice) {
        return new ProviderPreferences(order, allowFallbacks, requireParameters, dataCollection, zdr,
                enforceDistillableText, only, ignore, quantizations, sort, newMaxPrice, preferredMinThroughput,
                preferredMaxLatency);
    }

    /** {@code sort} as an object: {@code by} and {@code partition} ({@code model|none}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SortConfig(String by, String partition) {
    }

    /**
     * {@code max_price}: prompt and completion in USD per million tokens, request per request, image per image.
     * The spec types the values as strings, so they are sent as plain decimal strings.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MaxPrice(String prompt, String completion, String request, String image, String audio) {

        public MaxPrice orElse(MaxPrice defaults) {
            if (defaults == null) {
                return this;
            }
            return new MaxPrice(Merge.first(prompt, defaults.prompt), Merge.first(completion, defaults.completion),
                    Merge.first(request, defaults.request), Merge.first(image, defaults.image),
                    Merge.first(audio, defaults.audio));
        }

        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean isEmpty() {
            return prompt == null && completion == null && request == null && image == null && audio == null;
        }
    }

    /** Percentile cut-offs for {@code preferred_min_throughput} (tokens/s) or {@code preferred_max_latency} (s). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Percentiles(Double p50, Double p75, Double p90, Double p99) {
    }
}
