package dev.llmrouter.camel.transport;

import java.time.Duration;

import javax.net.ssl.SSLContext;

/**
 * How the shared HTTP client is built.
 *
 * @param maxConnections  connection pool size (also per host: all calls of a target go to one host)
 * @param ioThreads       I/O reactor threads; 0 for one per CPU
 * @param connectTimeout  TCP/TLS connect timeout
 * @param responseTimeout default wait for an answer once the request is sent
 * @param proxyHost       HTTP proxy host, or null
 * @param proxyPort       HTTP proxy port
 * @param sslContext      TLS context, or null for the JVM default
 */
public record HttpSettings(
        int maxConnections,
        int ioThreads,
        Duration connectTimeout,
        Duration responseTimeout,
        String proxyHost,
        int proxyPort,
        SSLContext sslContext) {
}
