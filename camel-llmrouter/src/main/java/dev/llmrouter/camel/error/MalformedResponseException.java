package dev.llmrouter.camel.error;

/** The server answered, but not with a usable completion: empty body, a body that is not JSON, the wrong content type, no choices, or structured output that does not parse into the requested class. */
public class MalformedResponseException extends LlmRouterException {

    public MalformedResponseException(ErrorInfo info) {
        super(info, false);
    }
}
