package dev.llmrouter.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * Writes an event stream with pauses in it (a slow first token, a stall after some deltas). The stream body
 * carries pause marks ({@link #pause(Duration)}); this transformer turns such a body into one that is written up
 * to each mark, flushed, and continued after the pause. What comes before a pause is followed by a keep-alive
 * comment large enough to push it through the server's output buffer, so the client really has it during the
 * pause. Marked answers carry header {@link #HEADER}, which is removed here.
 */
final class PacedBody implements ResponseTransformerV2 {

    static final String HEADER = "X-Emulator-Paced";
    static final String MARK = "\u0000pause:";
    /** Enough bytes to fill the server's output buffer (32 KiB) twice over, so what precedes them is sent. */
    private static final int FLUSH_BYTES = 80 * 1024;

    /** The mark of a pause of this length inside a stream body. */
    static String pause(Duration pause) {
        return MARK + pause.toMillis() + "\u0000";
    }

    @Override
    public String getName() {
        return "openrouter-emulator-paced-body";
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
        HttpHeaders headers = response.getHeaders();
        if (headers == null || !headers.getHeader(HEADER).isPresent()) {
            return response;
        }
        List<HttpHeader> kept = new ArrayList<>();
        for (HttpHeader h : headers.all()) {
            if (!h.key().equalsIgnoreCase(HEADER)) {
                kept.add(h);
            }
        }
        List<Segment> segments = segments(response.getBodyAsString());
        return Response.Builder.like(response).but().headers(new HttpHeaders(kept))
                .body(() -> new PacedStream(segments)).build();
    }

    private record Segment(byte[] bytes, long pauseAfterMs) {
    }

    private static List<Segment> segments(String body) {
        List<Segment> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int mark = body.indexOf(MARK, from);
            if (mark < 0) {
                out.add(new Segment(body.substring(from).getBytes(StandardCharsets.UTF_8), 0));
                return out;
            }
            int end = body.indexOf('\u0000', mark + MARK.length());
            long ms = Long.parseLong(body.substring(mark + MARK.length(), end));
            String text = body.substring(from, mark) + ":" + " ".repeat(FLUSH_BYTES) + "\n\n";
            out.add(new Segment(text.getBytes(StandardCharsets.UTF_8), ms));
            from = end + 1;
        }
    }

    /** The segments in order, sleeping after each one for its pause (on the server thread that writes it). */
    private static final class PacedStream extends InputStream {
        private final List<Segment> segments;
        private int index;
        private int offset;

        PacedStream(List<Segment> segments) {
            this.segments = segments;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (index < segments.size()) {
                Segment s = segments.get(index);
                if (offset < s.bytes().length) {
                    int n = Math.min(len, s.bytes().length - offset);
                    System.arraycopy(s.bytes(), offset, b, off, n);
                    offset += n;
                    return n;
                }
                index++;
                offset = 0;
                if (s.pauseAfterMs() > 0) {
                    try {
                        Thread.sleep(s.pauseAfterMs());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("paced body interrupted");
                    }
                }
            }
            return -1;
        }
    }
}
