package dev.llmrouter.test;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the {@link OpenRouterEmulator} as a process: {@code java ... dev.llmrouter.test.OpenRouterEmulatorMain
 * [port] [--catalog file.json]}. Prints exactly one line, {@code OpenRouter emulator listening on <baseUrl>},
 * and serves until the process is stopped.
 */
public final class OpenRouterEmulatorMain {

    private OpenRouterEmulatorMain() {
    }

    /**
     * Starts the emulator and blocks until the JVM shuts down.
     *
     * @param args {@code [port] [--catalog file.json]}; port 0 or none picks a free port
     */
    public static void main(String[] args) {
        OpenRouterEmulator emulator;
        try {
            emulator = launch(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: OpenRouterEmulatorMain [port] [--catalog file.json]");
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.stop();
            stopped.countDown();
        }, "openrouter-emulator-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emulator.stop();
        }
    }

    /**
     * Parses the arguments, starts an emulator and prints its one line; for embedding and tests.
     *
     * @param args {@code [port] [--catalog file.json]}
     * @param out  where the line is printed
     * @return the running emulator (the caller stops it)
     * @throws IllegalArgumentException on bad arguments
     */
    public static OpenRouterEmulator launch(String[] args, PrintStream out) {
        int port = 0;
        EmulatorCatalog catalog = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ("--catalog".equals(arg)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--catalog needs a file");
                }
                catalog = EmulatorCatalog.fromJson(Path.of(args[++i]));
            } else if (arg.startsWith("--catalog=")) {
                catalog = EmulatorCatalog.fromJson(Path.of(arg.substring("--catalog=".length())));
            } else {
                try {
                    port = Integer.parseInt(arg);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a port: " + arg, e);
                }
            }
        }
        OpenRouterEmulator emulator = OpenRouterEmulator
                .create(catalog == null ? EmulatorCatalog.defaults() : catalog, port).start();
        out.println("OpenRouter emulator listening on " + emulator.baseUrl());
        out.flush();
        return emulator;
    }
}
