package dev.llmrouter.camel.wire;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * Hand-written readers for the answer records that every chat call decodes: {@link ChatResponse} with its choice, its
 * message or delta, and {@link Usage} with its details.
 * <p>
 * Jackson reads a record through its canonical constructor: it buffers each property in a value buffer, looks every
 * name up in a hash map, checks what is missing and calls the constructor reflectively, for each of the seven records
 * of an ordinary answer. These readers match the field names in a {@code switch} and call the constructor directly:
 * on one thread an ordinary answer decodes in about 1.75 µs instead of 2.1 µs, and allocates 1.6 KiB instead of
 * 2.3 KiB (see docs/performance.md). Everything else stays Jackson's:
 * <ul>
 * <li>each field's value is read as Jackson reads it: the common token (a string for a string, an integer for an
 * integer, a float for a decimal) at once, any other token (a number in a string, say) by Jackson's own deserializer
 * of the field's type, with its coercions and its errors;</li>
 * <li>fields of other types (errors, log probabilities, tool calls, annotations, images, audio, metadata maps) are
 * read by the deserializers Jackson built for them;</li>
 * <li>a value that is not a JSON object is handed to the bean deserializer Jackson built for the record, so an odd
 * answer fails (or is coerced) exactly as before;</li>
 * <li>unknown names are skipped, a repeated name keeps its last value, and a failure inside a known field's value is
 * wrapped with the field's path (a failure elsewhere, e.g. malformed JSON in a skipped value, is not), as Jackson's
 * record reader does.</li>
 * </ul>
 * {@code AnswerReadersTest} reads a set of answers, odd ones included, through these readers and through plain
 * Jackson and requires equal records or equal failures. A field added to one of these records must be added here
 * (the constructor call stops compiling, and where a constructor of the old arity remains, the test fails).
 */
final class AnswerReaders extends BeanDeserializerModifier {

    private AnswerReaders() {
    }

    /** The module that puts these readers in front of Jackson's for their records. */
    static SimpleModule module() {
        SimpleModule module = new SimpleModule("llmrouter-answer-readers");
        module.setDeserializerModifier(new AnswerReaders());
        return module;
    }

