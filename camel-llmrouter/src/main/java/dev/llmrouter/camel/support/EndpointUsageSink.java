package dev.llmrouter.camel.support;

import dev.llmrouter.camel.usage.UsageRecord;
import dev.llmrouter.camel.usage.UsageSink;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

/**
 * Sends each usage record to a Camel endpoint as the body of its own exchange, without waiting for it to be
 * processed (an in-memory queue such as {@code seda:} keeps the calling route fast).
 */
public final class EndpointUsageSink implements UsageSink {

    private final ProducerTemplate template;
    private final String uri;

    public EndpointUsageSink(CamelContext context, String uri) {
        this.template = context.createProducerTemplate();
        this.uri = uri;
        // fail at start on an unknown scheme rather than on the first call
        context.getEndpoint(uri);
    }

    @Override
    public void accept(UsageRecord record) {
        template.asyncSendBody(uri, record);
    }

    @Override
    public void close() {
        try {
            template.stop();
        } catch (Exception e) {
            // nothing more to send
        }
    }
}
