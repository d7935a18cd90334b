package dev.llmrouter.camel;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptorFactory;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.llmrouter.camel.CostGovernanceFixtures.MINI;
import static dev.llmrouter.camel.CostGovernanceFixtures.PROMPT;
import static dev.llmrouter.camel.CostGovernanceFixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A transacted JMS route on an embedded Artemis broker that fails after the llmrouter step: the broker redelivers
 * the message (same JMSMessageID), the redelivery gets the stored answer, and the model is called once.
 */
class IdempotencyJmsTest extends EmulatorTestSupport {

    private EmbeddedActiveMQ broker;

    @BeforeEach
    void startBroker() throws Exception {
        Configuration config = new ConfigurationImpl().setPersistenceEnabled(false).setSecurityEnabled(false)
                .addAcceptorConfiguration(new TransportConfiguration(InVMAcceptorFactory.class.getName()));
        broker = new EmbeddedActiveMQ().setConfiguration(config);
        broker.start();
    }

    @AfterEach
    void stopBroker() throws Exception {
        if (camel != null) {
            camel.close();
            camel = null;
        }
        broker.stop();
    }

    @Test
    void aTransactedRouteThatFailsAfterTheCallAndIsRedeliveredCallsTheModelOnce() throws Exception {
        AtomicInteger deliveries = new AtomicInteger();
        String llm = "llmrouter:chat?apiKey=" + CamelHarness.API_KEY + "&baseUrl=" + EMULATOR.baseUrl() + "&model="
                     + MINI + "&maxTokens=100&idempotencyKey=RAW(${header.JMSMessageID})";
        RouteBuilder routes = new RouteBuilder() {
            @Override
            public void configure() {
                from("jms:queue:tickets?transacted=true").routeId("classify")
                        .to(llm)
                        .process(e -> {
                            // the first delivery dies after the model answered, before the commit
                            if (deliveries.incrementAndGet() == 1) {
                                throw new IllegalStateException("crash before commit");
                            }
                        })
                        .to("mock:classified");
            }
        };
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("vm://0");
        camel.close();
        camel = new CamelHarness(EMULATOR.baseUrl(), null, routes,
                beans -> beans.bind("jms", JmsComponent.jmsComponentTransacted(cf)));
        MockEndpoint classified = camel.context.getEndpoint("mock:classified", MockEndpoint.class);

        camel.template.sendBody("jms:queue:tickets", PROMPT);

        await(() -> classified.getReceivedCounter() == 1, "the redelivered message to pass");
        assertEquals(2, deliveries.get(), "delivered twice");
        assertEquals(1, EMULATOR.emulator().chatRequests().size(), "the model was called once");
        Exchange out = classified.getReceivedExchanges().get(0);
        assertEquals(Boolean.TRUE, out.getMessage().getHeader(LlmRouterConstants.REPLAYED));
        assertEquals(Boolean.TRUE, out.getMessage().getHeader("JMSRedelivered"));
        assertNotNull(out.getMessage().getHeader(LlmRouterConstants.COST));
        assertEquals(1L, camel.component.runtime().replayStats().snapshot().get("classify").replays());
    }
}
