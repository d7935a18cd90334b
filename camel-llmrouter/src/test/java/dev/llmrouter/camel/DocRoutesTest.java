package dev.llmrouter.camel;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.example.Answer;
import com.example.Invoice;
import com.example.Ticket;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmrouter.camel.error.Attempt;
import dev.llmrouter.camel.routing.ChatStream;
import dev.llmrouter.test.EmulatorFault;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.stub.StubComponent;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the routes of README.md and docs/*.md against the emulator, as written: each {@code // doc:} region below is
 * the document's block character for character ({@link DocSnippetsTest} holds them together). The API key and base
 * URL are set on the component, as a user sets them once in application properties; the endpoints the snippets
 * read from or write to (file, jms, websocket) are stubs, so that only llmrouter talks to a server.
 */
class DocRoutesTest extends EmulatorTestSupport {

    /** Starts a context whose llmrouter component talks to the emulator, with {@code routes}. */
    private void start(Consumer<LlmRouterComponent> setup, RouteBuilder routes) {
        useHarness(c -> {
            c.getConfiguration().setApiKey(CamelHarness.API_KEY);
            c.getConfiguration().setBaseUrl(EMULATOR.baseUrl());
            if (setup != null) {
                setup.accept(c);
            }
        }, new RouteBuilder() {
            @Override
            public void configure() throws Exception {
                for (String scheme : List.of("file", "jms", "websocket")) {
                    getContext().addComponent(scheme, new StubComponent());
                }
                getContext().addRoutes(routes);
            }
        }, EMULATOR.baseUrl());
    }

    private Exchange receive(String uri) {
        Exchange e = camel.context.createConsumerTemplate().receive(uri, 20_000);
        assertNotNull(e, "nothing reached " + uri);
        return e;
    }

    private static void assertOk(Exchange e) {
        assertNull(e.getException(), () -> "failed: " + e.getException());
    }

    // ---- README.md

