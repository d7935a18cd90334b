package dev.llmrouter.camel.agent;

import java.util.Map;
import java.util.concurrent.CompletionStage;

import org.apache.camel.Exchange;

/**
 * A function the model may call and the component runs for it in the agent loop. The loop sends {@link #name()},
 * {@link #description()} and {@link #parameters()} as one entry of the request's {@code tools}; when the model
 * answers with a call to this name, the loop calls {@link #invoke} and sends the text it completes with back as the
 * {@code tool} message.
 * <p>
 * Implementations must not block the calling thread for long: return a stage that completes when the work is done.
 * A stage that completes exceptionally (or an exception thrown by {@code invoke}) is a tool failure, handled by the
 * endpoint's {@code onToolError}.
 */
public interface LlmRouterTool {

    /** The function name the model calls: 1 to 64 characters out of letters, digits, {@code _} and {@code -}. */
    String name();

    /** What the tool does, written for the model; sent as the function's {@code description}. */
    String description();

    /**
     * The JSON Schema of the arguments object, as a map (a JSON object: {@code type}, {@code properties},
     * {@code required}, ...); sent as the function's {@code parameters}.
     */
    Map<String, Object> parameters();

    /**
     * Runs one call.
     *
     * @param  arguments the arguments the model produced, as JSON text (an object; {@code "{}"} when it gave none)
     * @param  exchange  the exchange running the loop; read it, do not change it (route tools get a copy)
     * @return           a stage completing with the tool's answer as text (the content of the {@code tool} message)
     */
    CompletionStage<String> invoke(String arguments, Exchange exchange);
}
