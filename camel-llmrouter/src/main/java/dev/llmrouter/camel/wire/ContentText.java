package dev.llmrouter.camel.wire;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

/**
 * Reads message content that is either a string or an array of content parts; for an array the text parts are
 * joined in order (other part kinds carry no text).
 */
public final class ContentText extends StdDeserializer<String> {

    /** The instance the hand-written answer readers use; stateless, so one is enough. */
    static final ContentText INSTANCE = new ContentText();

    public ContentText() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
            return p.getText();
        }
        JsonNode node = p.readValueAsTree();
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : node) {
                JsonNode t = part.get("text");
                if (t != null && t.isTextual()) {
                    text.append(t.asText());
                }
            }
            return text.toString();
        }
        return node.asText();
    }
}
