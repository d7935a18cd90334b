package dev.llmrouter.camel.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Reads a whole answer into memory, like HttpClient's {@code SimpleResponseConsumer}, but stops at a limit: one
 * byte more fails the exchange with {@link TooLarge}, which the transport turns into a
 * {@link dev.llmrouter.camel.error.ResponseTooLargeException}. It tells {@code onHead} when the status and headers
 * arrived, and completes with the {@link HttpReply} itself: the answer's headers are not copied into a second
 * response, and its {@code Content-Type} is parsed once per distinct value (see
 * {@link AsyncHttpTransport#replyMime}).
 * <p>
 * The body is one array, sized from {@code Content-Length} when the answer gives it (so the usual answer is read
 * into an array of its exact size and handed on without a copy), else grown as bytes come.
 */
final class LimitedResponseConsumer implements AsyncResponseConsumer<HttpReply> {

    private final int limit;
    private final Runnable onHead;
    private HttpResponse head;
    private String contentType;
    private FutureCallback<HttpReply> callback;
    private byte[] bytes;
    private int length;

    LimitedResponseConsumer(int limit, Runnable onHead) {
        this.limit = limit;
        this.onHead = onHead;
    }

    @Override
    public void consumeResponse(HttpResponse response, EntityDetails entity, HttpContext context,
                                FutureCallback<HttpReply> resultCallback) throws IOException {
        try {
            onHead.run();
        } catch (RuntimeException e) {
            // a listener's trouble must not break the exchange
        }
        if (entity == null) {
            // no body at all (e.g. 204): nothing to wait for
            resultCallback.completed(AsyncHttpTransport.toReply(response, null, new byte[0]));
            return;
        }
        long declared = entity.getContentLength();
        if (declared > limit) {
            throw new TooLarge(limit);
        }
        head = response;
        contentType = entity.getContentType();
        callback = resultCallback;
        bytes = new byte[declared >= 0 ? (int) declared : 1024];
        length = 0;
    }

    @Override
    public void informationResponse(HttpResponse response, HttpContext context) {
        // 1xx answers carry nothing for us
    }

    @Override
    public void updateCapacity(CapacityChannel channel) throws IOException {
        channel.update(Integer.MAX_VALUE);
    }

    @Override
    public void consume(ByteBuffer src) throws IOException {
        int n = src.remaining();
        if ((long) length + n > limit) {
            throw new TooLarge(limit);
        }
        if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(limit, Math.max(length + n, bytes.length * 2)));
        }
        src.get(bytes, length, n);
        length += n;
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) {
        byte[] content = length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
        bytes = null;
        HttpReply reply;
        try {
            reply = AsyncHttpTransport.toReply(head, AsyncHttpTransport.replyMime(contentType), content);
        } catch (RuntimeException e) {
            // a Content-Type HttpClient cannot parse (e.g. an unknown charset) fails the exchange, as it did there
            callback.failed(e);
            return;
        }
        callback.completed(reply);
    }

    @Override
    public void failed(Exception cause) {
        releaseResources();
    }

    @Override
    public void releaseResources() {
        bytes = null;
    }

    /** The answer had more bytes than the limit. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
        final long limit;

        TooLarge(long limit) {
            super("The answer is larger than " + limit + " bytes");
            this.limit = limit;
        }
    }
}
