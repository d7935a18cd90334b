package dev.llmrouter.examples.quarkus;

import java.math.BigDecimal;

import dev.llmrouter.camel.LlmRouterConstants;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The queue classifier: consumers of {@code seda:tickets} label each ticket through {@code llmrouter:chat} into a
 * {@link TicketLabel} (structured output) and forward the original text to {@code seda:classified.<label>} with the
 * label, the model that answered, the cost and the token counts as headers. A ticket that fails goes, as it arrived,
 * to {@code seda:classified.DLQ} with header {@code FailureReason}. The model, fallback, system prompt and the other
 * llmrouter options come from {@code camel.component.llmrouter.*} in application.properties; Camel Quarkus finds
 * this RouteBuilder bean and adds its routes at startup.
 */
@ApplicationScoped
public class ClassifierRoutes extends RouteBuilder {

    /** The input queue. */
    public static final String IN = "seda:tickets";
    /** Labelled tickets go to this prefix followed by the label. */
    public static final String OUT_PREFIX = "seda:classified.";
    /** Where failed tickets go. */
    public static final String DLQ = "seda:classified.DLQ";
    /** A producer may ask for a model with this header (exactly that model, no fallback). */
    public static final String MODEL_HEADER = "LlmModel";

    @Override
    public void configure() {
        // no redelivery: the component already retried what is worth retrying (429, 5xx, timeouts)
        errorHandler(deadLetterChannel(DLQ).useOriginalMessage().maximumRedeliveries(0)
                .onPrepareFailure(e -> {
                    Exception cause = e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
                    e.getMessage().setHeader("FailureReason", cause == null ? "unknown"
                            : cause.getClass().getSimpleName() + ": " + cause.getMessage());
                }));

        from(IN + "?concurrentConsumers={{classifier.consumers}}").routeId("classify-tickets")
                .setProperty("ticket", body())
                .choice().when(header(MODEL_HEADER).isNotNull())
                    .setHeader(LlmRouterConstants.MODEL, header(MODEL_HEADER))
                    .setHeader(LlmRouterConstants.FALLBACK_MODELS, constant(""))
                .end()
                .to("llmrouter:chat?outputClass=" + TicketLabel.class.getName())
                .process(e -> {
                    TicketLabel answer = e.getMessage().getBody(TicketLabel.class);
                    BigDecimal cost = e.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.ZERO,
                            BigDecimal.class);
                    e.getMessage().setHeader("TicketLabel", answer.label().value());
                    e.getMessage().setHeader("LlmCost", cost.toPlainString());
                    e.getMessage().setHeader("LlmServedBy",
                            e.getMessage().getHeader(LlmRouterConstants.RESPONSE_MODEL));
                    e.getMessage().setBody(e.getProperty("ticket", String.class));
                })
                .log("${header.TicketLabel}: ${body} (model ${header.LlmServedBy}, $${header.LlmCost}, tokens "
                        + "${header." + LlmRouterConstants.PROMPT_TOKENS + "} in / ${header."
                        + LlmRouterConstants.COMPLETION_TOKENS + "} out)")
                .toD(OUT_PREFIX + "${header.TicketLabel}");
    }
}
