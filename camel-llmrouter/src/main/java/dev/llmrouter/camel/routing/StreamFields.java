package dev.llmrouter.camel.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.llmrouter.camel.wire.ChatResponse;
import dev.llmrouter.camel.wire.ToolCall;
import dev.llmrouter.camel.wire.Usage;

/**
 * Collects, chunk by chunk, what a stream carries besides its text, and assembles it at the end into the answer a
 * non-streamed call would have given: tool-call fragments merged by {@code index}, annotations, reasoning text and
 * {@code reasoning_details}, refusal, images, audio, log probabilities and the chunk-level fields. Nothing is
 * allocated for a field that never arrives. Used by one stream reader (the I/O thread); not thread-safe.
 */
final class StreamFields {

    /** The fields of a reasoning detail whose fragments are joined. */
    private static final java.util.Set<String> JOINED = java.util.Set.of("text", "summary", "data");

    private Map<Integer, ToolCallParts> toolCalls;
    private List<ChatResponse.Annotation> annotations;
    private StringBuilder reasoning;
    private List<Map<String, Object>> reasoningDetails;
    private StringBuilder refusal;
    private List<ChatResponse.Image> images;
    private AudioParts audio;
    private List<ChatResponse.TokenLogprob> logprobContent;
    private List<ChatResponse.TokenLogprob> logprobRefusal;
    private String nativeFinishReason;
    private String systemFingerprint;
    private String serviceTier;
    private Map<String, Object> openrouterMetadata;

    /** Takes in one chunk ({@code choice} is its first choice, or null). */
    void add(ChatResponse chunk, ChatResponse.Choice choice) {
        if (chunk.systemFingerprint() != null) {
            systemFingerprint = chunk.systemFingerprint();
        }
        if (chunk.serviceTier() != null) {
            serviceTier = chunk.serviceTier();
        }
        if (chunk.openrouterMetadata() != null) {
            openrouterMetadata = chunk.openrouterMetadata();
        }
        if (choice == null) {
            return;
        }
        if (choice.nativeFinishReason() != null) {
            nativeFinishReason = choice.nativeFinishReason();
        }
        if (choice.logprobs() != null) {
            logprobs(choice.logprobs());
        }
        ChatResponse.Delta delta = choice.delta() != null ? choice.delta() : asDelta(choice.message());
        if (delta != null) {
            delta(delta);
        }
    }

    private void delta(ChatResponse.Delta d) {
        if (d.toolCalls() != null) {
            for (ChatResponse.ToolCallDelta fragment : d.toolCalls()) {
                toolCall(fragment);
            }
        }
        if (d.annotations() != null && !d.annotations().isEmpty()) {
            if (annotations == null) {
                annotations = new ArrayList<>();
            }
            annotations.addAll(d.annotations());
        }
        if (d.reasoning() != null) {
            if (reasoning == null) {
                reasoning = new StringBuilder();
            }
            reasoning.append(d.reasoning());
        }
        if (d.reasoningDetails() != null) {
            for (Map<String, Object> detail : d.reasoningDetails()) {
                reasoningDetail(detail);
            }
        }
        if (d.refusal() != null) {
            if (refusal == null) {
                refusal = new StringBuilder();
            }
            refusal.append(d.refusal());
        }
        if (d.images() != null && !d.images().isEmpty()) {
            if (images == null) {
                images = new ArrayList<>();
            }
            images.addAll(d.images());
        }
        if (d.audio() != null) {
            if (audio == null) {
                audio = new AudioParts();
            }
            audio.add(d.audio());
        }
    }

    private void toolCall(ChatResponse.ToolCallDelta fragment) {
        if (toolCalls == null) {
            toolCalls = new TreeMap<>();
        }
        // a server that sends no index sends each call whole: give it the next position
        int index = fragment.index() != null ? fragment.index() : toolCalls.size();
        toolCalls.computeIfAbsent(index, i -> new ToolCallParts()).add(fragment);
    }

    /**
     * Streamed reasoning details come in fragments; fragments with the same {@code index} and {@code type} are one
     * block: their text fields ({@code text}, {@code summary}, {@code data}) are joined, other fields (e.g.
     * {@code signature}, {@code id}, {@code format}) taken from the fragment that has them. Details without an index
     * are kept as they are.
     */
    private void reasoningDetail(Map<String, Object> detail) {
        if (reasoningDetails == null) {
            reasoningDetails = new ArrayList<>();
        }
        Object index = detail.get("index");
        if (index != null) {
            for (Map<String, Object> block : reasoningDetails) {
                if (index.equals(block.get("index")) && java.util.Objects.equals(detail.get("type"), block.get("type"))) {
                    for (Map.Entry<String, Object> e : detail.entrySet()) {
                        Object before = block.get(e.getKey());
                        if (JOINED.contains(e.getKey()) && before instanceof String b && e.getValue() instanceof String v) {
                            block.put(e.getKey(), b + v);
                        } else if (e.getValue() != null) {
                            block.put(e.getKey(), e.getValue());
                        }
                    }
                    return;
                }
            }
        }
        reasoningDetails.add(new LinkedHashMap<>(detail));
    }

