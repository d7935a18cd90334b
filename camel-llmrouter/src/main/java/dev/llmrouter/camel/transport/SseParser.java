package dev.llmrouter.camel.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns the bytes of a {@code text/event-stream} body into event payloads, chunk by chunk, following the parts of
 * the WHATWG event-stream rules that an OpenAI-style stream uses: lines end in LF, CRLF or CR (a CRLF may straddle
 * two chunks); {@code data:} lines (one leading space dropped) are joined with LF; a blank line dispatches the
 * event; lines starting with {@code :} are comments; other fields ({@code event}, {@code id}, {@code retry}) are
 * ignored; an event left unterminated at the end of the body is dropped, except a final {@code [DONE]} (some
 * OpenAI-compatible servers end the body right after {@code data: [DONE]}, without the blank line).
 * <p>
 * Lines are cut on bytes (CR and LF never occur inside a multi-byte UTF-8 sequence) and only the data of a complete
 * event is decoded, so characters split across chunks come out whole. Not thread-safe: one stream, one thread.
 */
final class SseParser {

    /** Receives what the parser finds. */
    interface Handler {

        /** One event's data, its lines joined with LF. */
        void onData(String data);

        /** An event whose data is {@code [DONE]} (surrounding white space ignored); the parser then stops. */
        void onDone();
    }

    /** Thrown when a line or an event grows past the size limit. */
    static final class EventTooLargeException extends RuntimeException {

        EventTooLargeException(int limit) {
            super("An event of the stream is larger than " + limit + " bytes");
        }
    }

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte[] DATA = {'d', 'a', 't', 'a'};

    private final Handler handler;
    private final int maxEventBytes;
    private byte[] line = new byte[256];
    private int lineLength;
    private byte[] data = new byte[256];
    private int dataLength;
    private int dataLines;
    private boolean afterCr;
    private boolean started;
    private boolean done;

    /**
     * @param handler       where events go
     * @param maxEventBytes the largest line or event data accepted, in bytes
     */
    SseParser(Handler handler, int maxEventBytes) {
        this.handler = handler;
        this.maxEventBytes = maxEventBytes;
    }

    /** True once {@code [DONE]} was dispatched; later input is ignored. */
    boolean isDone() {
        return done;
    }

    /**
     * Consumes all remaining bytes of {@code src}, dispatching every event they complete.
     *
     * @throws EventTooLargeException when a line or an event exceeds the limit
     */
    void feed(ByteBuffer src) {
        while (src.hasRemaining() && !done) {
            byte b = src.get();
            if (afterCr) {
                afterCr = false;
                if (b == LF) {
                    continue; // the second half of a CRLF
                }
            }
            if (b == CR || b == LF) {
                afterCr = b == CR;
                endOfLine();
            } else {
                if (lineLength == line.length) {
                    line = grow(line, lineLength + 1);
                }
                line[lineLength++] = b;
            }
        }
        if (done) {
            src.position(src.limit());
        }
    }

    /** Convenience for tests and arrays: feeds {@code length} bytes from {@code offset}. */
    void feed(byte[] bytes, int offset, int length) {
        feed(ByteBuffer.wrap(bytes, offset, length));
    }

    /**
     * The body ended. A pending event whose data is {@code [DONE]} (its line or its blank line missing) still
     * ends the stream; any other line or event not yet terminated is dropped, as the event-stream rules say.
     */
    void end() {
        if (done) {
            return;
        }
        if (lineLength > 0) {
            endOfLine();
        }
        if (dataLines > 0 && isDone(data, dataLength)) {
            dispatch();
        }
        lineLength = 0;
        dataLength = 0;
        dataLines = 0;
    }

    private static boolean isDone(byte[] bytes, int length) {
        int from = 0;
        int to = length;
        while (from < to && bytes[from] <= ' ') {
            from++;
        }
        while (to > from && bytes[to - 1] <= ' ') {
            to--;
        }
        return to - from == 6 && bytes[from] == '[' && bytes[from + 1] == 'D' && bytes[from + 2] == 'O'
               && bytes[from + 3] == 'N' && bytes[from + 4] == 'E' && bytes[to - 1] == ']';
    }

    private void endOfLine() {
        int start = 0;
        if (!started) {
            started = true;
            // a UTF-8 byte order mark may open the stream
            if (lineLength >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB && line[2] == (byte) 0xBF) {
                start = 3;
            }
        }
        int length = lineLength - start;
        lineLength = 0;
        if (length == 0) {
            dispatch();
            return;
        }
        if (line[start] == ':') {
            return; // comment, e.g. ": OPENROUTER PROCESSING"
        }
        int colon = indexOf(line, start, start + length, (byte) ':');
        int nameEnd = colon < 0 ? start + length : colon;
        if (!Arrays.equals(line, start, nameEnd, DATA, 0, DATA.length)) {
            return; // event, id, retry and unknown fields do not matter here
        }
        int valueStart = colon < 0 ? nameEnd : colon + 1;
        if (valueStart < start + length && line[valueStart] == ' ') {
            valueStart++;
        }
        appendData(line, valueStart, start + length - valueStart);
    }

    private void appendData(byte[] src, int offset, int length) {
        int needed = dataLength + (dataLines > 0 ? 1 : 0) + length;
        if (needed > maxEventBytes) {
            throw new EventTooLargeException(maxEventBytes);
        }
        if (needed > data.length) {
            data = grow(data, needed);
        }
        if (dataLines > 0) {
            data[dataLength++] = LF;
        }
        System.arraycopy(src, offset, data, dataLength, length);
        dataLength += length;
        dataLines++;
    }

    private void dispatch() {
        if (dataLines == 0) {
            return; // an event without data is not dispatched
        }
        String payload = new String(data, 0, dataLength, StandardCharsets.UTF_8);
        dataLength = 0;
        dataLines = 0;
        if (payload.strip().equals("[DONE]")) {
            done = true;
            handler.onDone();
        } else {
            handler.onData(payload);
        }
    }

    private byte[] grow(byte[] array, int needed) {
        if (needed > maxEventBytes) {
            throw new EventTooLargeException(maxEventBytes);
        }
        int size = (int) Math.min(Math.max((long) array.length * 2, needed), maxEventBytes);
        return Arrays.copyOf(array, size);
    }

    private static int indexOf(byte[] array, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (array[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
