package dev.llmrouter.camel.routing;

import dev.llmrouter.camel.wire.ChatRequest;

/**
 * Asked before a stream rescue (streamRecovery) sends its continuation or restart: the budget must hold the extra
 * call before it is made. An implementation reserves the call's worst case when it can.
 */
@FunctionalInterface
public interface RescueGate {

    /** A gate that always admits (no budget). */
    RescueGate OPEN = (request, model) -> true;

    /**
     * @param  request the request about to be sent (with its assistant prefill for a continuation)
     * @param  model   the model it is sent to, as the endpoint names it
     * @return         whether it may be sent; false when the budget cannot hold it
     */
    boolean admit(ChatRequest request, String model);
}
