package dev.llmrouter.camel.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * Writes request bodies as JSON bytes with the {@link WireJson} configuration, reusing Jackson's generator between
 * calls. {@code ObjectMapper.writeValueAsBytes} builds a generator, an I/O context, a write context per object and
 * array, and a growing byte builder for every body, then copies the result; here a small pool keeps generators that
 * each write into their own buffer, so a body costs its result array and little else.
 * <p>
 * A generator is taken out of the pool for one write and put back only after the write succeeded: two calls never
 * share one, and one that failed half-way (its nesting state unknown) is dropped. When every pooled generator is in
 * use, the write falls back to {@code writeValueAsBytes}. A buffer that had to grow past {@value #KEEP_AT_MOST}
 * bytes (an image or a long document in the body) is not kept. Internal.
 */
public final class RequestBodies {

    /** The largest buffer a pooled writer keeps between bodies. */
    static final int KEEP_AT_MOST = 64 * 1024;

    private static final int SLOTS = 16;
    private static final ObjectWriter WRITER = WireJson.mapper().writer();
    private static final AtomicReferenceArray<Writer> POOL = new AtomicReferenceArray<>(SLOTS);

    private RequestBodies() {
    }

    /**
     * The value as JSON bytes: the same bytes {@code WireJson.mapper().writeValueAsBytes(value)} gives.
     *
     * @throws JsonProcessingException when Jackson cannot write the value
     */
    public static byte[] write(Object value) throws JsonProcessingException {
        int home = (int) Thread.currentThread().getId() & (SLOTS - 1);
        Writer w = take(home);
        if (w == null) {
            return WRITER.writeValueAsBytes(value);
        }
        byte[] bytes;
        try {
            bytes = w.write(value);
        } catch (JsonProcessingException e) {
            throw e; // the writer is dropped: its generator may be left inside an object
        } catch (IOException e) {
            throw JsonMappingException.fromUnexpectedIOE(e);
        }
        if (w.out.buf.length <= KEEP_AT_MOST) {
            give(home, w);
        }
        return bytes;
    }

    private static Writer take(int home) {
        for (int i = 0; i < SLOTS; i++) {
            int slot = (home + i) & (SLOTS - 1);
            if (POOL.get(slot) != null) {
                Writer w = POOL.getAndSet(slot, null);
                if (w != null) {
                    return w;
                }
            }
        }
        try {
            return new Writer();
        } catch (IOException e) {
            return null;
        }
    }

    private static void give(int home, Writer w) {
        for (int i = 0; i < SLOTS; i++) {
            if (POOL.compareAndSet((home + i) & (SLOTS - 1), null, w)) {
                return;
            }
        }
        // the pool is full: this writer is garbage
    }

    /** One generator and the buffer it writes into; used by one call at a time. */
    private static final class Writer {
        final Buffer out = new Buffer();
        final JsonGenerator generator;

        Writer() throws IOException {
            generator = WireJson.mapper().getFactory().createGenerator(out);
            // bodies are written one after the other as root values: no separator between them
            generator.setRootValueSeparator(null);
        }

        byte[] write(Object value) throws IOException {
            out.count = 0;
            WRITER.writeValue(generator, value);
            generator.flush();
            return Arrays.copyOf(out.buf, out.count);
        }
    }

    /** A growable byte buffer the generator flushes into. */
    private static final class Buffer extends OutputStream {
        byte[] buf = new byte[2048];
        int count;

        @Override
        public void write(int b) {
            ensure(1);
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }

        private void ensure(int more) {
            if (count + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(count + more, buf.length * 2));
            }
        }
    }
}
