package dev.llmrouter.camel.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncEntityConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.nio.support.AbstractAsyncResponseConsumer;

/**
 * Reads a whole answer into memory, like HttpClient's {@code SimpleResponseConsumer}, but stops at a limit: one
 * byte more fails the exchange with {@link TooLarge}, which the transport turns into a
 * {@link dev.llmrouter.camel.error.ResponseTooLargeException}.
 */
final class LimitedResponseConsumer extends AbstractAsyncResponseConsumer<SimpleHttpResponse, byte[]> {

    LimitedResponseConsumer(int limit) {
        super(new Body(limit));
    }

    @Override
    public void informationResponse(HttpResponse response, org.apache.hc.core5.http.protocol.HttpContext context) {
        // 1xx answers carry nothing for us
    }

    @Override
    protected SimpleHttpResponse buildResult(HttpResponse response, byte[] entity, ContentType contentType) {
        SimpleHttpResponse result = SimpleHttpResponse.copy(response);
        if (entity != null) {
            result.setBody(entity, contentType);
        }
        return result;
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

    /**
     * The body as one array: sized from {@code Content-Length} when the answer gives it (so the usual answer is
     * read into an array of its exact size and handed on without a copy), else grown as bytes come.
     */
    private static final class Body implements AsyncEntityConsumer<byte[]> {
        private final int limit;
        private byte[] bytes;
        private int length;
        private FutureCallback<byte[]> callback;
        private byte[] content;

        Body(int limit) {
            this.limit = limit;
        }

        @Override
        public void streamStart(EntityDetails details, FutureCallback<byte[]> resultCallback) throws IOException {
            this.callback = resultCallback;
            long declared = details == null ? -1 : details.getContentLength();
            if (declared > limit) {
                throw new TooLarge(limit);
            }
            bytes = new byte[declared >= 0 ? (int) declared : 1024];
            length = 0;
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
            content = length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
            bytes = null;
            if (callback != null) {
                callback.completed(content);
            }
        }

        @Override
        public void failed(Exception cause) {
            if (callback != null) {
                callback.failed(cause);
            }
        }

        @Override
        public byte[] getContent() {
            return content;
        }

        @Override
        public void releaseResources() {
            bytes = null;
        }
    }
}
