package dev.llmrouter.camel.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

import dev.llmrouter.camel.error.ErrorInfo;
import dev.llmrouter.camel.error.MalformedResponseException;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.MalformedChunkCodingException;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Reads the answer to a streaming call on the I/O thread as it arrives. A 2xx {@code text/event-stream} answer is
 * parsed chunk by chunk and its events passed on; any other answer is collected (up to a cap) and handed over whole
 * as a plain reply. Everything reaches the listener through {@link StreamSignals}. The bytes of a stream, and a
 * 2xx body, are bounded by the call's {@link HttpCall#maxResponseSize()}.
 */
final class SseResponseConsumer implements AsyncResponseConsumer<Void>, SseParser.Handler {

    /** The most of a non-stream body that is kept; the rest is read and dropped. */
    static final int MAX_REPLY_BYTES = 1 << 20;
    /** The largest single line or event accepted in a stream. */
    static final int MAX_EVENT_BYTES = 8 << 20;

    private final HttpCall call;
    private final StreamSignals signals;
    // the fields below are only used on the I/O thread that runs the exchange
    private FutureCallback<Void> result;
    private HttpResponse head;
    private SseParser parser;
    private ByteArrayOutputStream body;
    /** The most of a non-stream body that is kept (the rest of an error body is dropped, of a 2xx body fails). */
    private int bodyCap = MAX_REPLY_BYTES;
    private boolean failBeyondCap;
    private long streamed;

    SseResponseConsumer(HttpCall call, StreamSignals signals) {
        this.call = call;
        this.signals = signals;
    }

    @Override
    public void consumeResponse(HttpResponse response, EntityDetails entity, HttpContext context,
                                FutureCallback<Void> resultCallback) {
        this.result = resultCallback;
        this.head = response;
        String mime = AsyncHttpTransport.mimeType(entity != null && entity.getContentType() != null
                ? entity.getContentType() : headerValue(response, "Content-Type"));
        if (entity == null) {
            // no body at all (e.g. 204): whatever the status, there is no stream to read
            signals.reply(AsyncHttpTransport.toReply(response, mime, new byte[0]));
            resultCallback.completed(null);
            return;
        }
        int status = response.getCode();
        if (status >= 200 && status < 300 && "text/event-stream".equals(mime)) {
            parser = new SseParser(this, MAX_EVENT_BYTES);
            signals.open(AsyncHttpTransport.toReply(response, mime, new byte[0]));
        } else {
            if (status >= 200 && status < 300) {
                // a server that ignored stream=true: the whole answer is needed, up to the limit
                bodyCap = call.maxResponseSize();
                failBeyondCap = true;
            }
            long length = entity.getContentLength();
            body = new ByteArrayOutputStream(length > 0 && length < 65536 ? (int) length : 1024);
        }
    }

    @Override
    public void informationResponse(HttpResponse response, HttpContext context) {
        // 1xx answers carry nothing for us
    }

    @Override
    public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
        // answers are small and listeners fast: never hold the server back
        capacityChannel.update(Integer.MAX_VALUE);
    }

    @Override
    public void consume(ByteBuffer src) throws IOException {
        if (parser != null) {
            if (parser.isDone()) {
                src.position(src.limit()); // after [DONE]: read on so that the connection can be reused
                return;
            }
            if (signals.isTerminated()) {
                // cancelled, or the listener failed: abort, HttpClient then closes the connection
                throw new IOException("The event stream of " + call + " was abandoned");
            }
            streamed += src.remaining();
            if (streamed > call.maxResponseSize()) {
                throw new LimitedResponseConsumer.TooLarge(call.maxResponseSize());
            }
            try {
                parser.feed(src);
            } catch (SseParser.EventTooLargeException e) {
                signals.fail(new MalformedResponseException(
                        ErrorInfo.of(e.getMessage() + " in the answer to " + call, e)));
                throw new IOException(e.getMessage(), e);
            }
        } else if (body != null) {
            if (failBeyondCap && (long) body.size() + src.remaining() > bodyCap) {
                throw new LimitedResponseConsumer.TooLarge(bodyCap);
            }
            int keep = Math.min(src.remaining(), bodyCap - body.size());
            if (keep > 0) {
                if (src.hasArray()) {
                    body.write(src.array(), src.arrayOffset() + src.position(), keep);
                } else {
                    byte[] chunk = new byte[keep];
                    src.duplicate().get(chunk);
                    body.write(chunk, 0, keep);
                }
            }
            src.position(src.limit()); // beyond the cap the body is dropped
        }
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) {
        if (parser != null) {
            parser.end();
            if (!parser.isDone()) {
                signals.endedWithoutDone(endedEarly(null));
            }
        } else if (body != null) {
            signals.reply(AsyncHttpTransport.toReply(head, AsyncHttpTransport.mimeType(
                    headerValue(head, "Content-Type")), body.toByteArray()));
        }
        result.completed(null);
    }

    @Override
    public void failed(Exception cause) {
        if (parser != null && (cause instanceof ConnectionClosedException
                || cause instanceof MalformedChunkCodingException)) {
            // the connection dropped inside a chunked body: between chunks, or inside one
            signals.endedWithoutDone(endedEarly(cause));
        } else {
            signals.fail(AsyncHttpTransport.mapFailure(call, cause));
        }
    }

    @Override
    public void releaseResources() {
        // nothing pooled; note HttpClient may call this from a cancelling thread while the I/O thread still reads
    }

    @Override
    public void onData(String data) {
        signals.data(data);
    }

    @Override
    public void onDone() {
        signals.done();
    }

    private MalformedResponseException endedEarly(Exception cause) {
        String message = "The event stream of " + call + " ended before data: [DONE]";
        return new MalformedResponseException(cause == null ? ErrorInfo.of(message)
                : ErrorInfo.of(message + " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")",
                        cause));
    }

    private static String headerValue(HttpResponse response, String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }
}
