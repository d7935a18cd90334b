package dev.llmrouter.camel.transport;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** What the redactor replaces in server text, and what it leaves alone. */
class RedactorTest {

    private final Redactor redactor = Redactor.of(Arrays.asList("local-key-abc", null, " ", "shrt",
            "local-key-abcdef"));

    @Test
    void configuredKeysOfAnyShapeLongestFirst() {
        assertEquals("key [REDACTED] and [REDACTED] rejected",
                redactor.apply("key local-key-abcdef and local-key-abc rejected"));
    }

    @Test
    void bearerTokensAndKeyShapedStrings() {
        assertEquals("Authorization: Bearer [REDACTED], then [REDACTED] and [REDACTED].",
                redactor.apply("Authorization: Bearer eyJhbGciOi.J9x1, then sk-or-v1-abc123def456 and sk-proj-9Zq7x8."));
        assertEquals("authorization=bearer%20[REDACTED]", redactor.apply("authorization=bearer%20tok3n-1234567"));
    }

    @Test
    void ordinaryWordsAndShortKeysStay() {
        assertEquals("Missing bearer token; try sk-learn, shrt is fine",
                redactor.apply("Missing bearer token; try sk-learn, shrt is fine"));
        assertNull(redactor.apply((String) null));
        assertSame(Redactor.PATTERNS, Redactor.of(List.of("tiny")));
    }

    @Test
    void metadataInNestedMapsAndLists() {
        Map<String, Object> in = Map.of("raw", "Bearer local-key-abc", "n", 3,
                "nested", Map.of("list", List.of("x local-key-abc", 1)));
        assertEquals(Map.of("raw", "Bearer [REDACTED]", "n", 3, "nested", Map.of("list", List.of("x [REDACTED]", 1))),
                redactor.apply(in));
        assertNull(redactor.apply((Map<String, Object>) null));
    }
}
