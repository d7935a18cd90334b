package dev.llmrouter.camel.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One entry of {@code plugins}. A single record covers the plugin kinds the component sends; fields that do not
 * apply to a kind stay null and are omitted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Plugin(
        String id,
        Boolean enabled,
        String engine,
        Integer maxResults,
        String searchPrompt,
        List<String> includeDomains,
        List<String> excludeDomains,
        Pdf pdf) {

    public static final String WEB = "web";
    public static final String FILE_PARSER = "file-parser";
    public static final String RESPONSE_HEALING = "response-healing";
    public static final String CONTEXT_COMPRESSION = "context-compression";

    public static Plugin web(
            String engine, Integer maxResults, String searchPrompt, List<String> include, List<String> exclude) {
        return new Plugin(WEB, null, engine, maxResults, searchPrompt, include, exclude, null);
    }

    public static Plugin fileParser(String pdfEngine) {
        return new Plugin(FILE_PARSER, null, null, null, null, null, null, new Pdf(pdfEngine));
    }

    public static Plugin responseHealing() {
        return new Plugin(RESPONSE_HEALING, null, null, null, null, null, null, null);
    }

    public static Plugin contextCompression(String engine) {
        return new Plugin(CONTEXT_COMPRESSION, null, engine, null, null, null, null, null);
    }

    /** {@code pdf} options of the file-parser plugin. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Pdf(String engine) {
    }
}
