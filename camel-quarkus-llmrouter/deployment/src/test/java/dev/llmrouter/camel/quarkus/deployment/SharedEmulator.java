package dev.llmrouter.camel.quarkus.deployment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.llmrouter.test.OpenRouterEmulator;
import dev.llmrouter.test.RecordedCall;

/**
 * One emulator per test JVM, reachable from both class loaders a {@code QuarkusUnitTest} loads the test class in
 * (JUnit's, where the configuration is built, and Quarkus', where the test method runs). Only JDK types cross the
 * boundary, through the system properties: the base URL, a supplier of the chat requests received, and a stopper.
 */
final class SharedEmulator {

    private static final String KEY = "llmrouter.quarkus.test.emulator";

    private SharedEmulator() {
    }

    /** What each recorded chat call is given as: method, path, authorization header, body. */
    static final String METHOD = "method";
    static final String PATH = "path";
    static final String AUTHORIZATION = "authorization";
    static final String BODY = "body";

    @SuppressWarnings("unchecked")
    private static synchronized Map<String, Object> shared() {
        Object existing = System.getProperties().get(KEY);
        if (existing != null) {
            return (Map<String, Object>) existing;
        }
        OpenRouterEmulator emulator = OpenRouterEmulator.create().start();
        emulator.reply("capital of France", "Paris.");
        Map<String, Object> handle = new LinkedHashMap<>();
        handle.put("baseUrl", emulator.baseUrl());
        handle.put("calls", (Supplier<List<Map<String, String>>>) () -> emulator.chatRequests().stream()
                .map(SharedEmulator::describe).toList());
        handle.put("stop", (Runnable) emulator::stop);
        System.getProperties().put(KEY, handle);
        return handle;
    }

    private static Map<String, String> describe(RecordedCall call) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(METHOD, call.method());
        m.put(PATH, call.path());
        m.put(AUTHORIZATION, String.valueOf(call.header("Authorization")));
        m.put(BODY, call.body());
        return m;
    }

    static String baseUrl() {
        return (String) shared().get("baseUrl");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, String>> chatCalls() {
        return ((Supplier<List<Map<String, String>>>) shared().get("calls")).get();
    }

    static synchronized void stop() {
        Object handle = System.getProperties().remove(KEY);
        if (handle instanceof Map<?, ?> m && m.get("stop") instanceof Runnable r) {
            r.run();
        }
    }
}
