package dev.llmrouter.camel.plan;

import java.nio.charset.Charset;

/**
 * A body of bytes (a file, an image, a stream) as the shell hands it to the planner, already read once: the planner
 * decides from the media type (or the file name's ending) whether it becomes an image, file, audio or video content
 * part, or text.
 *
 * @param data      the bytes, never null
 * @param fileName  the file name without directory, or null
 * @param mediaType the declared media type (header CamelLlmRouterMediaType, else Content-Type), or null
 * @param charset   the charset that reads the bytes when they are text
 */
public record Attachment(byte[] data, String fileName, String mediaType, Charset charset) {
}
