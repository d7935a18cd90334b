package dev.llmrouter.camel.producer;

import java.util.concurrent.atomic.AtomicInteger;

import dev.llmrouter.camel.error.ConnectionFailedException;
import dev.llmrouter.camel.error.ErrorInfo;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The one completion callback: each path completes the exchange exactly once, asynchronously. */
class ExchangeCompletionTest {

    private final DefaultCamelContext context = new DefaultCamelContext();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger doneSync = new AtomicInteger();
    private final AsyncCallback callback = sync -> {
        done.incrementAndGet();
        if (sync) {
            doneSync.incrementAndGet();
        }
    };

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    @Test
    void aResultIsAppliedAndCompletesOnce() {
        Exchange ex = new DefaultExchange(context);
        ExchangeCompletion.<String>applying(ex, callback, r -> ex.getMessage().setBody(r)).onSuccess("answer");
        assertEquals("answer", ex.getMessage().getBody());
        assertNull(ex.getException());
        assertEquals(1, done.get());
        assertEquals(0, doneSync.get());
    }

    @Test
    void aResultThatCannotBeAppliedFailsTheExchangeAndStillCompletes() {
        Exchange ex = new DefaultExchange(context);
        ex.getMessage().setBody("prompt");
        IllegalStateException boom = new IllegalStateException("cannot map");
        ExchangeCompletion.<String>applying(ex, callback, r -> {
            throw boom;
        }).onSuccess("answer");
        assertSame(boom, ex.getException());
        assertEquals("prompt", ex.getMessage().getBody());
        assertEquals(1, done.get());
    }

    @Test
    void aFailureIsWrittenAndCompletesOnce() {
        Exchange ex = new DefaultExchange(context);
        ConnectionFailedException failure = new ConnectionFailedException(ErrorInfo.of("refused"));
        ExchangeCompletion.<String>applying(ex, callback, r -> ex.getMessage().setBody(r)).onFailure(failure);
        assertSame(failure, ex.getException());
        assertNull(ex.getMessage().getBody());
        assertEquals(1, done.get());
        assertEquals(0, doneSync.get());
    }

    @Test
    void servedIsToldOfAResultThatCouldNotBeApplied() {
        Exchange ex = new DefaultExchange(context);
        Throwable[] seen = new Throwable[1];
        new ExchangeCompletion<String>(ex, callback, null, r -> {
            throw new IllegalArgumentException("unusable");
        }) {
            @Override
            protected void served(String result, Throwable unusable) {
                seen[0] = unusable;
            }
        }.onSuccess("answer");
        assertInstanceOf(IllegalArgumentException.class, seen[0]);
        assertEquals(1, done.get());
    }
}
