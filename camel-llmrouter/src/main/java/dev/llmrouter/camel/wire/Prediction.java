package dev.llmrouter.camel.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code prediction}: output the model is expected to produce largely unchanged (e.g. a file being edited), so a
 * supporting provider can answer faster.
 *
 * @param type    always {@code content}
 * @param content the predicted text
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Prediction(String type, String content) {

    /** A prediction of {@code text}. */
    public static Prediction content(String text) {
        return new Prediction("content", text);
    }
}
