package dev.llmrouter.camel.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.llmrouter.camel.wire.ChatMessage;
import dev.llmrouter.camel.wire.ChatRequest;
import dev.llmrouter.camel.wire.ToolCall;
import dev.llmrouter.camel.wire.WireJson;

/**
 * Estimates the prompt tokens of a chat request before it is sent, with OpenAI's BPE tokenizers (jtokkit).
 * <p>
 * The raw count follows OpenAI's published recipe for chat models: the tokens of every message's text, plus
 * {@value #DEFAULT_PER_MESSAGE} tokens per message for the role and separators, one more per {@code name}, plus
 * {@value #DEFAULT_REPLY_PRIMING} tokens priming the reply. Only text content parts are tokenized; each image part
 * counts as a fixed number of tokens (default {@value #DEFAULT_IMAGE_TOKENS}, a 1024×1024 high-detail image on
 * OpenAI). Tool-call arguments and tool definitions are tokenized as their JSON text, which over-counts slightly.
 * <p>
 * Encoding: {@code o200k_base} by default; {@code cl100k_base} for OpenAI's older models (gpt-4, gpt-4-turbo,
 * gpt-3.5). For OpenAI models the count is exact up to OpenAI's undocumented formatting of tools.
 * <p>
 * Other families (Anthropic, Llama, Mistral, Gemini, ...) use their own tokenizers, which typically produce
 * 10–30% more tokens than {@code o200k_base} for English and more for some other languages. The estimate therefore
 * multiplies the raw count by a safety factor: {@link #DEFAULT_OTHER_FACTOR} for non-OpenAI models, 1.0 for
 * OpenAI ones ({@code openai/*}, or a bare {@code gpt-*}, {@code chatgpt-*}, {@code o1..o9*} id), rounding up.
 * Instances are immutable and thread-safe.
 */
public final class TokenEstimator {

    /** Tokens per message for role and separators. */
    public static final int DEFAULT_PER_MESSAGE = 3;
    /** Tokens priming the assistant's reply. */
    public static final int DEFAULT_REPLY_PRIMING = 3;
    /** Tokens counted per image part. */
    public static final int DEFAULT_IMAGE_TOKENS = 765;
    /** Safety factor applied to non-OpenAI models. */
    public static final BigDecimal DEFAULT_OTHER_FACTOR = new BigDecimal("1.25");

    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    private final Encoding defaultEncoding;
    private final Encoding legacyEncoding;
    private final int perMessage;
    private final int replyPriming;
    private final int imageTokens;
    private final BigDecimal openAiFactor;
    private final BigDecimal otherFactor;

    private TokenEstimator(Builder b) {
        this.defaultEncoding = REGISTRY.getEncoding(b.encoding);
        this.legacyEncoding = REGISTRY.getEncoding(EncodingType.CL100K_BASE);
        this.perMessage = b.perMessage;
        this.replyPriming = b.replyPriming;
        this.imageTokens = b.imageTokens;
        this.openAiFactor = b.openAiFactor;
        this.otherFactor = b.otherFactor;
    }

    /** An estimator with all defaults. */
    public static TokenEstimator defaults() {
        return builder().build();
    }

    /** Starts configuring an estimator. */
    public static Builder builder() {
        return new Builder();
    }

    /** The estimated prompt tokens of a request for its {@code model}, safety factor included. */
    public int estimate(ChatRequest request) {
        Objects.requireNonNull(request, "request");
        return estimate(request.model(), request);
    }

    /** The estimated prompt tokens of a request if it were sent to {@code model}, safety factor included. */
    public int estimate(String model, ChatRequest request) {
        int raw = rawCount(model, request.messages());
        raw += tools(model, request.tools());
        return applyFactor(raw, factor(model));
    }

