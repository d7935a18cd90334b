package dev.llmrouter.camel.error;

/**
 * No first content delta (stream) or no response headers (plain call) within option {@code firstTokenTimeout}. The
 * attempt was abandoned and, unlike other timeouts, not retried at the same target: the call moved on to the next
 * target or escalation model at once. This exception ends the exchange only when nothing was left to try.
 */
public class FirstTokenTimeoutException extends RequestTimeoutException {

    public FirstTokenTimeoutException(ErrorInfo info) {
        super(info);
    }
}
