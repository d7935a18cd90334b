package dev.llmrouter.camel.plan;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks for option and header values. Every failure is an {@link IllegalArgumentException} whose message names
 * the option (or header) and, for enumerations, the allowed values.
 */
public final class Validation {

    public static final List<String> SORTS = List.of("price", "throughput", "latency", "exacto");
    public static final List<String> SORT_PARTITIONS = List.of("model", "none");
    public static final List<String> DATA_COLLECTION = List.of("allow", "deny");
    public static final List<String> QUANTIZATIONS = List.of(
            "int4", "int8", "fp4", "mxfp4", "nvfp4", "fp6", "fp8", "mxfp8", "fp16", "bf16", "fp32", "unknown");
    public static final List<String> WEB_ENGINES = List.of("native", "exa", "firecrawl", "parallel", "perplexity");
    public static final List<String> WEB_CONTEXT_SIZES = List.of("low", "medium", "high");
    public static final List<String> PDF_ENGINES = List.of("mistral-ocr", "native", "cloudflare-ai");
    public static final List<String> TOOL_CHOICES = List.of("auto", "none", "required");
    public static final List<String> CONTEXT_COMPRESSION = List.of("middle-out");
    public static final List<String> REASONING_EFFORTS
            = List.of("max", "xhigh", "high", "medium", "low", "minimal", "none");
    public static final List<String> CACHE_TTLS = List.of("5m", "1h");
    public static final List<String> SERVICE_TIERS = List.of("auto", "default", "fast", "flex", "priority", "scale");
    public static final List<String> VERBOSITIES = List.of("low", "medium", "high");
    public static final List<String> MODALITIES = List.of("text", "image", "audio");
    public static final List<String> AUTO_ROUTER_COST_TIERS = List.of("low", "medium", "high", "xhigh", "max");
    private static final String PRESET = "@preset/";
    private static final java.util.regex.Pattern PRESET_SLUG = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final Set<String> PERCENTILES = Set.of("p50", "p75", "p90", "p99");

    private Validation() {
    }

    /** The value itself when it is one of {@code allowed} (or null); otherwise a failure listing them. */
    public static String oneOf(String option, String value, Collection<String> allowed) {
        if (value == null || allowed.contains(value)) {
            return value;
        }
        throw new IllegalArgumentException(
                "Invalid value '" + value + "' for " + option + ": allowed values are " + String.join(", ", allowed));
    }

    /**
     * A model slug as OpenRouter takes it; a preset ({@code @preset/slug}, alone or after a model as
     * {@code vendor/model@preset/slug}) must have a slug of lowercase letters, digits, {@code -} and {@code _}.
     */
    public static String model(String option, String value) {
        if (value == null) {
            return null;
        }
        int at = value.indexOf('@');
        if (at < 0) {
            return value;
        }
        String slug = value.startsWith(PRESET, at) ? value.substring(at + PRESET.length()) : null;
        if (slug == null || !PRESET_SLUG.matcher(slug).matches()) {
            throw new IllegalArgumentException("Invalid value '" + value + "' for " + option
                                               + ": a preset is written @preset/<slug> (or <model>@preset/<slug>),"
                                               + " the slug of lowercase letters, digits, - and _");
        }
        return value;
    }

    /** Each element of a model list, checked by {@link #model(String, String)}. */
    public static List<String> models(String option, List<String> values) {
        if (values != null) {
            for (String v : values) {
                model(option, v);
            }
        }
        return values;
    }

    /** Each element must be one of {@code allowed}. */
    public static List<String> allOf(String option, List<String> values, Collection<String> allowed) {
        if (values != null) {
            for (String v : values) {
                oneOf(option, v, allowed);
            }
        }
        return values;
    }

    public static BigDecimal notNegative(String option, BigDecimal value) {
        if (value != null && value.signum() < 0) {
            throw new IllegalArgumentException(
                    "Invalid value '" + value.stripTrailingZeros().toPlainString() + "' for " + option
                    + ": must be zero or more");
        }
        return value;
    }

    public static Integer atLeast(String option, Integer value, int min) {
        if (value != null && value < min) {
            throw new IllegalArgumentException(
                    "Invalid value '" + value + "' for " + option + ": must be " + min + " or more");
        }
        return value;
    }

    public static Integer between(String option, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw new IllegalArgumentException(
                    "Invalid value '" + value + "' for " + option + ": must be between " + min + " and " + max);
        }
        return value;
    }

    public static Double between(String option, Double value, double min, double max) {
        if (value != null && (value.isNaN() || value < min || value > max)) {
            throw new IllegalArgumentException(
                    "Invalid value '" + value + "' for " + option + ": must be between " + min + " and " + max);
        }
        return value;
    }

    public static String maxLength(String option, String value, int max) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException(
                    "Invalid value for " + option + ": at most " + max + " characters, got " + value.length());
        }
        return value;
    }

    /** Splits a comma-separated list, trimming blanks away; null or blank gives null. */
    public static List<String> csv(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String part : value.split(",")) {
            String p = part.trim();
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out.isEmpty() ? null : List.copyOf(out);
    }

    /**
     * Parses a soft routing threshold: a plain number, or percentile cut-offs such as {@code p50:100,p90:50}.
     *
     * @return a {@link BigDecimal} or a {@link dev.llmrouter.camel.wire.ProviderPreferences.Percentiles}; null if
     *         the value is null or blank
     */
    public static Object threshold(String option, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (!v.contains(":")) {
            return notNegative(option, number(option, v, value));
        }
        Double p50 = null;
        Double p75 = null;
        Double p90 = null;
        Double p99 = null;
        for (String part : v.split(",")) {
            String[] kv = part.trim().split(":", -1);
            String key = kv[0].trim().toLowerCase(Locale.ROOT);
            if (kv.length != 2 || !PERCENTILES.contains(key)) {
                throw malformedThreshold(option, value);
            }
            BigDecimal n = notNegative(option, number(option, kv[1].trim(), value));
            double d = n.doubleValue();
            switch (key) {
                case "p50" -> p50 = d;
                case "p75" -> p75 = d;
                case "p90" -> p90 = d;
                default -> p99 = d;
            }
        }
        return new dev.llmrouter.camel.wire.ProviderPreferences.Percentiles(p50, p75, p90, p99);
    }

    private static BigDecimal number(String option, String text, String whole) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw malformedThreshold(option, whole);
        }
    }

    private static IllegalArgumentException malformedThreshold(String option, String value) {
        return new IllegalArgumentException("Invalid value '" + value + "' for " + option
                                            + ": expected a number or percentiles such as p50:100,p90:50"
                                            + " (keys p50, p75, p90, p99)");
    }
}
