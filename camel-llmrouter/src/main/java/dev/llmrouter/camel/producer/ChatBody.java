package dev.llmrouter.camel.producer;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.llmrouter.camel.LlmRouterConstants;
import dev.llmrouter.camel.error.ErrorInfo;
import dev.llmrouter.camel.error.InvalidMessageException;
import dev.llmrouter.camel.plan.Attachment;
import dev.llmrouter.camel.plan.ChatPlanner;
import dev.llmrouter.camel.wire.ChatMessage;
import dev.llmrouter.camel.wire.ChatRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.StreamCache;
import org.apache.camel.TypeConverter;
import org.apache.camel.WrappedFile;
import org.apache.camel.support.ExchangeHelper;

/**
 * Turns a chat message body into what the planner takes, so that the planner never sees a Camel type: messages
 * and requests as they are; {@code byte[]}, {@link File}, {@link Path}, Camel files ({@link WrappedFile}) and
 * streams read once into an {@link Attachment} with their file name and media type; a {@link Reader} read as
 * text; numbers, booleans and types with a registered type converter to String converted. Anything else is
 * refused with what is accepted. A plain {@link InputStream} body is replaced by its bytes, so that it can still be
 * read when the call fails.
 */
public final class ChatBody {

    private ChatBody() {
    }

    public static Object read(Exchange exchange) {
        Message message = exchange.getMessage();
        Object body = message.getBody();
        if (body == null || body instanceof CharSequence || body instanceof ChatMessage || body instanceof List<?>
            || body instanceof Map<?, ?> || body instanceof ChatRequest) {
            return body;
        }
        if (body instanceof Reader) {
            return message.getBody(String.class);
        }
        if (body instanceof byte[] || body instanceof File || body instanceof Path || body instanceof WrappedFile<?>
            || body instanceof InputStream || body instanceof StreamCache) {
            return attachment(exchange, body);
        }
        if (body instanceof Number || body instanceof Boolean || body instanceof Character) {
            return body instanceof java.math.BigDecimal d ? d.toPlainString() : body.toString();
        }
        TypeConverter converter = exchange.getContext().getTypeConverterRegistry()
                .lookup(String.class, body.getClass());
        // Camel's toString() fallback is promoted into the registry once used: it is no converter the user asked for
        if (converter != null && !"ToStringTypeConverter".equals(converter.getClass().getSimpleName())) {
            String text = converter.tryConvertTo(String.class, exchange, body);
            if (text != null) {
                return text;
            }
        }
        throw new InvalidMessageException(ErrorInfo.of("Unsupported message body type " + body.getClass().getName()
                + ": expected " + ChatPlanner.ACCEPTED_BODIES + ". Convert other bodies first, e.g."
                + " .convertBodyTo(String.class) (uses its toString()) or .marshal().json(), or register a Camel"
                + " TypeConverter to String for the type"));
    }

    private static Attachment attachment(Exchange exchange, Object body) {
        Message message = exchange.getMessage();
        String fileName = fileName(message, body);
        byte[] data;
        try {
            data = bytes(exchange, body);
        } catch (Exception e) {
            throw new InvalidMessageException(ErrorInfo.of("Cannot read the message body ("
                    + body.getClass().getName() + (fileName != null ? ", file '" + fileName + "'" : "") + "): "
                    + e.getMessage(), e));
        }
        String mediaType = LlmRouterBinding.mediaType(message);
        if (mediaType == null || mediaType.isBlank()) {
            mediaType = message.getHeader(Exchange.CONTENT_TYPE, String.class);
        }
        return new Attachment(data, fileName, mediaType == null || mediaType.isBlank() ? null : mediaType.trim(),
                Charset.forName(ExchangeHelper.getCharsetName(exchange, true)));
    }

    private static byte[] bytes(Exchange exchange, Object body) throws Exception {
        if (body instanceof byte[] b) {
            return b;
        }
        if (body instanceof File f) {
            return Files.readAllBytes(f.toPath());
        }
        if (body instanceof Path p) {
            return Files.readAllBytes(p);
        }
        if (body instanceof StreamCache cache) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            cache.writeTo(out);
            cache.reset();
            return out.toByteArray();
        }
        if (body instanceof InputStream in) {
            byte[] data = in.readAllBytes();
            exchange.getMessage().setBody(data);
            return data;
        }
        // a Camel file: its component's converters read it (from disk, or the content already fetched)
        return exchange.getContext().getTypeConverter().mandatoryConvertTo(byte[].class, exchange, body);
    }

    private static String fileName(Message message, Object body) {
        File file = body instanceof File f ? f
                : body instanceof WrappedFile<?> w && w.getFile() instanceof File f ? f : null;
        if (file != null) {
            return file.getName();
        }
        if (body instanceof Path p) {
            return p.getFileName() == null ? null : p.getFileName().toString();
        }
        String name = message.getHeader(Exchange.FILE_NAME_ONLY, String.class);
        if (name == null) {
            name = message.getHeader(Exchange.FILE_NAME, String.class);
        }
        if (name == null || name.isBlank()) {
            return null;
        }
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return name.substring(slash + 1);
    }
}
