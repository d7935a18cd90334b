package dev.llmrouter.camel.support;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The usage log's endpoint column masks the secret options only. */
class SecretMaskTest {

    @Test
    void masksTheApiKeyAndNothingElse() {
        assertEquals("llmrouter://chat?apiKey=xxxxxx&maxTokens=100&model=a%2Fb",
                SecretMask.uri("llmrouter://chat?apiKey=sk-or-1&maxTokens=100&model=a%2Fb"));
        assertEquals("llmrouter://chat?maxTokens=100&apikey=xxxxxx",
                SecretMask.uri("llmrouter://chat?maxTokens=100&apikey=sk-or-1"));
        // a RAW value may hold '&'
        assertEquals("llmrouter://chat?apiKey=xxxxxx&maxTokens=5",
                SecretMask.uri("llmrouter://chat?apiKey=RAW(sk&or=1)&maxTokens=5"));
        assertEquals("llmrouter://chat?monkeyapiKey=1", SecretMask.uri("llmrouter://chat?monkeyapiKey=1"));
        assertEquals("llmrouter://chat", SecretMask.uri("llmrouter://chat"));
    }
}
