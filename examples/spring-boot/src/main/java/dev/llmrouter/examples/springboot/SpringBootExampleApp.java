package dev.llmrouter.examples.springboot;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import dev.llmrouter.test.OpenRouterEmulator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * A Spring Boot application using camel-llmrouter-starter: routing profiles cheap, balanced and frontier and a daily
 * budget in application.yaml, a route that classifies support messages with the cheap profile, and the spend in the
 * llmrouter dev console ({@code /actuator/camel/llmrouter}) and in Micrometer ({@code /actuator/metrics/llmrouter.cost}).
 * Without OPENROUTER_API_KEY it starts the local OpenRouter emulator on a free loopback port, and says so first.
 */
@SpringBootApplication
public class SpringBootExampleApp {

    public static void main(String[] args) {
        ConfigurableApplicationContext context = run(System.getenv("OPENROUTER_API_KEY"), System.out, args);
        if (context.getEnvironment().getProperty("example.exit-when-done", Boolean.class, false)) {
            context.close();
        }
    }

    /** Starts the application; with a null or blank key, against a new emulator that stops with the context. */
    static ConfigurableApplicationContext run(String apiKey, PrintStream out, String... args) {
        List<String> arguments = new ArrayList<>(List.of(args));
        OpenRouterEmulator emulator = null;
        if (apiKey == null || apiKey.isBlank()) {
            emulator = OpenRouterEmulator.create().start();
            emulator.reply("refund", "billing").reply("parcel", "shipping").reply("password", "account");
            out.println("No OPENROUTER_API_KEY set: using the local OpenRouter emulator at " + emulator.baseUrl());
            arguments.add("--camel.component.llmrouter.base-url=" + emulator.baseUrl());
            arguments.add("--camel.component.llmrouter.api-key=emulator-key");
        } else {
            out.println("OPENROUTER_API_KEY set: calling OpenRouter at https://openrouter.ai/api/v1");
        }
        SpringApplication app = new SpringApplication(SpringBootExampleApp.class);
        OpenRouterEmulator started = emulator;
        app.addInitializers(ctx -> {
            ctx.getBeanFactory().registerSingleton("exampleOutput", new ExampleOutput(out));
            if (started != null) {
                ctx.addApplicationListener(event -> {
                    if (event instanceof ContextClosedEvent) {
                        started.stop();
                    }
                });
            }
        });
        try {
            return app.run(arguments.toArray(String[]::new));
        } catch (RuntimeException e) {
            if (started != null) {
                started.stop();
            }
            throw e;
        }
    }

    /** Where the example prints its results (System.out, or a test's stream). */
    public record ExampleOutput(PrintStream out) {
    }
}
