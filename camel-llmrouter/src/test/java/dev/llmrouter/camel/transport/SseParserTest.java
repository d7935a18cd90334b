package dev.llmrouter.camel.transport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SseParserTest {

    private final List<String> events = new ArrayList<>();
    private final SseParser parser = new SseParser(new SseParser.Handler() {
        @Override
        public void onData(String data) {
            events.add(data);
        }

        @Override
        public void onDone() {
            events.add("<done>");
        }
    }, 1024);

    private void feed(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        parser.feed(bytes, 0, bytes.length);
    }

    private void feedBytewise(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            parser.feed(bytes, i, 1);
        }
    }

    @Test
    void commentsAndOtherFieldsAreSkipped() {
        feed(": OPENROUTER PROCESSING\n\n"
                + "event: message\nid: 7\nretry: 1000\ndata: {\"a\":1}\n\n"
                + ":\n"
                + "data: {\"b\":2}\n\n"
                + "data: [DONE]\n\n");
        assertEquals(List.of("{\"a\":1}", "{\"b\":2}", "<done>"), events);
        assertTrue(parser.isDone());
    }

    @Test
    void multiLineDataIsJoinedWithLineFeeds() {
        feed("data: first\ndata:second\ndata:  third\n\n");
        assertEquals(List.of("first\nsecond\n third"), events);
    }

    @Test
    void dataWithoutSpaceAndEmptyData() {
        feed("data:x\n\ndata:\n\ndata\n\n\n\n");
        // "data:" and a bare "data" both make an event with empty data; blank lines alone dispatch nothing
        assertEquals(List.of("x", "", ""), events);
    }

    @Test
    void crLfSplitAcrossChunksIsOneLineEnd() {
        feed("data: a\r");
        feed("\ndata: b\r");
        feed("\n\r");
        feed("\ndata: c\r\n\r\n");
        assertEquals(List.of("a\nb", "c"), events);
    }

    @Test
    void loneCarriageReturnsEndLines() {
        feed("data: a\rdata: b\r\rdata: c\r\r");
        assertEquals(List.of("a\nb", "c"), events);
    }

    @Test
    void utf8SplitAcrossChunksDecodesWhole() {
        String text = "h\u00e9llo \ud83d\ude00 \u4e16\u754c";
        feedBytewise("data: " + text + "\n\n");
        assertEquals(List.of(text), events);
    }

    @Test
    void byteOrderMarkAtStartIsIgnored() {
        parser.feed(new byte[] {(byte) 0xEF, (byte) 0xBB}, 0, 2);
        parser.feed(new byte[] {(byte) 0xBF}, 0, 1);
        feed("data: x\n\n");
        assertEquals(List.of("x"), events);
    }

    @Test
    void doneStopsTheParser() {
        feed("data: a\n\ndata:  [DONE] \n\ndata: after\n\n");
        assertEquals(List.of("a", "<done>"), events);
        assertTrue(parser.isDone());
    }

    @Test
    void doneInsideLargerDataIsData() {
        feed("data: [DONE] not\n\ndata: [DONE]\ndata: x\n\n");
        assertEquals(List.of("[DONE] not", "[DONE]\nx"), events);
        assertFalse(parser.isDone());
    }

    @Test
    void unterminatedEventAtEndIsDropped() {
        feed("data: a\n\ndata: {\"b\":2}\n");
        parser.end();
        assertEquals(List.of("a"), events);
        assertFalse(parser.isDone());
    }

    @Test
    void unterminatedLineAtEndIsDropped() {
        feed("data: a\n\ndata: {\"b\":2}");
        parser.end();
        assertEquals(List.of("a"), events);
        assertFalse(parser.isDone());
    }

    @Test
    void aFinalDoneWithoutTheBlankLineEndsTheStream() {
        feed("data: a\n\ndata: [DONE]\n");
        assertEquals(List.of("a"), events);
        parser.end();
        assertEquals(List.of("a", "<done>"), events);
        assertTrue(parser.isDone());
    }

    @Test
    void aFinalDoneWithoutAnyLineEndEndsTheStream() {
        feedBytewise("data: a\r\n\r\ndata: [DONE] ");
        parser.end();
        assertEquals(List.of("a", "<done>"), events);
        assertTrue(parser.isDone());
    }

    @Test
    void aFinalDoneJoinedToOtherDataIsNotTheEnd() {
        feed("data: a\n\ndata: x\ndata: [DONE]\n");
        parser.end();
        assertEquals(List.of("a"), events);
        assertFalse(parser.isDone());
    }

    @Test
    void endAfterDoneDispatchesNothingMore() {
        feed("data: [DONE]\n\n");
        parser.end();
        assertEquals(List.of("<done>"), events);
    }

    @Test
    void tooLargeEventIsRefused() {
        assertThrows(SseParser.EventTooLargeException.class, () -> feed("data: " + "x".repeat(2000)));
    }

    @Test
    void tooLargeMultiLineEventIsRefused() {
        String line = "data: " + "y".repeat(400) + "\n";
        assertThrows(SseParser.EventTooLargeException.class, () -> feed(line + line + line));
    }
}
