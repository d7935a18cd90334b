package dev.llmrouter.camel.transport;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.entity.AbstractBinAsyncEntityConsumer;
import org.apache.hc.core5.http.nio.support.AbstractAsyncResponseConsumer;
import org.apache.hc.core5.util.ByteArrayBuffer;

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

    private static final class Body extends AbstractBinAsyncEntityConsumer<byte[]> {
        private final int limit;
        private final ByteArrayBuffer buffer = new ByteArrayBuffer(1024);

        Body(int limit) {
            this.limit = limit;
        }

        @Override
        protected void streamStart(ContentType contentType) {
            // nothing to prepare
        }

        @Override
        protected int capacityIncrement() {
            return Integer.MAX_VALUE;
        }

        @Override
        protected void data(ByteBuffer src, boolean endOfStream) throws IOException {
            if (src == null) {
                return;
            }
            if ((long) buffer.length() + src.remaining() > limit) {
                throw new TooLarge(limit);
            }
            buffer.append(src);
        }

        @Override
        protected byte[] generateContent() {
            return buffer.toByteArray();
        }

        @Override
        public void releaseResources() {
            buffer.clear();
        }
    }
}
