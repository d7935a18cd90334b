package dev.llmrouter.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class ConcurrencyTest {

    @Test
    void sixtyFourConcurrentClientsGetDistinctGenerationsAndExactCounts() throws Exception {
        int clients = 64;
        int perClient = 5;
        try (OpenRouterEmulator emulator = OpenRouterEmulator.create().start()) {
            emulator.fault("openai/gpt-4o-mini", EmulatorFault.status(503).times(10));
            Http http = new Http(emulator);
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<List<HttpResponse<String>>>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> {
                    List<HttpResponse<String>> out = new ArrayList<>();
                    for (int i = 0; i < perClient; i++) {
                        out.add(http.post("/chat/completions",
                                Http.userChat("openai/gpt-4o-mini", "client " + client + " call " + i)));
                    }
                    return out;
                }));
            }
            Set<String> ids = new HashSet<>();
            int failures = 0;
            for (Future<List<HttpResponse<String>>> f : futures) {
                for (HttpResponse<String> r : f.get()) {
                    if (r.statusCode() == 503) {
                        failures++;
                    } else {
                        assertEquals(200, r.statusCode(), r.body());
                        ids.add(Http.parse(r.body()).get("id").asText());
                    }
                }
            }
            pool.shutdown();
            assertEquals(10, failures);
            assertEquals(clients * perClient - 10, ids.size());
            assertEquals(clients * perClient, emulator.chatRequests().size());
        }
    }
}
