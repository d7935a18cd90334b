package dev.llmrouter.examples.quarkus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.llmrouter.camel.LlmRouterComponent;
import dev.llmrouter.test.OpenRouterEmulator;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.camel.quarkus.core.events.ComponentAddEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The example's "emulator by default": when Camel adds the {@code llmrouter} component and neither
 * {@code OPENROUTER_API_KEY} nor {@code camel.component.llmrouter.base-url} is configured, it starts the local
 * OpenRouter emulator on a free loopback port, teaches it the labels of the sample tickets and points the component
 * at it. With the key set the component calls OpenRouter and reads the key from the environment itself; with a base
 * URL set (another OpenAI-compatible server) nothing is started. The emulator stops with the application.
 */
@ApplicationScoped
public class EmulatorByDefault {

    private static final Logger LOG = Logger.getLogger(EmulatorByDefault.class);

    @ConfigProperty(name = "OPENROUTER_API_KEY")
    Optional<String> apiKey;

    @ConfigProperty(name = "camel.component.llmrouter.base-url")
    Optional<String> baseUrl;

    private volatile OpenRouterEmulator emulator;

    void onComponentAdd(@Observes ComponentAddEvent event) {
        if (!(event.getComponent() instanceof LlmRouterComponent llm)) {
            return;
        }
        if (apiKey.filter(k -> !k.isBlank()).isPresent()) {
            LOG.info("OPENROUTER_API_KEY set: calling OpenRouter at https://openrouter.ai/api/v1");
            return;
        }
        if (baseUrl.filter(u -> !u.isBlank()).isPresent()) {
            LOG.infof("Calling the server at %s (camel.component.llmrouter.base-url)", baseUrl.get());
            return;
        }
        OpenRouterEmulator started = OpenRouterEmulator.create().start();
        teach(started);
        llm.getConfiguration().setBaseUrl(started.baseUrl());
        llm.getConfiguration().setApiKey("emulator-key");
        emulator = started;
        LOG.infof("No OPENROUTER_API_KEY set: using the local OpenRouter emulator at %s", started.baseUrl());
    }

    /**
     * The emulator this bean started.
     *
     * @return the running emulator, or empty when the application calls a real server
     */
    public Optional<OpenRouterEmulator> emulator() {
        return Optional.ofNullable(emulator);
    }

    /** What the emulated models answer, by keyword in the ticket (first match wins, "" matches all). */
    static void teach(OpenRouterEmulator emulator) {
        Map<String, String> keywords = new LinkedHashMap<>();
        for (String k : List.of("invoice", "charged", "Rechnung")) {
            keywords.put(k, "billing");
        }
        for (String k : List.of("parcel", "delivery", "Pedido")) {
            keywords.put(k, "shipping");
        }
        for (String k : List.of("password", "admin")) {
            keywords.put(k, "account");
        }
        for (String k : List.of("crashes", "502", "export")) {
            keywords.put(k, "technical");
        }
        keywords.forEach((k, label) -> emulator.replyJson(k, "{\"label\":\"" + label + "\"}"));
        emulator.replyJson("", "{\"label\":\"other\"}");
    }

    @PreDestroy
    void stop() {
        OpenRouterEmulator e = emulator;
        if (e != null) {
            e.stop();
        }
    }
}
