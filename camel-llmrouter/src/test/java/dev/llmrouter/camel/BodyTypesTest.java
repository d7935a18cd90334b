package dev.llmrouter.camel;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmrouter.camel.error.InvalidMessageException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.TypeConverterSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bodies other than a prompt: files, bytes and streams attached by media type with a prompt from userMessage, a
 * single message map, and bodies Camel converts to text; the JSON sent is compared as a parsed tree.
 */
class BodyTypesTest extends EmulatorTestSupport {

    private static final String MODEL = "model=openai/gpt-4o-mini";
    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
    private static final byte[] PDF = "%PDF-1.4\n%\u00e2\u00e3\n1 0 obj".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] AUDIO = { 'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'A', 'V', 'E', (byte) 0xff, 1 };

    @TempDir
    Path dir;

    private static String b64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }

    private static JsonNode request(String messagesJson) {
        return CamelHarness.json("{\"model\":\"openai/gpt-4o-mini\",\"messages\":" + messagesJson + "}");
    }

    private static JsonNode sent() {
        return EMULATOR.emulator().lastRequest().json();
    }

    @Test
    void anImageByteArrayWithMediaTypeHeaderAndPromptHeaderBecomesAnImagePart() {
        Exchange ex = camel.send(camel.chat(MODEL), PNG, Map.of(LlmRouterConstants.MEDIA_TYPE, "image/png",
                LlmRouterConstants.USER_MESSAGE, "What is in this picture?"));

        assertNull(ex.getException());
        assertEquals(request("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is in this picture?\"},"
                             + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64," + b64(PNG)
                             + "\"}}]}]"), sent());
    }

    @Test
    void aPdfFileIsAFilePartWithItsNameAndPdfEngineSendsTheFileParser() throws Exception {
        File pdf = Files.write(dir.resolve("invoice-17.pdf"), PDF).toFile();

        camel.send(camel.chat(MODEL + "&pdfEngine=mistral-ocr&userMessage=Total amount?&systemPrompt=Be brief."), pdf);

        JsonNode expected = CamelHarness.json("{\"model\":\"openai/gpt-4o-mini\",\"plugins\":[{\"id\":\"file-parser\","
                                              + "\"pdf\":{\"engine\":\"mistral-ocr\"}}],\"messages\":["
                                              + "{\"role\":\"system\",\"content\":\"Be brief.\"},"
                                              + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Total amount?\"},"
                                              + "{\"type\":\"file\",\"file\":{\"filename\":\"invoice-17.pdf\","
                                              + "\"file_data\":\"data:application/pdf;base64," + b64(PDF) + "\"}}]}]}");
        assertEquals(expected, sent());
    }

    @Test
    void anAudioPathIsAnInputAudioPartByItsEnding() throws Exception {
        Path mp3 = Files.write(dir.resolve("Voicemail.MP3"), AUDIO);

        camel.send(camel.chat(MODEL + "&userMessage=Transcribe this."), mp3);

        assertEquals(request("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Transcribe this.\"},"
                             + "{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"" + b64(AUDIO)
                             + "\",\"format\":\"mp3\"}}]}]"), sent());
    }

    @Test
    void anInputStreamTakesItsMediaTypeFromContentTypeAndTheHeaderOverridesTheOption() {
        Exchange ex = camel.send(camel.chat(MODEL + "&userMessage=From the option"), new ByteArrayInputStream(AUDIO),
                Map.of(Exchange.CONTENT_TYPE, "audio/wav", LlmRouterConstants.USER_MESSAGE, "From the header"));

        assertNull(ex.getException());
        assertEquals(request("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"From the header\"},"
                             + "{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"" + b64(AUDIO)
                             + "\",\"format\":\"wav\"}}]}]"), sent());
    }

    @Test
    void aFileFromTheFileComponentIsAttachedByItsName() throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Files.write(inbox.resolve("cat.jpg"), PNG);
        String chat = camel.chat(MODEL + "&userMessage=Describe the image.");
        useHarness(null, new RouteBuilder() {
            @Override
            public void configure() {
                from("file:" + inbox.toAbsolutePath() + "?noop=true&initialDelay=0").to(chat).to("mock:done");
            }
        }, EMULATOR.baseUrl());

        long until = System.currentTimeMillis() + 10_000;
        while (EMULATOR.emulator().requestCount() == 0 && System.currentTimeMillis() < until) {
            Thread.sleep(20);
        }

        assertEquals(request("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Describe the image.\"},"
                             + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/jpeg;base64," + b64(PNG)
                             + "\"}}]}]"), sent());
    }

    @Test
    void aTextFileWithoutMediaTypeIsReadAsTextAndThePromptGoesFirst() throws Exception {
        Path ticket = Files.write(dir.resolve("ticket-17"), "My order never arrived.".getBytes(StandardCharsets.UTF_8));

        camel.send(camel.chat(MODEL), ticket);
        assertEquals(request("[{\"role\":\"user\",\"content\":\"My order never arrived.\"}]"), sent());

        camel.send(camel.chat(MODEL + "&userMessage=Classify this ticket."), ticket.toFile());
        assertEquals(request("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Classify this ticket.\"},"
                             + "{\"type\":\"text\",\"text\":\"My order never arrived.\"}]}]"), sent());
    }

    @Test
    void aStringBodyWithUserMessageIsSentAfterThePrompt() {
        camel.send(camel.chat(MODEL + "&userMessage=Translate to French:"), "Good morning");

        assertEquals(request("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Translate to French:\"},"
                             + "{\"type\":\"text\",\"text\":\"Good morning\"}]}]"), sent());
    }

    @Test
    void anUnknownMediaTypeIsRefusedWithoutACallAndTheBodyStays() {
        byte[] zip = { 'P', 'K', 3, 4, 20, 0, 0, 0 };
        Exchange ex = camel.send(camel.chat(MODEL), zip, Map.of(LlmRouterConstants.MEDIA_TYPE, "application/zip"));

        InvalidMessageException e = assertInstanceOf(InvalidMessageException.class, ex.getException());
        assertTrue(e.getMessage().startsWith("Unsupported media type application/zip of the message body (8 bytes,"
                                             + " media type application/zip): set header CamelLlmRouterMediaType"),
                e.getMessage());
        assertTrue(e.getMessage().contains("image/png") && e.getMessage().contains("application/pdf")
                   && e.getMessage().contains("audio/wav") && e.getMessage().contains("option userMessage"),
                e.getMessage());
        assertSame(zip, ex.getMessage().getBody());
        assertEquals(0, EMULATOR.emulator().requestCount());
    }

    @Test
    void binaryWithoutMediaTypeIsNeverSentAsTextAndAStreamBodyStaysReadable() {
        byte[] binary = { 0, 1, 2, (byte) 0xff, (byte) 0xfe, 'x' };
        Exchange ex = camel.send(camel.chat(MODEL), new ByteArrayInputStream(binary),
                Map.of(Exchange.FILE_NAME, "data/blob.bin"));

        InvalidMessageException e = assertInstanceOf(InvalidMessageException.class, ex.getException());
        assertTrue(e.getMessage().startsWith("The message body (6 bytes, file 'blob.bin') is binary and has no media"
                                             + " type: set header CamelLlmRouterMediaType (or Content-Type)"),
                e.getMessage());
        assertArrayEquals(binary, ex.getMessage().getBody(byte[].class));
        assertEquals(0, EMULATOR.emulator().requestCount());
    }

    @Test
    void userMessageWithABodyOfMessagesIsRefused() {
        Exchange ex = camel.send(camel.chat(MODEL + "&userMessage=Hello"),
                List.of(Map.of("role", "user", "content", "Hi")));

        InvalidMessageException e = assertInstanceOf(InvalidMessageException.class, ex.getException());
        assertTrue(e.getMessage().startsWith("Option userMessage (or header CamelLlmRouterUserMessage) is the prompt"
                                             + " for a String, text or file body"), e.getMessage());
        assertEquals(0, EMULATOR.emulator().requestCount());
    }

    @Test
    void aSingleMapBodyIsOneMessage() {
        camel.send(camel.chat(MODEL + "&systemPrompt=Be brief."), Map.of("role", "user", "content", "Hi there"));

        assertEquals(request("[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                             + "{\"role\":\"user\",\"content\":\"Hi there\"}]"), sent());
    }

    @Test
    void aMapBodyWithoutRoleSaysWhatAMapMustHold() {
        Map<String, Object> body = Map.of("text", "Hi");
        Exchange ex = camel.send(camel.chat(MODEL), body);

        InvalidMessageException e = assertInstanceOf(InvalidMessageException.class, ex.getException());
        assertEquals("The Map body has no role: a Map body is one message with role (system, user, assistant or tool)"
                     + " and content", e.getMessage());
        assertSame(body, ex.getMessage().getBody());
        assertEquals(0, EMULATOR.emulator().requestCount());
    }

    @Test
    void numbersAndStringBuildersAreSentAsText() {
        camel.send(camel.chat(MODEL), 42);
        assertEquals(request("[{\"role\":\"user\",\"content\":\"42\"}]"), sent());

        camel.send(camel.chat(MODEL), new java.math.BigDecimal("1E+3"));
        assertEquals(request("[{\"role\":\"user\",\"content\":\"1000\"}]"), sent());

        camel.send(camel.chat(MODEL), new StringBuilder("Hello ").append("there"));
        assertEquals(request("[{\"role\":\"user\",\"content\":\"Hello there\"}]"), sent());
    }

    /** A type a route might carry. */
    record Ticket(String subject) {
    }

    @Test
    void aPojoWithATypeConverterToStringIsConverted() {
        camel.context.getTypeConverterRegistry().addTypeConverter(String.class, Ticket.class,
                new TypeConverterSupport() {
                    @Override
                    public <T> T convertTo(Class<T> type, Exchange exchange, Object value) {
                        return type.cast("Ticket: " + ((Ticket) value).subject());
                    }
                });

        camel.send(camel.chat(MODEL), new Ticket("refund"));

        assertEquals(request("[{\"role\":\"user\",\"content\":\"Ticket: refund\"}]"), sent());
    }

    @Test
    void aPojoWithoutConverterIsRefusedSayingHowToConvertIt() {
        Ticket ticket = new Ticket("refund");
        // once Camel has used its toString() fallback for a type, it is cached in the registry: still refused
        camel.context.getTypeConverter().convertTo(String.class, ticket);

        Exchange ex = camel.send(camel.chat(MODEL), ticket);

        InvalidMessageException e = assertInstanceOf(InvalidMessageException.class, ex.getException());
        assertTrue(e.getMessage().startsWith("Unsupported message body type " + Ticket.class.getName()
                                             + ": expected a String or other CharSequence (the user prompt), a single"
                                             + " ChatMessage, a Map with role and content (one message)"),
                e.getMessage());
        assertTrue(e.getMessage().contains(".convertBodyTo(String.class)"), e.getMessage());
        assertSame(ticket, ex.getMessage().getBody());
        assertEquals(0, EMULATOR.emulator().requestCount());
    }

    @Test
    void aByteArrayThatIsTextKeepsWorkingAsBefore() {
        byte[] text = "Hi".getBytes(StandardCharsets.UTF_8);
        Exchange ex = camel.send(camel.chat(MODEL), text, Map.of(Exchange.CONTENT_TYPE, "text/plain; charset=UTF-8"));

        assertNull(ex.getException());
        assertEquals(request("[{\"role\":\"user\",\"content\":\"Hi\"}]"), sent());
    }
}
