package dev.llmrouter.camel.plan;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.llmrouter.camel.error.ErrorInfo;
import dev.llmrouter.camel.error.InvalidMessageException;
import dev.llmrouter.camel.wire.ChatMessage;

/**
 * Turns an {@link Attachment} into the user message: an image becomes an {@code image_url} part, a PDF a
 * {@code file} part, audio an {@code input_audio} part, video a {@code video_url} part (each as base64), text the
 * message text; a prompt goes first as a text part. Anything else is refused: binary is never sent as text.
 */
final class Attachments {

    /** Media types by file name ending. */
    private static final Map<String, String> BY_ENDING = Map.ofEntries(
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("pdf", "application/pdf"),
            Map.entry("wav", "audio/wav"), Map.entry("mp3", "audio/mpeg"), Map.entry("flac", "audio/flac"),
            Map.entry("ogg", "audio/ogg"), Map.entry("m4a", "audio/mp4"), Map.entry("aac", "audio/aac"),
            Map.entry("aiff", "audio/aiff"), Map.entry("aif", "audio/aiff"),
            Map.entry("mp4", "video/mp4"), Map.entry("mpeg", "video/mpeg"), Map.entry("mpg", "video/mpeg"),
            Map.entry("mov", "video/quicktime"), Map.entry("webm", "video/webm"),
            Map.entry("txt", "text/plain"), Map.entry("md", "text/markdown"), Map.entry("csv", "text/csv"),
            Map.entry("html", "text/html"), Map.entry("htm", "text/html"), Map.entry("log", "text/plain"),
            Map.entry("json", "application/json"), Map.entry("xml", "application/xml"),
            Map.entry("yaml", "application/yaml"), Map.entry("yml", "application/yaml"));

    private static final List<String> IMAGES = List.of("image/png", "image/jpeg", "image/gif", "image/webp");

    /** input_audio formats by media type. */
    private static final Map<String, String> AUDIO = Map.ofEntries(
            Map.entry("audio/wav", "wav"), Map.entry("audio/x-wav", "wav"), Map.entry("audio/wave", "wav"),
            Map.entry("audio/vnd.wave", "wav"), Map.entry("audio/mpeg", "mp3"), Map.entry("audio/mp3", "mp3"),
            Map.entry("audio/flac", "flac"), Map.entry("audio/x-flac", "flac"), Map.entry("audio/ogg", "ogg"),
            Map.entry("audio/mp4", "m4a"), Map.entry("audio/x-m4a", "m4a"), Map.entry("audio/m4a", "m4a"),
            Map.entry("audio/aac", "aac"), Map.entry("audio/aiff", "aiff"), Map.entry("audio/x-aiff", "aiff"));

    private static final List<String> VIDEOS = List.of("video/mp4", "video/mpeg", "video/quicktime", "video/webm");

    /** What the error messages list. */
    static final String SUPPORTED = "images (image/png, image/jpeg, image/gif, image/webp), application/pdf,"
                                    + " audio (audio/wav, audio/mpeg, audio/flac, audio/ogg, audio/mp4, audio/aac,"
                                    + " audio/aiff), video (video/mp4, video/mpeg, video/quicktime, video/webm) and"
                                    + " text (text/*, application/json, application/xml, application/yaml)";

    private static final String HOW = ": set header CamelLlmRouterMediaType (or Content-Type) or use a file name"
                                      + " ending such as .png, .pdf or .mp3; supported are " + SUPPORTED
                                      + ". The prompt that goes with a file is option userMessage or header"
                                      + " CamelLlmRouterUserMessage";

    private Attachments() {
    }

