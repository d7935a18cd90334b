package dev.llmrouter.camel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.llmrouter.camel.error.LlmRouterException;
import dev.llmrouter.camel.error.RequestTimeoutException;
import dev.llmrouter.test.EmulatorFault;
import org.apache.camel.Exchange;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared HTTP client's settings: request timeout, proxy and Camel SSLContextParameters. */
class HttpClientOptionsTest extends EmulatorTestSupport {


    @Test
    void requestTimeoutEndsAWaitWithARetryableTimeout() {
        EMULATOR.emulator().fault("openai/gpt-4o-mini", EmulatorFault.delayOnly(Duration.ofSeconds(3)));
        long start = System.nanoTime();
        Exchange ex = camel.send(camel.chat("maxRetries=0&model=openai/gpt-4o-mini&requestTimeout=300"), "Hi");
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        RequestTimeoutException e = assertInstanceOf(RequestTimeoutException.class, ex.getException());
        assertTrue(e.isRetryable());
        assertTrue(tookMs < 2500, "gave up after " + tookMs + " ms");
        assertEquals("Hi", ex.getMessage().getBody());
    }

    @Test
    void callsGoThroughTheConfiguredProxy() {
        // the emulator stands in for the proxy: a request for an unreachable host can only be answered through it
        useHarness(c -> {
            c.setProxyHost("127.0.0.1");
            c.setProxyPort(EMULATOR.port());
        }, null, "http://openrouter.invalid/api/v1");
        Exchange ex = camel.send(camel.chat("model=openai/gpt-4o-mini"), "Through the proxy");
        assertNull(ex.getException());
        assertEquals("Echo: Through the proxy", ex.getMessage().getBody());
        assertEquals("openrouter.invalid", EMULATOR.emulator().lastRequest().header("Host"));
    }

    @Test
    void sslContextParametersAreUsedForHttps(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-keypass", "changeit").redirectErrorStream(true).start();
        assertEquals(0, keytool.waitFor(), new String(keytool.getInputStream().readAllBytes()));
        assertTrue(Files.size(keystore) > 0);

        WireMockServer https = new WireMockServer(options().bindAddress("127.0.0.1").httpDisabled(true).httpsPort(0)
                .keystorePath(keystore.toString()).keystorePassword("changeit").keyManagerPassword("changeit")
                .keystoreType("PKCS12"));
        https.start();
        try {
            https.stubFor(post(urlEqualTo("/api/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"id\":\"gen-tls\",\"model\":\"m\",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\","
                              + "\"message\":{\"role\":\"assistant\",\"content\":\"over TLS\"}}]}")));
            String baseUrl = "https://localhost:" + https.httpsPort() + "/api/v1";

            // without the trust store the server's certificate is refused
            useHarness(null, null, baseUrl);
            Exchange refused = camel.send(camel.chat("model=m"), "Hi");
            LlmRouterException tls = assertInstanceOf(LlmRouterException.class, refused.getException());
            assertTrue(tls.getMessage().startsWith("TLS failure for POST https://localhost:"), tls.getMessage());
            assertFalse(tls.isRetryable(), "a certificate problem does not heal by retrying");

            KeyStoreParameters trust = new KeyStoreParameters();
            trust.setResource("file:" + keystore);
            trust.setPassword("changeit");
            trust.setType("PKCS12");
            TrustManagersParameters tmp = new TrustManagersParameters();
            tmp.setKeyStore(trust);
            SSLContextParameters ssl = new SSLContextParameters();
            ssl.setTrustManagers(tmp);
            useHarness(c -> c.setSslContextParameters(ssl), null, baseUrl);
            Exchange ok = camel.send(camel.chat("model=m"), "Hi");
            assertNull(ok.getException());
            assertEquals("over TLS", ok.getMessage().getBody());
        } finally {
            https.stop();
        }
    }
}