    @Override
    public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                  JsonDeserializer<?> deserializer) {
        Class<?> type = description.getBeanClass();
        if (type == ChatResponse.class) {
            return new ResponseReader(deserializer);
        }
        if (type == ChatResponse.Choice.class) {
            return new ChoiceReader(deserializer);
        }
        if (type == ChatResponse.AssistantMessage.class || type == ChatResponse.Delta.class) {
            return new MessageReader(deserializer, type == ChatResponse.Delta.class);
        }
        if (type == Usage.class) {
            return new UsageReader(deserializer);
        }
        if (type == Usage.PromptTokensDetails.class || type == Usage.CompletionTokensDetails.class
            || type == Usage.CostDetails.class) {
            return new DetailsReader(deserializer, type);
        }
        return deserializer;
    }

    /**
     * The shared part of the readers: Jackson's bean deserializer of the record (for a value that is not an object),
     * and the deserializers Jackson built for the fields of other types, found once when Jackson resolves the reader.
     */
    abstract static class Reader extends DelegatingDeserializer {

        private static final long serialVersionUID = 1L;

        static final String NOT_AN_OBJECT = new String("not an object");

        /** Jackson's deserializers of the types {@link #nestedTypes} lists, in its order. */
        JsonDeserializer<Object>[] nested;

        Reader(JsonDeserializer<?> jackson) {
            super(jackson);
        }

        /** The types of the fields that Jackson's own deserializers read; a reader indexes {@link #nested} alike. */
        abstract JavaType[] nestedTypes(DeserializationContext ctxt);

        /** A reader like this one in front of another of Jackson's bean deserializers (its nested ones are copied). */
        abstract Reader copy(JsonDeserializer<?> jackson);

        @Override
        protected final JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> jackson) {
            Reader copy = copy(jackson);
            copy.nested = nested;
            return copy;
        }

        @Override
        @SuppressWarnings("unchecked")
        public final void resolve(DeserializationContext ctxt) throws JsonMappingException {
            super.resolve(ctxt);
            JavaType[] types = nestedTypes(ctxt);
            JsonDeserializer<Object>[] found = new JsonDeserializer[types.length];
            for (int i = 0; i < types.length; i++) {
                found[i] = ctxt.findRootValueDeserializer(types[i]);
            }
            nested = found;
        }

        /**
         * The first field's name (null for an empty object), or {@link #NOT_AN_OBJECT} when the value is not an
         * object and goes to Jackson's own bean deserializer ({@link #asJackson}).
         */
        static String firstName(JsonParser p) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.START_OBJECT) {
                return nextName(p);
            }
            if (t == JsonToken.FIELD_NAME) {
                return p.currentName();
            }
            return NOT_AN_OBJECT;
        }

        /**
         * The next field's name, or null at the object's end. Read token by token as Jackson's bean reader reads
         * (not with {@code nextFieldName}), so that malformed JSON fails with the same message.
         */
        static String nextName(JsonParser p) throws IOException {
            return p.nextToken() == JsonToken.FIELD_NAME ? p.currentName() : null;
        }

        /** Jackson's read of a record that is not an object (null, a string, an array): its coercion or its error. */
        Object asJackson(JsonParser p, DeserializationContext ctxt) throws IOException {
            return _delegatee.deserialize(p, ctxt);
        }

        /** The value at the parser, read by nested deserializer {@code index}; null for JSON null. */
        @SuppressWarnings("unchecked")
        <T> T value(int index, JsonParser p, DeserializationContext ctxt) throws IOException {
            return p.currentToken() == JsonToken.VALUE_NULL ? null : (T) nested[index].deserialize(p, ctxt);
        }

        static JavaType listOf(DeserializationContext ctxt, Class<?> element) {
            return ctxt.getTypeFactory().constructCollectionType(List.class, element);
        }

        static JavaType mapOfObjects(DeserializationContext ctxt) {
            return ctxt.getTypeFactory().constructMapType(Map.class, String.class, Object.class);
        }
    }

    // ---- the field values

    static String text(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        return t == JsonToken.VALUE_NULL ? null : ctxt.readValue(p, String.class);
    }

    static String repeated(JsonParser p, DeserializationContext ctxt) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? null : RepeatedText.INSTANCE.deserialize(p, ctxt);
    }

    static String content(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        return t == JsonToken.VALUE_NULL ? null : ContentText.INSTANCE.deserialize(p, ctxt);
    }

    static Integer integer(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getIntValue();
        }
        return t == JsonToken.VALUE_NULL ? null : ctxt.readValue(p, Integer.class);
    }

    static Long whole(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        return t == JsonToken.VALUE_NULL ? null : ctxt.readValue(p, Long.class);
    }

    static BigDecimal decimal(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDecimalValue();
        }
        return t == JsonToken.VALUE_NULL ? null : ctxt.readValue(p, BigDecimal.class);
    }

    static Boolean bool(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            return t == JsonToken.VALUE_TRUE;
        }
        return t == JsonToken.VALUE_NULL ? null : ctxt.readValue(p, Boolean.class);
    }

    /**
     * A failure inside field {@code name} of {@code type}, as Jackson's record reader reports it: a Jackson exception
     * or a runtime exception gains the field's path (unless {@code WRAP_EXCEPTIONS} is off), any other I/O exception
     * and any error pass unchanged.
     */
    static IOException wrap(Throwable failure, DeserializationContext ctxt, Class<?> type, String name)
            throws IOException {
        Throwable t = failure;
        while (t instanceof InvocationTargetException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof Error e) {
            throw e;
        }
        boolean wrap = ctxt == null || ctxt.isEnabled(DeserializationFeature.WRAP_EXCEPTIONS);
        if (t instanceof IOException io && (!wrap || !(t instanceof JacksonException))) {
            throw io;
        }
        if (!wrap && t instanceof RuntimeException r) {
            throw r;
        }
        return JsonMappingException.wrapWithPath(t, type, name);
    }

    // ---- the readers
    //
    // Each reader is written out: its values wait in locals and go straight to the constructor. A shared loop that
    // kept them in an array by constructor position was tried: it allocates an array per record (about 330 bytes
    // per answer, half of what these readers save) and took 0.1 to 0.2 µs more per answer.
    // In every loop an unknown name is skipped outside the try, so that, as with Jackson, only a known field's
    // failure gains the field's path.

    static final class ResponseReader extends Reader {

        private static final long serialVersionUID = 1L;

        private static final int CHOICES = 0;
        private static final int USAGE = 1;
        private static final int METADATA = 2;
        private static final int ERROR = 3;

        ResponseReader(JsonDeserializer<?> jackson) {
            super(jackson);
        }

        @Override
        Reader copy(JsonDeserializer<?> jackson) {
            return new ResponseReader(jackson);
        }

        @Override
        JavaType[] nestedTypes(DeserializationContext ctxt) {
            return new JavaType[] {
                    listOf(ctxt, ChatResponse.Choice.class),
                    ctxt.constructType(Usage.class),
                    mapOfObjects(ctxt),
                    ctxt.constructType(ErrorDetail.class)
            };
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String name = firstName(p);
            if (name == NOT_AN_OBJECT) {
                return asJackson(p, ctxt);
            }
            String id = null;
            String object = null;
            Long created = null;
            String model = null;
            String provider = null;
            List<ChatResponse.Choice> choiceList = null;
            Usage usageValue = null;
            String systemFingerprint = null;
            String serviceTier = null;
            Map<String, Object> metadataValue = null;
            ErrorDetail errorValue = null;
            for (; name != null; name = nextName(p)) {
                p.nextToken();
                boolean known = true;
                try {
                    switch (name) {
                        case "id" -> id = text(p, ctxt);
                        case "object" -> object = repeated(p, ctxt);
                        case "created" -> created = whole(p, ctxt);
                        case "model" -> model = repeated(p, ctxt);
                        case "provider" -> provider = repeated(p, ctxt);
                        case "choices" -> choiceList = value(CHOICES, p, ctxt);
                        case "usage" -> usageValue = value(USAGE, p, ctxt);
                        case "system_fingerprint" -> systemFingerprint = repeated(p, ctxt);
                        case "service_tier" -> serviceTier = repeated(p, ctxt);
                        case "openrouter_metadata" -> metadataValue = value(METADATA, p, ctxt);
                        case "error" -> errorValue = value(ERROR, p, ctxt);
                        default -> known = false;
                    }
                } catch (Exception e) {
                    throw wrap(e, ctxt, ChatResponse.class, name);
                }
                if (!known) {
                    p.skipChildren();
                }
            }
            return new ChatResponse(id, object, created, model, provider, choiceList, usageValue, systemFingerprint,
                    serviceTier, metadataValue, errorValue);
        }
    }

    static final class ChoiceReader extends Reader {

        private static final long serialVersionUID = 1L;

        private static final int MESSAGE = 0;
        private static final int DELTA = 1;
        private static final int LOGPROBS = 2;
        private static final int ERROR = 3;

        ChoiceReader(JsonDeserializer<?> jackson) {
            super(jackson);
        }

        @Override
        Reader copy(JsonDeserializer<?> jackson) {
            return new ChoiceReader(jackson);
        }

        @Override
        JavaType[] nestedTypes(DeserializationContext ctxt) {
            return new JavaType[] {
                    ctxt.constructType(ChatResponse.AssistantMessage.class),
                    ctxt.constructType(ChatResponse.Delta.class),
                    ctxt.constructType(ChatResponse.Logprobs.class),
                    ctxt.constructType(ErrorDetail.class)
            };
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String name = firstName(p);
            if (name == NOT_AN_OBJECT) {
                return asJackson(p, ctxt);
            }
            Integer index = null;
            ChatResponse.AssistantMessage messageValue = null;
            ChatResponse.Delta deltaValue = null;
            String finishReason = null;
            String nativeFinishReason = null;
            ChatResponse.Logprobs logprobsValue = null;
            ErrorDetail errorValue = null;
            for (; name != null; name = nextName(p)) {
                p.nextToken();
                boolean known = true;
                try {
                    switch (name) {
                        case "index" -> index = integer(p, ctxt);
                        case "message" -> messageValue = value(MESSAGE, p, ctxt);
                        case "delta" -> deltaValue = value(DELTA, p, ctxt);
                        case "finish_reason" -> finishReason = repeated(p, ctxt);
                        case "native_finish_reason" -> nativeFinishReason = repeated(p, ctxt);
                        case "logprobs" -> logprobsValue = value(LOGPROBS, p, ctxt);
                        case "error" -> errorValue = value(ERROR, p, ctxt);
                        default -> known = false;
                    }
                } catch (Exception e) {
                    throw wrap(e, ctxt, ChatResponse.Choice.class, name);
                }
                if (!known) {
                    p.skipChildren();
                }
            }
            return new ChatResponse.Choice(index, messageValue, deltaValue, finishReason, nativeFinishReason,
                    logprobsValue, errorValue);
        }
    }

    /** An answer's message and a stream's delta: the same fields, but for the type of their tool calls. */
    static final class MessageReader extends Reader {

        private static final long serialVersionUID = 1L;

        private static final int DETAILS = 0;
        private static final int TOOL_CALLS = 1;
        private static final int ANNOTATIONS = 2;
        private static final int IMAGES = 3;
        private static final int AUDIO = 4;

        private final boolean delta;

        MessageReader(JsonDeserializer<?> jackson, boolean delta) {
            super(jackson);
            this.delta = delta;
        }

        @Override
        Reader copy(JsonDeserializer<?> jackson) {
            return new MessageReader(jackson, delta);
        }

        @Override
        JavaType[] nestedTypes(DeserializationContext ctxt) {
            return new JavaType[] {
                    ctxt.getTypeFactory().constructCollectionType(List.class, mapOfObjects(ctxt)),
                    listOf(ctxt, delta ? ChatResponse.ToolCallDelta.class : ToolCall.class),
                    listOf(ctxt, ChatResponse.Annotation.class),
                    listOf(ctxt, ChatResponse.Image.class),
                    ctxt.constructType(ChatResponse.Audio.class)
            };
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String name = firstName(p);
            if (name == NOT_AN_OBJECT) {
                return asJackson(p, ctxt);
            }
            String role = null;
            String content = null;
            String reasoning = null;
            List<Map<String, Object>> reasoningDetails = null;
            String refusal = null;
            List<?> calls = null;
            List<ChatResponse.Annotation> annotationList = null;
            List<ChatResponse.Image> imageList = null;
            ChatResponse.Audio audioValue = null;
            for (; name != null; name = nextName(p)) {
                p.nextToken();
                boolean known = true;
                try {
                    switch (name) {
                        case "role" -> role = repeated(p, ctxt);
                        case "content" -> content = content(p, ctxt);
                        case "reasoning" -> reasoning = text(p, ctxt);
                        case "reasoning_details" -> reasoningDetails = value(DETAILS, p, ctxt);
                        case "refusal" -> refusal = text(p, ctxt);
                        case "tool_calls" -> calls = value(TOOL_CALLS, p, ctxt);
                        case "annotations" -> annotationList = value(ANNOTATIONS, p, ctxt);
                        case "images" -> imageList = value(IMAGES, p, ctxt);
                        case "audio" -> audioValue = value(AUDIO, p, ctxt);
                        default -> known = false;
                    }
                } catch (Exception e) {
                    throw wrap(e, ctxt, delta ? ChatResponse.Delta.class : ChatResponse.AssistantMessage.class, name);
                }
                if (!known) {
                    p.skipChildren();
                }
            }
            return delta ? new ChatResponse.Delta(role, content, reasoning, reasoningDetails, refusal, cast(calls),
                    annotationList, imageList, audioValue)
                    : new ChatResponse.AssistantMessage(role, content, reasoning, reasoningDetails, refusal, cast(calls),
                    annotationList, imageList, audioValue);
        }

        @SuppressWarnings("unchecked")
        private static <T> List<T> cast(List<?> list) {
            return (List<T>) list;
        }
    }

    static final class UsageReader extends Reader {

        private static final long serialVersionUID = 1L;

        private static final int PROMPT_DETAILS = 0;
        private static final int COMPLETION_DETAILS = 1;
        private static final int COST_DETAILS = 2;
        private static final int TOOL_USE = 3;

        UsageReader(JsonDeserializer<?> jackson) {
            super(jackson);
        }

        @Override
        Reader copy(JsonDeserializer<?> jackson) {
            return new UsageReader(jackson);
        }

        @Override
        JavaType[] nestedTypes(DeserializationContext ctxt) {
            return new JavaType[] {
                    ctxt.constructType(Usage.PromptTokensDetails.class),
                    ctxt.constructType(Usage.CompletionTokensDetails.class),
                    ctxt.constructType(Usage.CostDetails.class),
                    ctxt.constructType(Usage.ServerToolUseDetails.class)
            };
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String name = firstName(p);
            if (name == NOT_AN_OBJECT) {
                return asJackson(p, ctxt);
            }
            Integer promptTokens = null;
            Integer completionTokens = null;
            Integer totalTokens = null;
            BigDecimal cost = null;
            Boolean byok = null;
            Usage.PromptTokensDetails prompt = null;
            Usage.CompletionTokensDetails completion = null;
            Usage.CostDetails costs = null;
            Usage.ServerToolUseDetails tools = null;
            for (; name != null; name = nextName(p)) {
                p.nextToken();
                boolean known = true;
                try {
                    switch (name) {
                        case "prompt_tokens" -> promptTokens = integer(p, ctxt);
                        case "completion_tokens" -> completionTokens = integer(p, ctxt);
                        case "total_tokens" -> totalTokens = integer(p, ctxt);
                        case "cost" -> cost = decimal(p, ctxt);
                        case "is_byok" -> byok = bool(p, ctxt);
                        case "prompt_tokens_details" -> prompt = value(PROMPT_DETAILS, p, ctxt);
                        case "completion_tokens_details" -> completion = value(COMPLETION_DETAILS, p, ctxt);
                        case "cost_details" -> costs = value(COST_DETAILS, p, ctxt);
                        case "server_tool_use_details" -> tools = value(TOOL_USE, p, ctxt);
                        default -> known = false;
                    }
                } catch (Exception e) {
                    throw wrap(e, ctxt, Usage.class, name);
                }
                if (!known) {
                    p.skipChildren();
                }
            }
            return new Usage(promptTokens, completionTokens, totalTokens, cost, byok, prompt, completion, costs, tools);
        }
    }

    /** The token and cost details of a usage: integers (token counts) or decimals (costs) by name. */
    static final class DetailsReader extends Reader {

        private static final long serialVersionUID = 1L;

        private final Class<?> type;

        DetailsReader(JsonDeserializer<?> jackson, Class<?> type) {
            super(jackson);
            this.type = type;
        }

        @Override
        Reader copy(JsonDeserializer<?> jackson) {
            return new DetailsReader(jackson, type);
        }

        @Override
        JavaType[] nestedTypes(DeserializationContext ctxt) {
            return new JavaType[0];
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String name = firstName(p);
            if (name == NOT_AN_OBJECT) {
                return asJackson(p, ctxt);
            }
            Object a = null;
            Object b = null;
            Object c = null;
            Object d = null;
            Object e = null;
            for (; name != null; name = nextName(p)) {
                p.nextToken();
                boolean known = true;
                try {
                    switch (slot(name)) {
                        case 0 -> a = read(p, ctxt);
                        case 1 -> b = read(p, ctxt);
                        case 2 -> c = read(p, ctxt);
                        case 3 -> d = read(p, ctxt);
                        case 4 -> e = read(p, ctxt);
                        default -> known = false;
                    }
                } catch (Exception failure) {
                    throw wrap(failure, ctxt, type, name);
                }
                if (!known) {
                    p.skipChildren();
                }
            }
            if (type == Usage.PromptTokensDetails.class) {
                return new Usage.PromptTokensDetails((Integer) a, (Integer) b, (Integer) c, (Integer) d);
            }
            if (type == Usage.CompletionTokensDetails.class) {
                return new Usage.CompletionTokensDetails((Integer) a, (Integer) b, (Integer) c, (Integer) d,
                        (Integer) e);
            }
            return new Usage.CostDetails((BigDecimal) a, (BigDecimal) b, (BigDecimal) c);
        }

        private Object read(JsonParser p, DeserializationContext ctxt) throws IOException {
            return type == Usage.CostDetails.class ? decimal(p, ctxt) : integer(p, ctxt);
        }

        /** The constructor position of a field name of this type, or -1 for a name it does not have. */
        private int slot(String name) {
            if (type == Usage.PromptTokensDetails.class) {
                return switch (name) {
                    case "cached_tokens" -> 0;
                    case "cache_write_tokens" -> 1;
                    case "audio_tokens" -> 2;
                    case "video_tokens" -> 3;
                    default -> -1;
                };
            }
            if (type == Usage.CompletionTokensDetails.class) {
                return switch (name) {
                    case "reasoning_tokens" -> 0;
                    case "audio_tokens" -> 1;
                    case "image_tokens" -> 2;
                    case "accepted_prediction_tokens" -> 3;
                    case "rejected_prediction_tokens" -> 4;
                    default -> -1;
                };
            }
            return switch (name) {
                case "upstream_inference_cost" -> 0;
                case "upstream_inference_prompt_cost" -> 1;
                case "upstream_inference_completions_cost" -> 2;
                default -> -1;
            };
        }
    }
}