    /** The user message for the attachment, with the prompt (may be null) as a text part first. */
    static ChatMessage userMessage(Attachment a, String prompt) {
        String described = describe(a);
        if (a.data().length == 0) {
            throw invalid("The message body is empty: " + described + " has no bytes");
        }
        String declared = essence(a.mediaType());
        String type = declared != null ? declared : byEnding(a.fileName());
        Charset charset = charset(a.mediaType(), a.charset());
        Object part;
        if (type == null) {
            String text = text(a.data(), charset);
            if (text == null) {
                throw invalid("The message body (" + described + ") is binary and has no media type" + HOW);
            }
            return textMessage(text, prompt);
        } else if (IMAGES.contains(type)) {
            part = part("image_url", Map.of("url", dataUrl(type, a.data())));
        } else if ("application/pdf".equals(type)) {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("filename", a.fileName() != null ? a.fileName() : "document.pdf");
            file.put("file_data", dataUrl(type, a.data()));
            part = part("file", file);
        } else if (AUDIO.containsKey(type)) {
            Map<String, Object> audio = new LinkedHashMap<>();
            audio.put("data", Base64.getEncoder().encodeToString(a.data()));
            audio.put("format", AUDIO.get(type));
            part = part("input_audio", audio);
        } else if (VIDEOS.contains(type)) {
            part = part("video_url", Map.of("url", dataUrl(type, a.data())));
        } else if (isText(type)) {
            String text = text(a.data(), charset);
            if (text == null) {
                throw invalid("The message body (" + described + ") is declared as " + type + " but is not "
                              + charset.name() + " text" + HOW);
            }
            return textMessage(text, prompt);
        } else {
            throw invalid("Unsupported media type " + type + " of the message body (" + described + ")" + HOW);
        }
        List<Object> parts = new ArrayList<>(2);
        if (prompt != null) {
            parts.add(textPart(prompt));
        }
        parts.add(part);
        return ChatMessage.userParts(parts);
    }

    /** The user message for a text body: the text alone, or after the prompt as two text parts. */
    static ChatMessage textMessage(String text, String prompt) {
        if (text.isBlank()) {
            throw invalid("The message body is empty: expected the user prompt");
        }
        return prompt == null ? ChatMessage.user(text)
                : ChatMessage.userParts(List.of(textPart(prompt), textPart(text)));
    }

    private static boolean isText(String type) {
        return type.startsWith("text/") || type.equals("application/json") || type.endsWith("+json")
               || type.equals("application/xml") || type.endsWith("+xml") || type.equals("application/yaml")
               || type.equals("application/x-yaml") || type.equals("application/x-www-form-urlencoded");
    }

    /** The media type without parameters, lower case; null when absent or only says "some bytes". */
    private static String essence(String mediaType) {
        if (mediaType == null) {
            return null;
        }
        int semi = mediaType.indexOf(';');
        String t = (semi >= 0 ? mediaType.substring(0, semi) : mediaType).trim().toLowerCase(Locale.ROOT);
        return t.isEmpty() || t.equals("application/octet-stream") || t.equals("binary/octet-stream") ? null : t;
    }

    private static String byEnding(String fileName) {
        if (fileName == null) {
            return null;
        }
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? null : BY_ENDING.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static Charset charset(String mediaType, Charset fallback) {
        int at = mediaType == null ? -1 : mediaType.toLowerCase(Locale.ROOT).indexOf("charset=");
        if (at >= 0) {
            String name = mediaType.substring(at + 8).split(";")[0].trim().replace("\"", "");
            try {
                return Charset.forName(name);
            } catch (IllegalArgumentException e) {
                throw invalid("Unknown charset '" + name + "' in media type " + mediaType);
            }
        }
        return fallback;
    }

    /** The bytes as text, or null when they do not decode or hold control characters (binary). */
    private static String text(byte[] data, Charset charset) {
        String text;
        try {
            text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                return null;
            }
        }
        return text;
    }

    private static String dataUrl(String type, byte[] data) {
        return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(data);
    }

    private static Map<String, Object> part(String type, Object value) {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("type", type);
        part.put(type, value);
        return part;
    }

    private static Map<String, Object> textPart(String text) {
        return part("text", text);
    }

    private static String describe(Attachment a) {
        return a.data().length + " bytes" + (a.fileName() != null ? ", file '" + a.fileName() + "'" : "")
               + (a.mediaType() != null ? ", media type " + a.mediaType() : "");
    }

    private static InvalidMessageException invalid(String message) {
        return new InvalidMessageException(ErrorInfo.of(message));
    }
}
