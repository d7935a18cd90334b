package dev.llmrouter.camel;

import dev.llmrouter.camel.error.LocalRateLimitException;
import dev.llmrouter.camel.error.PolicyViolationException;
import dev.llmrouter.camel.plan.ChatPlanner;
import dev.llmrouter.camel.plan.Overrides;
import dev.llmrouter.camel.producer.AgentLoop;
import dev.llmrouter.camel.producer.Bookkeeper;
import dev.llmrouter.camel.producer.ChatBody;
import dev.llmrouter.camel.producer.ChatCompletion;
import dev.llmrouter.camel.producer.ConversationMemory;
import dev.llmrouter.camel.producer.ConversationTurn;
import dev.llmrouter.camel.producer.LlmRouterBinding;
import dev.llmrouter.camel.producer.OperationProducer;
import dev.llmrouter.camel.producer.RateWait;
import dev.llmrouter.camel.producer.StreamDelivery;
import dev.llmrouter.camel.wire.ChatRequest;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;

/**
 * Operation {@code chat}: builds the request from the body and the override headers (nothing is sent when the
 * message is invalid), admits it under the endpoint's cost rules, hands it to the router, and completes the
 * exchange from the completion executor. On failure the exception is set and the message is left as it was.
 */
public class LlmRouterChatProducer extends OperationProducer {

    public LlmRouterChatProducer(LlmRouterEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    protected void start(Exchange exchange, AsyncCallback callback) {
        ChatPlanner planner = endpoint.planner();
        Overrides overrides = LlmRouterBinding.readOverrides(exchange.getMessage());
        Bookkeeper book = endpoint.callBook();
        ChatRequest planned;
        try {
            planned = planner.plan(ChatBody.read(exchange), overrides);
        } catch (PolicyViolationException e) {
            // an attempt to loosen the endpoint's policy is a refusal the usage log and the meters should show
            book.refused(exchange, planner.template().defaults(), e, System.nanoTime());
            throw e;
        }
        // history, session id and cache breakpoints go in before admission: the estimate must count them
        // without a conversation or cache breakpoints this costs one header lookup
        ConversationMemory memory = endpoint.memory();
        ConversationTurn turn;
        if (memory.appliesTo(exchange)) {
            ConversationMemory.Prepared prepared = memory.prepare(exchange, planned);
            planned = prepared.request();
            turn = prepared.turn();
        } else {
            turn = null;
        }
        if (endpoint.agentLoop()) {
            // every model call of the loop is admitted, booked and reported as a call of its own; with a
            // conversation, the loop's whole transcript (tool calls, tool answers, final answer) is the turn's answer
            AgentLoop loop = new AgentLoop(endpoint, exchange, callback, planner.template(), overrides, planned,
                    endpoint.toolCatalog().snapshot());
            if (turn != null) {
                loop.onTranscript(turn::loopEnded);
            }
            loop.start();
            return;
        }
        if (endpoint.toolCatalog().hasFixedTools()) {
            // autoToolExecution=false: the executable tools are offered like plain definitions, their calls returned
            planned = planned.toBuilder().tools(endpoint.toolCatalog().offered(planned.tools())).build();
        }
        Bookkeeper.Entry entry;
        try {
            entry = book.open(exchange, planned, overrides, book.waitsWhenRateLimited());
        } catch (LocalRateLimitException e) {
            if (!book.waitsWhenRateLimited() || e.getRetryAfterMillis() < 0) {
                throw e;
            }
            new RateWait(endpoint, exchange, callback, planned, overrides, f -> send(exchange, callback, planner, f, turn))
                    .later(e);
            return;
        }
        send(exchange, callback, planner, entry, turn);
    }

    /** Sends an admitted chat call; if the router refuses to start, the booking is closed and the failure thrown. */
    private void send(Exchange exchange, AsyncCallback callback, ChatPlanner planner, Bookkeeper.Entry entry,
                      ConversationTurn turn) {
        try {
            if (endpoint.getConfiguration().isStream()) {
                endpoint.router().stream(entry.request(), entry.escalate(),
                        new StreamDelivery(endpoint, exchange, callback, entry, turn), entry::reserveRescue);
            } else {
                endpoint.router().chat(entry.request(), entry.escalate(),
                        new ChatCompletion(exchange, callback, entry, planner.template(), turn));
            }
        } catch (RuntimeException e) {
            // nothing was sent, or the router already gave up: the reservation must not stay held
            entry.failed(e);
            throw e;
        }
    }
}
