package dev.llmrouter.camel.wire;

/** A web-search citation of an answer (from a {@code url_citation} annotation). */
public record Citation(String url, String title, String content) {
}