    @Test
    void readmeJavaRouteClassifiesUnderItsCeilingAndBudget() {
        start(c -> {
            c.addBudget("nightly", new LlmRouterBudget(new BigDecimal("5.00"), "daily"));
            LlmRouterTarget local = new LlmRouterTarget();
            local.setBaseUrl(EMULATOR.baseUrl());
            c.addTarget("local", local);
        }, new RouteBuilder() {
            @Override
            public void configure() {
                // doc: README.md
                from("file:tickets")
                    .to("llmrouter:chat?model=openai/gpt-4o-mini&fallbackModels=meta-llama/llama-3.3-70b-instruct"
                        + "&outputClass=com.example.Ticket&escalateModels=anthropic/claude-sonnet-4.5&escalateOn=schema"
                        + "&maxTokens=300&zdr=true&sort=price&maxCostPerRequest=0.01&budget=nightly"
                        + "&targets=openrouter,local")
                    .log("${body.label()} by ${header.CamelLlmRouterResponseModel} for $${header.CamelLlmRouterCost}")
                    .to("jms:queue:classified");
                // end doc
            }
        });
        camel.template.sendBody("file:tickets", "My invoice was charged twice, please refund one of them.");

        Exchange out = receive("jms:queue:classified");
        Ticket ticket = assertInstanceOf(Ticket.class, out.getMessage().getBody());
        assertNotNull(ticket.label());
        assertEquals("openai/gpt-4o-mini", out.getMessage().getHeader(LlmRouterConstants.RESPONSE_MODEL));
        assertTrue(out.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class).signum() > 0);
        JsonNode sent = EMULATOR.emulator().lastRequest().json();
        assertEquals(300, sent.get("max_tokens").asInt());
        assertEquals("json_schema", sent.at("/response_format/type").asText());
    }

    @Test
    void readmeYamlRouteRunsAsWritten() throws Exception {
        DocSnippets.Block block = DocSnippets.blocks(DocSnippets.ROOT.resolve("README.md"), "yaml").get(0);
        start(c -> c.addBudget("nightly", new LlmRouterBudget(new BigDecimal("5.00"), "daily")), new RouteBuilder() {
            @Override
            public void configure() {
            }
        });
        Route route = loadYaml(block);
        AdviceWith.adviceWith(camel.context, route.getRouteId(), a -> a.weaveAddLast().to("mock:readme-yaml"));
        MockEndpoint mock = camel.context.getEndpoint("mock:readme-yaml", MockEndpoint.class);
        mock.expectedMessageCount(1);

        camel.template.sendBody("file:tickets", "The app crashes when I upload a photo.");

        mock.assertIsSatisfied(20_000);
        Exchange out = mock.getReceivedExchanges().get(0);
        assertInstanceOf(Ticket.class, out.getMessage().getBody());
        assertTrue(out.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class).signum() > 0);
        JsonNode sent = EMULATOR.emulator().lastRequest().json();
        assertEquals(300, sent.get("max_tokens").asInt());
        assertTrue(sent.at("/provider/zdr").asBoolean());
    }

    // ---- docs/routing-and-cost.md

    @Test
    void cheapFirstStrongerOnFailure() throws Exception {
        EMULATOR.emulator().fault("anthropic/claude-haiku-4.5", EmulatorFault.status(503).message("Overloaded"));
        Exchange out = runDirect("direct:classify", "Where is my parcel?", new RouteBuilder() {
            @Override
            public void configure() {
                // doc: docs/routing-and-cost.md
                from("direct:classify")
                    .to("llmrouter:chat?model=anthropic/claude-haiku-4.5"
                        + "&fallbackModels=anthropic/claude-sonnet-4.5"
                        + "&maxTokens=10&systemPrompt=Answer with one word.")
                    .log("${body} from ${header.CamelLlmRouterResponseModel} for $${header.CamelLlmRouterCost}");
                // end doc
            }
        });
        assertEquals("anthropic/claude-sonnet-4.5", out.getMessage().getHeader(LlmRouterConstants.RESPONSE_MODEL));
    }

    @Test
    void privacyAndPriceCeilingFragments() throws Exception {
        Exchange privacy = runDirect("direct:private", "Summarise my record.", new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:private")
                    // doc: docs/routing-and-cost.md
                    .to("llmrouter:chat?model=meta-llama/llama-3.3-70b-instruct&zdr=true&dataCollection=deny"
                        + "&providerIgnore=SomeProvider")
                    // end doc
                    ;
            }
        });
        assertOk(privacy);
        JsonNode sent = EMULATOR.emulator().lastRequest().json();
        assertTrue(sent.at("/provider/zdr").asBoolean());
        assertEquals("deny", sent.at("/provider/data_collection").asText());
        assertEquals("SomeProvider", sent.at("/provider/ignore/0").asText());

        Exchange cheap = runDirect("direct:cheap", "Summarise my record.", new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:cheap")
                    // doc: docs/routing-and-cost.md
                    .to("llmrouter:chat?model=meta-llama/llama-3.3-70b-instruct&sort=price"
                        + "&maxPricePrompt=0.5&maxPriceCompletion=1")
                    // end doc
                    ;
            }
        });
        assertOk(cheap);
        sent = EMULATOR.emulator().lastRequest().json();
        assertEquals("price", sent.at("/provider/sort").asText());
        assertEquals(0.5, sent.at("/provider/max_price/prompt").asDouble());
    }

    @Test
    void tenantsPickTheirModelPerMessage() {
        start(null, new RouteBuilder() {
            @Override
            public void configure() {
                // doc: docs/routing-and-cost.md
                from("jms:queue:requests")
                    .setHeader("CamelLlmRouterModel", simple("${header.tenantModel}"))
                    .setHeader("CamelLlmRouterMaxPricePrompt", simple("${header.tenantMaxPrice}"))
                    .setHeader("CamelLlmRouterUser", header("tenantId"))
                    .to("llmrouter:chat?model=openai/gpt-4o-mini&sort=price");
                // end doc
            }
        });
        camel.template.sendBodyAndHeaders("jms:queue:requests", "Hello", Map.of(
                "tenantModel", "anthropic/claude-haiku-4.5", "tenantMaxPrice", "2", "tenantId", "tenant-7"));

        JsonNode sent = awaitRequest();
        assertEquals("anthropic/claude-haiku-4.5", sent.get("model").asText());
        assertEquals(2, sent.at("/provider/max_price/prompt").asDouble());
        assertEquals("tenant-7", sent.get("user").asText());
    }

    @Test
    void structuredOutputWithWebSources() throws Exception {
        Exchange out = runDirect("direct:research", "What is Apache Camel?", new RouteBuilder() {
            @Override
            public void configure() {
                // doc: docs/routing-and-cost.md
                from("direct:research")
                    .to("llmrouter:chat?model=openai/gpt-4o-mini&webSearch=true&webMaxResults=3"
                        + "&outputClass=com.example.Answer")
                    .log("${body.summary()} sources: ${header.CamelLlmRouterCitations}");
                // end doc
            }
        });
        assertInstanceOf(Answer.class, out.getMessage().getBody());
        assertFalse(out.getMessage().getHeader(LlmRouterConstants.CITATIONS, List.class).isEmpty());
    }

    @Test
    void aSecondTargetWhenOpenRouterIsUnreachable() throws Exception {
        EMULATOR.emulator().fault("*", EmulatorFault.status(502).message("Bad gateway"));
        Exchange out = runDirect("direct:summarize", "Summarise: Camel routes messages.", new RouteBuilder() {
            @Override
            public void configure() {
                CamelContext context = getContext();
                // doc: docs/routing-and-cost.md
                LlmRouterTarget local = new LlmRouterTarget();
                local.setBaseUrl("http://localhost:11434/v1");   // Ollama (or vLLM); dialect defaults to openai here
                local.setModel("llama3.1:8b");                   // whatever the endpoint asks for, this server runs llama3.1
                context.getComponent("llmrouter", LlmRouterComponent.class).addTarget("local", local);

                from("direct:summarize")
                    .to("llmrouter:chat?model=anthropic/claude-haiku-4.5&targets=openrouter,local"
                        + "&maxRetries=2&retryDelay=500&maxRetryDelay=10000&totalTimeout=60000")
                    .log("served by ${header.CamelLlmRouterTarget}: ${header.CamelLlmRouterAttempts}");
                // end doc
            }
        });
        // OpenRouter (the emulator) answers 502 to every call and nothing listens where "local" points (a loopback
        // port): the exchange fails once both targets were tried, in the order the route gives
        assertNotNull(out.getException());
        @SuppressWarnings("unchecked")
        List<Attempt> attempts = out.getMessage().getHeader(LlmRouterConstants.ATTEMPTS, List.class);
        List<String> targets = new ArrayList<>();
        attempts.forEach(a -> targets.add(a.target()));
        assertTrue(targets.contains("openrouter") && targets.contains("local"), targets.toString());
    }

    @Test
    void escalationWhenTheAnswerIsBad() throws Exception {
        Exchange out = runDirect("direct:extract", "Invoice 17 from ACME, total 120 EUR.", new RouteBuilder() {
            @Override
            public void configure() {
                // doc: docs/routing-and-cost.md
                from("direct:extract")
                    .to("llmrouter:chat?model=meta-llama/llama-3.3-70b-instruct&outputClass=com.example.Invoice"
                        + "&escalateModels=anthropic/claude-haiku-4.5,anthropic/claude-sonnet-4.5&escalateOn=schema")
                    .log("${body} from ${header.CamelLlmRouterResponseModel}, $${header.CamelLlmRouterCost} in all");
                // end doc
            }
        });
        assertInstanceOf(Invoice.class, out.getMessage().getBody());
    }

    @Test
    void streamingThroughTheSplitter() {
        start(null, new RouteBuilder() {
            @Override
            public void configure() {
                // doc: docs/routing-and-cost.md
                from("direct:chat")
                    .to("llmrouter:chat?model=openai/gpt-4o-mini&stream=true")
                    .split(body()).streaming()
                        .to("websocket:answers")      // each content delta, once the next one has arrived
                    .end()
                    .log("done: ${header.CamelLlmRouterFinishReason}, $${header.CamelLlmRouterCost}");
                // end doc
            }
        });
        Exchange out = camel.template.send("direct:chat", e -> e.getMessage().setBody("Tell me a short story."));
        assertOk(out);
        assertInstanceOf(ChatStream.class, out.getMessage().getBody());
        assertEquals("stop", out.getMessage().getHeader(LlmRouterConstants.FINISH_REASON));
        assertNotNull(receive("websocket:answers").getMessage().getBody(String.class));
    }

    @Test
    void exactResponseCache() throws Exception {
        RouteBuilder routes = new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:cached")
                    // doc: docs/routing-and-cost.md
                    .to("llmrouter:chat?model=openai/gpt-4o-mini&temperature=0&cache=true&cacheTtl=3600000&cacheMaxEntries=10000")
                    // end doc
                    ;
            }
        };
        runDirect("direct:cached", "Capital of France?", routes);
        Exchange second = camel.template.send("direct:cached", e -> e.getMessage().setBody("Capital of France?"));
        assertEquals(Boolean.TRUE, second.getMessage().getHeader(LlmRouterConstants.CACHE_HIT));
        assertEquals(1, EMULATOR.emulator().chatRequests().size());
    }

    @Test
    void profiles() throws Exception {
        Exchange out = runDirect("direct:triage", "Is this urgent?", new RouteBuilder() {
            @Override
            public void configure() {
                LlmRouterComponent llm = getContext().getComponent("llmrouter", LlmRouterComponent.class);
                // doc: docs/routing-and-cost.md
                llm.addProfile("cheap", Map.of("model", "meta-llama/llama-3.3-70b-instruct", "sort", "price", "maxRetries", "1"));
                llm.addProfile("frontier", Map.of("model", "anthropic/claude-sonnet-4.5", "totalTimeout", "120000"));

                from("direct:triage").to("llmrouter:chat?profile=cheap&maxTokens=50");
                // end doc
            }
        });
        assertOk(out);
        JsonNode sent = EMULATOR.emulator().lastRequest().json();
        assertEquals("meta-llama/llama-3.3-70b-instruct", sent.get("model").asText());
        assertEquals(50, sent.get("max_tokens").asInt());
    }

    @Test
    void filesAndImagesAsTheBody() {
        start(null, new RouteBuilder() {
            @Override
            public void configure() {
                // doc: docs/routing-and-cost.md
                from("file:inbox?include=.*\\.(png|jpg|pdf)&move=done")
                    .to("llmrouter:chat?model=openai/gpt-4o-mini&maxTokens=500&pdfEngine=mistral-ocr"
                        + "&userMessage=Describe this document in three sentences.")
                    .to("file:outbox?fileName=${file:name.noext}.txt");
                // end doc
            }
        });
        byte[] png = java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        camel.template.sendBodyAndHeader("file:inbox", png, Exchange.FILE_NAME, "scan.png");

        assertNotNull(receive("file:outbox").getMessage().getBody(String.class));
        JsonNode content = EMULATOR.emulator().lastRequest().json().at("/messages/0/content");
        assertEquals("Describe this document in three sentences.", content.at("/0/text").asText());
        assertEquals("image_url", content.at("/1/type").asText());
        assertTrue(content.at("/1/image_url/url").asText().startsWith("data:image/png;base64,iVBOR"));
    }

    @Test
    void yamlRoutesOfTheRecipesRun() throws Exception {
        List<DocSnippets.Block> blocks = new ArrayList<>();
        for (Path md : DocSnippets.markdownFiles()) {
            // docs/kamelets.md routes call Kamelets: camel-llmrouter-kamelets' KameletDocRoutesTest runs them
            if (!md.endsWith("README.md") && !md.endsWith("kamelets.md")) {
                DocSnippets.blocks(md, "yaml").stream().filter(b -> b.text().startsWith("- route:")).forEach(blocks::add);
            }
        }
        assertFalse(blocks.isEmpty());
        start(null, new RouteBuilder() {
            @Override
            public void configure() {
            }
        });
        for (DocSnippets.Block block : blocks) {
            Route route = loadYaml(block);
            String from = route.getEndpoint().getEndpointUri();
            Exchange out = camel.template.send(from, e -> e.getMessage().setBody("Where is my invoice?"));
            assertNull(out.getException(), () -> block.where() + " failed: " + out.getException());
            assertNotNull(out.getMessage().getHeader(LlmRouterConstants.COST), block.where());
        }
    }

    @Test
    void spendLoggedUnderABudget() {
        start(null, new RouteBuilder() {
            @Override
            public void configure() {
                CamelContext context = getContext();
                // doc: docs/cost-governance.md
                LlmRouterComponent llm = context.getComponent("llmrouter", LlmRouterComponent.class);
                llm.addBudget("nightly", new LlmRouterBudget(new BigDecimal("5.00"), "daily"));
                llm.setUsageLogFile("target/usage.csv");

                from("file:inbox")
                    .to("llmrouter:chat?model=anthropic/claude-haiku-4.5&maxTokens=300"
                        + "&maxCostPerRequest=0.02"                         // refuse anything whose worst case is above 2 cents
                        + "&budget=nightly&budgetScope=route"                 // at most $5 a day for this route
                        + "&onBudgetExceeded=downgrade&downgradeModels=meta-llama/llama-3.3-70b-instruct:free"
                        + "&allowedModels=anthropic/claude-haiku-*,*:free")  // a CI route never reaches a frontier slug
                    .log("${header.CamelLlmRouterCost} spent, ${header.CamelLlmRouterBudgetRemaining} left today");
                // end doc
            }
        });
        camel.template.sendBody("file:inbox", "Summarise: the meeting moved to Friday.");
        JsonNode sent = awaitRequest();
        assertEquals("anthropic/claude-haiku-4.5", sent.get("model").asText());
    }

    @Test
    void migratedRoute() throws Exception {
        Exchange out = runDirect("direct:summarize", "Camel is an integration framework.", new RouteBuilder() {
            @Override
            public void configure() {
                getContext().getPropertiesComponent().addInitialProperty("summary.prompt", "Summarise in one line.");
                // doc: docs/migrating-from-camel-openai.md
                // llmrouter: the key comes from OPENROUTER_API_KEY or camel.component.llmrouter.api-key
                from("direct:summarize")
                    .to("llmrouter:chat?model=openai/gpt-4o-mini&temperature=0.2&maxTokens=400"
                        + "&systemPrompt={{summary.prompt}}"
                        + "&fallbackModels=anthropic/claude-haiku-4.5")
                    .log("${body} (${header.CamelLlmRouterTotalTokens} tokens, $${header.CamelLlmRouterCost})");
                // end doc
            }
        });
        assertOk(out);
        assertEquals("Summarise in one line.", EMULATOR.emulator().lastRequest().json().at("/messages/0/content").asText());
    }

    @Test
    void springBootProfileRoute() throws Exception {
        Exchange out = runDirect("direct:classify", "Where is my invoice?",
                c -> c.addProfile("cheap", Map.of("model", "openai/gpt-4o-mini")), new RouteBuilder() {
                    @Override
                    public void configure() {
                        // doc: docs/spring-boot.md
                        from("direct:classify").to("llmrouter:chat?profile=cheap&systemPrompt=Answer with one word");
                        // end doc
                    }
                });
        assertOk(out);
        assertEquals("Answer with one word", EMULATOR.emulator().lastRequest().json().at("/messages/0/content").asText());
    }

    // ---- helpers

    private Exchange runDirect(String uri, String body, RouteBuilder routes) {
        return runDirect(uri, body, null, routes);
    }

    private Exchange runDirect(String uri, String body, Consumer<LlmRouterComponent> setup, RouteBuilder routes) {
        start(setup, routes);
        return camel.template.send(uri, e -> e.getMessage().setBody(body));
    }

    private Route loadYaml(DocSnippets.Block block) throws Exception {
        List<String> before = camel.context.getRoutes().stream().map(Route::getRouteId).toList();
        PluginHelper.getRoutesLoader(camel.context)
                .loadRoutes(ResourceHelper.fromString(block.doc().replace('/', '-').replace('.', '_') + "-" + block.line() + ".yaml",
                        block.text()));
        return camel.context.getRoutes().stream().filter(r -> !before.contains(r.getRouteId())).findFirst()
                .orElseThrow(() -> new AssertionError(block.where() + " added no route"));
    }

    private JsonNode awaitRequest() {
        long deadline = System.currentTimeMillis() + 20_000;
        while (EMULATOR.emulator().chatRequests().isEmpty()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no request reached the emulator");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        return EMULATOR.emulator().lastRequest().json();
    }
}