    /** The raw (unfactored) prompt tokens of messages under the encoding used for {@code model}. */
    public int rawCount(String model, List<ChatMessage> messages) {
        if (messages == null || messages.isEmpty()) {
            return 0;
        }
        Encoding enc = encodingFor(model);
        int total = replyPriming;
        for (ChatMessage m : messages) {
            if (m == null) {
                continue;
            }
            total += perMessage + text(enc, m.role()) + content(enc, m.content());
            if (m.name() != null) {
                total += text(enc, m.name()) + 1;
            }
            if (m.toolCalls() != null) {
                for (ToolCall call : m.toolCalls()) {
                    total += text(enc, json(call));
                }
            }
        }
        return total;
    }

    /** The tokens of a plain text under the encoding used for {@code model} (special tokens read as text). */
    public int countText(String model, String text) {
        return text(encodingFor(model), text);
    }

    /** The safety factor for a model: 1.0 (configurable) for OpenAI models, else the non-OpenAI factor. */
    public BigDecimal factor(String model) {
        return model(model).factor();
    }

    /** A model's encoding and factor, worked out once per model id (an endpoint names a few). */
    private record ModelTokens(Encoding encoding, BigDecimal factor) {
    }

    private final java.util.concurrent.ConcurrentHashMap<String, ModelTokens> models =
            new java.util.concurrent.ConcurrentHashMap<>();

    private ModelTokens model(String model) {
        if (model == null) {
            return new ModelTokens(encodingOf(null), isOpenAi(null) ? openAiFactor : otherFactor);
        }
        ModelTokens known = models.get(model);
        if (known == null) {
            known = new ModelTokens(encodingOf(model), isOpenAi(model) ? openAiFactor : otherFactor);
            if (models.size() < 1024) {
                models.put(model, known);
            }
        }
        return known;
    }

    /** The jtokkit encoding name used for a model, e.g. {@code o200k_base}. */
    public String encodingName(String model) {
        return encodingFor(model).getName();
    }

    /** Whether a model id is treated as an OpenAI model (no safety factor). */
    public static boolean isOpenAi(String model) {
        String m = bare(model);
        if (model != null && model.toLowerCase(Locale.ROOT).startsWith("openai/")) {
            return true;
        }
        if (model != null && model.contains("/")) {
            return false;
        }
        return m.startsWith("gpt-") || m.startsWith("chatgpt-") || m.matches("o[1-9].*");
    }

    private Encoding encodingFor(String model) {
        return model(model).encoding();
    }

    private Encoding encodingOf(String model) {
        if (!isOpenAi(model)) {
            return defaultEncoding;
        }
        String m = bare(model);
        boolean legacy = m.startsWith("gpt-3.5") || (m.startsWith("gpt-4") && !m.startsWith("gpt-4o")
                && !m.startsWith("gpt-4.") && !m.matches("gpt-4[0-9].*"));
        return legacy ? legacyEncoding : defaultEncoding;
    }

    private static String bare(String model) {
        if (model == null) {
            return "";
        }
        String m = model.toLowerCase(Locale.ROOT).trim();
        int slash = m.lastIndexOf('/');
        return slash >= 0 ? m.substring(slash + 1) : m;
    }

    private int content(Encoding enc, Object content) {
        if (content == null) {
            return 0;
        }
        if (content instanceof CharSequence s) {
            return text(enc, s.toString());
        }
        if (content instanceof List<?> parts) {
            int total = 0;
            for (Object part : parts) {
                total += part(enc, part);
            }
            return total;
        }
        return text(enc, content.toString());
    }

    private int part(Encoding enc, Object part) {
        if (part == null) {
            return 0;
        }
        if (part instanceof CharSequence s) {
            return text(enc, s.toString());
        }
        Map<?, ?> map = part instanceof Map<?, ?> m ? m : WireJson.mapper().convertValue(part, Map.class);
        String type = String.valueOf(map.get("type"));
        if (isImage(type)) {
            return imageTokens;
        }
        Object text = map.get("text");
        return text instanceof String s ? text(enc, s) : 0;
    }

    /** Whether a content part {@code type} is an image. */
    static boolean isImage(String type) {
        return "image_url".equals(type) || "input_image".equals(type) || "image".equals(type);
    }

    private int tools(String model, List<Object> tools) {
        if (tools == null || tools.isEmpty()) {
            return 0;
        }
        return text(encodingFor(model), json(tools));
    }