    private void logprobs(ChatResponse.Logprobs l) {
        if (l.content() != null) {
            if (logprobContent == null) {
                logprobContent = new ArrayList<>();
            }
            logprobContent.addAll(l.content());
        }
        if (l.refusal() != null) {
            if (logprobRefusal == null) {
                logprobRefusal = new ArrayList<>();
            }
            logprobRefusal.addAll(l.refusal());
        }
    }

    /**
     * The answer assembled from the chunks, in the shape of a non-streamed response: one choice whose message
     * carries everything but the text ({@code content} is null; the text is what the stream delivers).
     */
    ChatResponse response(String id, String model, String provider, String finishReason, Usage usage) {
        List<ToolCall> calls = null;
        if (toolCalls != null) {
            calls = new ArrayList<>(toolCalls.size());
            for (ToolCallParts parts : toolCalls.values()) {
                calls.add(parts.toToolCall());
            }
            calls = List.copyOf(calls);
        }
        ChatResponse.AssistantMessage message = new ChatResponse.AssistantMessage("assistant", null,
                reasoning == null ? null : reasoning.toString(),
                reasoningDetails == null ? null : List.copyOf(reasoningDetails),
                refusal == null ? null : refusal.toString(),
                calls,
                annotations == null ? null : List.copyOf(annotations),
                images == null ? null : List.copyOf(images),
                audio == null ? null : audio.toAudio());
        ChatResponse.Logprobs logprobs = logprobContent == null && logprobRefusal == null ? null
                : new ChatResponse.Logprobs(logprobContent, logprobRefusal);
        ChatResponse.Choice choice = new ChatResponse.Choice(0, message, null, finishReason, nativeFinishReason,
                logprobs, null);
        return new ChatResponse(id, "chat.completion", null, model, provider, List.of(choice), usage,
                systemFingerprint, serviceTier, openrouterMetadata, null);
    }

    /** A complete message (a server that sends {@code message} in its chunks) read as one delta. */
    private static ChatResponse.Delta asDelta(ChatResponse.AssistantMessage m) {
        if (m == null) {
            return null;
        }
        List<ChatResponse.ToolCallDelta> calls = null;
        if (m.toolCalls() != null) {
            calls = new ArrayList<>(m.toolCalls().size());
            for (int i = 0; i < m.toolCalls().size(); i++) {
                ToolCall c = m.toolCalls().get(i);
                calls.add(new ChatResponse.ToolCallDelta(i, c.id(), c.type(), c.function()));
            }
        }
        return new ChatResponse.Delta(m.role(), m.content(), m.reasoning(), m.reasoningDetails(), m.refusal(), calls,
                m.annotations(), m.images(), m.audio());
    }

    /** The fragments of one tool call. */
    private static final class ToolCallParts {

        private String id;
        private String type;
        private String name;
        private StringBuilder arguments;

        void add(ChatResponse.ToolCallDelta f) {
            if (id == null && f.id() != null) {
                id = f.id();
            }
            if (type == null && f.type() != null) {
                type = f.type();
            }
            if (f.function() != null) {
                if (name == null && f.function().name() != null) {
                    name = f.function().name();
                }
                if (f.function().arguments() != null) {
                    if (arguments == null) {
                        arguments = new StringBuilder();
                    }
                    arguments.append(f.function().arguments());
                }
            }
        }

        ToolCall toToolCall() {
            return new ToolCall(id, type == null ? "function" : type,
                    new ToolCall.Function(name, arguments == null ? null : arguments.toString()));
        }
    }

    /** The fragments of streamed audio: data and transcript joined, id and expiry from the first that has them. */
    private static final class AudioParts {

        private String id;
        private Long expiresAt;
        private StringBuilder data;
        private StringBuilder transcript;

        void add(ChatResponse.Audio a) {
            if (id == null) {
                id = a.id();
            }
            if (expiresAt == null) {
                expiresAt = a.expiresAt();
            }
            if (a.data() != null) {
                if (data == null) {
                    data = new StringBuilder();
                }
                data.append(a.data());
            }
            if (a.transcript() != null) {
                if (transcript == null) {
                    transcript = new StringBuilder();
                }
                transcript.append(a.transcript());
            }
        }

        ChatResponse.Audio toAudio() {
            return new ChatResponse.Audio(id, data == null ? null : data.toString(), expiresAt,
                    transcript == null ? null : transcript.toString());
        }
    }
}
