package dev.llmrouter.camel.wire;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReferenceArray;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;

/**
 * Reads a short string field whose values repeat from answer to answer ({@code object}, {@code model},
 * {@code provider}, {@code finish_reason}, {@code role}): a value read before is handed out again from a small
 * table instead of a new string per answer. Values longer than {@value #LONGEST} characters, and every token
 * other than a string, are read as Jackson reads any string. The table is shared and lock-free; two values that
 * land on the same entry simply replace each other. Internal.
 */
public final class RepeatedText extends StdDeserializer<String> {

    private static final long serialVersionUID = 1L;

    /** The longest value kept. */
    static final int LONGEST = 64;

    private static final int SIZE = 512;
    private static final AtomicReferenceArray<String> SEEN = new AtomicReferenceArray<>(SIZE);

    /** The instance the hand-written answer readers use; stateless, so one is enough. */
    static final RepeatedText INSTANCE = new RepeatedText();

    public RepeatedText() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return StringDeserializer.instance.deserialize(p, ctxt);
        }
        int length = p.getTextLength();
        if (length > LONGEST) {
            return p.getText();
        }
        char[] chars = p.getTextCharacters();
        int offset = p.getTextOffset();
        return of(chars, offset, length);
    }

    /** The string of these characters: the one kept for them, else a new one (then kept). */
    static String of(char[] chars, int offset, int length) {
        int hash = 0;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + chars[offset + i];
        }
        int slot = (hash ^ (hash >>> 16)) & (SIZE - 1);
        String kept = SEEN.get(slot);
        if (kept != null && same(kept, chars, offset, length)) {
            return kept;
        }
        String value = new String(chars, offset, length);
        SEEN.lazySet(slot, value);
        return value;
    }

    private static boolean same(String kept, char[] chars, int offset, int length) {
        if (kept.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (kept.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }
}