    private static String json(Object value) {
        try {
            return WireJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    private static int text(Encoding enc, String s) {
        return s == null || s.isEmpty() ? 0 : COUNTS.computeIfAbsent(enc, e -> new TextCounts()).count(enc, s);
    }

    /** Token counts already made, per encoding: the candidates of one call and repeated texts count once. */
    private static final java.util.concurrent.ConcurrentMap<Encoding, TextCounts> COUNTS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The token counts of texts under one encoding, by the text itself. Texts up to {@value #MAX_CACHED} characters
     * are kept; when the kept texts pass {@value #MAX_TOTAL} characters in all the cache starts over, so it never
     * holds more than a few MiB.
     */
    static final class TextCounts {
        static final int MAX_CACHED = 16 * 1024;
        static final long MAX_TOTAL = 1L << 21;

        private final java.util.concurrent.ConcurrentHashMap<String, Integer> counts =
                new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.concurrent.atomic.AtomicLong chars = new java.util.concurrent.atomic.AtomicLong();

        int count(Encoding enc, String s) {
            if (s.length() > MAX_CACHED) {
                return enc.countTokensOrdinary(s);
            }
            Integer known = counts.get(s);
            if (known != null) {
                return known;
            }
            int n = enc.countTokensOrdinary(s);
            if (chars.addAndGet(s.length()) > MAX_TOTAL) {
                counts.clear();
                chars.set(s.length());
            }
            counts.put(s, n);
            return n;
        }

        /** The texts kept now. */
        int size() {
            return counts.size();
        }
    }

    private static int applyFactor(int raw, BigDecimal factor) {
        if (factor.compareTo(BigDecimal.ONE) == 0) {
            return raw;
        }
        return BigDecimal.valueOf(raw).multiply(factor).setScale(0, RoundingMode.CEILING).intValueExact();
    }

    /** Configures a {@link TokenEstimator}. */
    public static final class Builder {
        private EncodingType encoding = EncodingType.O200K_BASE;
        private int perMessage = DEFAULT_PER_MESSAGE;
        private int replyPriming = DEFAULT_REPLY_PRIMING;
        private int imageTokens = DEFAULT_IMAGE_TOKENS;
        private BigDecimal openAiFactor = BigDecimal.ONE;
        private BigDecimal otherFactor = DEFAULT_OTHER_FACTOR;

        private Builder() {
        }

        /** The encoding for all but OpenAI's older models; default {@code o200k_base}. */
        public Builder encoding(EncodingType value) {
            this.encoding = Objects.requireNonNull(value, "encoding");
            return this;
        }

        /** Tokens added per message; default 3. */
        public Builder perMessageOverhead(int value) {
            this.perMessage = nonNegative(value, "perMessageOverhead");
            return this;
        }

        /** Tokens added once for the reply priming; default 3. */
        public Builder replyPriming(int value) {
            this.replyPriming = nonNegative(value, "replyPriming");
            return this;
        }

        /** Tokens counted per image part; default 765. */
        public Builder imageTokens(int value) {
            this.imageTokens = nonNegative(value, "imageTokens");
            return this;
        }

        /** Safety factor for OpenAI models; default 1.0. Must be at least 1. */
        public Builder openAiFactor(BigDecimal value) {
            this.openAiFactor = atLeastOne(value, "openAiFactor");
            return this;
        }

        /** Safety factor for all other models; default 1.25. Must be at least 1. */
        public Builder otherFactor(BigDecimal value) {
            this.otherFactor = atLeastOne(value, "otherFactor");
            return this;
        }

        /** The configured estimator. */
        public TokenEstimator build() {
            return new TokenEstimator(this);
        }

        private static int nonNegative(int v, String name) {
            if (v < 0) {
                throw new IllegalArgumentException(name + " must not be negative, got " + v);
            }
            return v;
        }

        private static BigDecimal atLeastOne(BigDecimal v, String name) {
            if (v == null || v.compareTo(BigDecimal.ONE) < 0) {
                throw new IllegalArgumentException(name + " must be at least 1, got " + v);
            }
            return v;
        }
    }
}
