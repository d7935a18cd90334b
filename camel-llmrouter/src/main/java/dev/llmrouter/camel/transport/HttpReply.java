package dev.llmrouter.camel.transport;

import java.util.Map;

/**
 * An HTTP answer, fully read.
 *
 * @param status      HTTP status code
 * @param contentType the media type without parameters, lower case; may be null
 * @param headers     response headers by lower-case name (the first value of each)
 * @param body        the body bytes; never null (empty when there was none)
 */
public record HttpReply(int status, String contentType, Map<String, String> headers, byte[] body) {

    public String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public boolean isJson() {
        return contentType != null && (contentType.equals("application/json") || contentType.endsWith("+json"));
    }
}
