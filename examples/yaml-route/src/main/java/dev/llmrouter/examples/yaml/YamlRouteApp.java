package dev.llmrouter.examples.yaml;

import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.llmrouter.test.OpenRouterEmulator;
import org.apache.camel.main.Main;

/**
 * Runs src/main/resources/routes/classify.camel.yaml with camel-main; every llmrouter option is in
 * application.properties. This class only decides what cannot be written there: the emulator's address when
 * OPENROUTER_API_KEY is not set, and the input and output folders.
 */
public final class YamlRouteApp {

    private YamlRouteApp() {
    }

    public static void main(String[] args) throws Exception {
        Path outputDir = Path.of(args.length > 0 ? args[0] : "target/yaml-route");
        run(System.getenv("OPENROUTER_API_KEY"), outputDir, System.out);
    }

    /** Runs the route until it has been idle for 2 seconds; returns the labels file. */
    public static Path run(String apiKey, Path outputDir, PrintStream out) throws Exception {
        OpenRouterEmulator emulator = null;
        Main main = new Main();
        if (apiKey == null || apiKey.isBlank()) {
            emulator = OpenRouterEmulator.create().start();
            teach(emulator);
            out.println("No OPENROUTER_API_KEY set: using the local OpenRouter emulator at " + emulator.baseUrl());
            main.addOverrideProperty("camel.component.llmrouter.base-url", emulator.baseUrl());
            main.addOverrideProperty("camel.component.llmrouter.api-key", "emulator-key");
        } else {
            out.println("Calling OpenRouter at https://openrouter.ai/api/v1 (key from OPENROUTER_API_KEY)");
        }
        Path labels = prepare(main, outputDir);
        try {
            main.run();
        } finally {
            if (emulator != null) {
                emulator.stop();
            }
        }
        out.println("Labels written to " + labels.toAbsolutePath() + ":");
        if (Files.exists(labels)) {
            out.print(Files.readString(labels, StandardCharsets.UTF_8));
        }
        return labels;
    }

    /** Points the route at the sample tickets on the classpath and at the output folder (emptied first). */
    static Path prepare(Main main, Path outputDir) throws Exception {
        URL input = YamlRouteApp.class.getResource("/input/tickets.txt");
        if (input == null || !"file".equals(input.getProtocol())) {
            throw new IllegalStateException("run from the project (mvn ... -Drun-example): input/tickets.txt must be a file");
        }
        main.addOverrideProperty("input.dir", Path.of(input.toURI()).getParent().toString());
        main.addOverrideProperty("output.dir", outputDir.toAbsolutePath().toString());
        Path labels = outputDir.resolve("labels.txt");
        Files.deleteIfExists(labels);
        Files.deleteIfExists(outputDir.resolve("usage.csv"));
        return labels;
    }

    /** Emulator mode only: what the emulated models answer, by keyword in the ticket (first match wins). */
    public static void teach(OpenRouterEmulator emulator) {
        emulator.reply("invoice", "billing")
                .reply("parcel", "shipping")
                .reply("password", "account")
                .reply("crashes", "technical")
                .reply("", "other");
    }
}
