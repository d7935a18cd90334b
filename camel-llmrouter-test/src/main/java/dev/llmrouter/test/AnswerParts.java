package dev.llmrouter.test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes the optional parts of an answer, shared by the message and the stream deltas: reasoning details,
 * images, {@code url_citation} and {@code file} annotations, log probabilities.
 */
final class AnswerParts {

    private AnswerParts() {
    }

    /** The reasoning format OpenRouter reports for the model's family. */
    static String reasoningFormat(EmulatorModel model) {
        switch (model.author()) {
            case "anthropic": return "anthropic-claude-v1";
            case "google": return "google-gemini-v1";
            case "openai": return "openai-responses-v1";
            default: return "unknown";
        }
    }

    /** A {@code reasoning.text} detail; the last one of a reasoning block carries the signature. */
    static ObjectNode reasoningDetail(ChatCompletion c, String text, boolean last) {
        ObjectNode d = Json.object();
        d.put("type", "reasoning.text");
        d.put("text", text);
        if (last) {
            d.put("signature", "emu-sig-" + c.id());
        }
        d.put("format", reasoningFormat(c.model()));
        d.put("index", 0);
        return d;
    }

    /**
     * Log probabilities, one token per piece: {@code logprob} = -0.01 * (position + 1); {@code top} alternatives,
     * the token itself first, each next one 1.0 less likely.
     */
    static ObjectNode logprobs(List<String> tokens, int firstPosition, int top) {
        ObjectNode lp = Json.object();
        ArrayNode content = lp.putArray("content");
        int position = firstPosition;
        for (String token : tokens) {
            double logprob = -0.01 * (position + 1);
            ObjectNode t = content.addObject();
            t.put("token", token);
            t.put("logprob", logprob);
            t.set("bytes", bytes(token));
            ArrayNode alternatives = t.putArray("top_logprobs");
            for (int j = 0; j < top; j++) {
                String alt = j == 0 ? token : token + "~" + j;
                alternatives.addObject().put("token", alt).put("logprob", logprob - j).set("bytes", bytes(alt));
            }
            position++;
        }
        lp.putNull("refusal");
        return lp;
    }

    private static ArrayNode bytes(String token) {
        ArrayNode out = Json.array();
        for (byte b : token.getBytes(StandardCharsets.UTF_8)) {
            out.add(b & 0xff);
        }
        return out;
    }

    static ArrayNode images(ChatCompletion.Extras x) {
        ArrayNode list = Json.array();
        for (String url : x.images()) {
            list.addObject().put("type", "image_url").putObject("image_url").put("url", url);
        }
        return list;
    }

    static ArrayNode annotations(ChatCompletion c) {
        ArrayNode list = Json.array();
        String topic = c.searchQuery().length() > 60 ? c.searchQuery().substring(0, 60) : c.searchQuery();
        for (int n = 1; n <= c.searchResults(); n++) {
            ObjectNode citation = list.addObject().put("type", "url_citation").putObject("url_citation");
            citation.put("url", "https://example.com/result-" + n);
            citation.put("title", "Result " + n + ": " + topic);
            citation.put("content", "Emulated search result " + n + " about: " + topic);
            citation.put("start_index", 0);
            citation.put("end_index", 0);
        }
        for (ChatCompletion.ParsedFile f : c.extras().files()) {
            ObjectNode file = list.addObject().put("type", "file").putObject("file");
            file.put("hash", f.hash());
            file.put("name", f.name());
            file.putArray("content").addObject().put("type", "text").put("text", f.text());
        }
        return list;
    }
}
