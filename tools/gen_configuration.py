"""Writes LlmRouterConfiguration.java from the option table below (run by hand when options change)."""
import pathlib

# (java type, name, label, default, enums, extra annotation attrs, javadoc)
OPTIONS = [
 ("String","apiKey","security",None,None,'secret = true',
  "The OpenRouter (or OpenAI-compatible server) API key, sent as a bearer token. When not set and baseUrl is OpenRouter's (over https), the environment variable OPENROUTER_API_KEY is used (it is never sent to another server). Never logged. Prefer setting it on the component or through a property placeholder over writing it into an endpoint URI: Camel keeps endpoint URIs, unmasked, in exchange properties such as CamelToEndpoint."),
 ("String","baseUrl","common","https://openrouter.ai/api/v1",None,None,
  "The API root. Point it at any OpenAI-compatible server (vLLM, Ollama, OpenAI) or at a local emulator."),
 ("String","profile","common",None,None,None,
  "The name of a routing profile defined on the component (profiles): a named set of endpoint options such as cheap, balanced or frontier, applied before the options of the endpoint URI (which win)."),
 ("String","dialect","common","openrouter","openrouter,openai",None,
  "What the server at baseUrl understands: openrouter (every field is sent, with the attribution headers) or openai (a plain OpenAI-compatible server such as vLLM, Ollama or OpenAI: OpenRouter's own fields models, provider, plugins, session_id, cache_control, reasoning, image_config, trace and stop_server_tools_when are left out, and so are the X-OpenRouter-* headers; extraBody fields are still sent)."),
 ("String","model","common",None,None,None,
  "The model slug, e.g. anthropic/claude-haiku-4.5. Suffixes such as :online, :nitro, :floor and :free are passed through untouched. When not set, OpenRouter uses the account's default model."),
 ("String","fallbackModels","common",None,None,None,
  "Comma-separated models that OpenRouter tries in order when the model fails (sent as models). You pay only for the model that served."),
 ("String","systemPrompt","common",None,None,None,
  "A system message placed before the user message when the body is a String (or a message list that has no system message)."),
 ("String","userMessage","common",None,None,None,
  "The prompt that goes with the body, sent as a text part before it in the user message: for a file, byte array or stream body (an image, PDF, audio or video attached by its media type, header CamelLlmRouterMediaType) or a text body (String, text file). The header CamelLlmRouterUserMessage overrides it. Not allowed with a body that already holds messages (ChatMessage, Map, List, ChatRequest)."),
 ("Integer","maxTokens","common",None,None,None,"The most tokens the completion may have (max_tokens)."),
 ("Integer","maxCompletionTokens","common",None,None,None,
  "The most tokens the completion may have, as OpenAI's newer field max_completion_tokens (reasoning models require it). When maxTokens is not set, the cost pre-flight uses it as the worst-case completion length."),
 ("String","serviceTier","common",None,"auto,default,fast,flex,priority,scale",None,
  "The service tier the provider processes the request in (service_tier): auto, default, fast (an alias of priority), flex, priority or scale."),
 ("Double","temperature","common",None,None,None,"Sampling temperature, 0 to 2."),
 ("Double","topP","common",None,None,None,"Nucleus sampling, 0 to 1 (top_p)."),
 ("Long","seed","common",None,None,None,"A seed for providers that support deterministic sampling."),
 ("String","stop","common",None,None,None,"Comma-separated stop sequences (at most 4)."),
 ("String","appTitle","common",None,None,None,
  "Your application's name for OpenRouter's attribution (headers X-OpenRouter-Title and X-Title)."),
 ("String","appUrl","common",None,None,None,"Your application's URL for OpenRouter's attribution (header HTTP-Referer)."),
 ("String","sessionId","common",None,None,None,
  "Groups related requests; OpenRouter routes a session to the same provider to keep its prompt cache warm (session_id, at most 256 characters)."),
 ("String","user","common",None,None,None,"A stable end-user id for abuse isolation and attribution (user)."),
 ("Map<String, String>","metadata","common",None,None,'prefix = "metadata.", multiValue = true',
  "Key/value pairs sent as metadata (at most 16), given as metadata.key=value options."),
 ("Map<String, Object>","extraBody","advanced",None,None,'prefix = "extraBody.", multiValue = true',
  "Request fields the component does not model, given as extraBody.field=JSON options (e.g. extraBody.top_a=0.2, extraBody.debug={\"echo_upstream_body\":true}; a string is written \"text\"). They are written last into the request JSON, also for the openai dialect. A value that is not JSON, or a field an option already sets (or model, models, messages, stream), fails at endpoint creation. Header CamelLlmRouterExtraBody adds fields per message."),
 ("Map<String, Object>","trace","advanced",None,None,'prefix = "trace.", multiValue = true',
  "Observability metadata sent as the trace object, given as trace.key=value options (trace_id, trace_name, span_name, generation_name, parent_span_id, or your own keys). Not sent in the openai dialect."),
 ("boolean","openrouterMetadata","advanced","false",None,None,
  "Sends request header X-OpenRouter-Metadata: enabled so OpenRouter adds its routing metadata (openrouter_metadata) to the answer. OpenRouter dialect only."),
 # provider
 ("String","providerOrder","provider",None,None,None,"Comma-separated providers to try first, in order (provider.order)."),
 ("Boolean","allowFallbacks","provider","true",None,None,
  "Whether OpenRouter may use providers other than those in providerOrder when they fail (provider.allow_fallbacks). When not set, nothing is sent and OpenRouter's default (true) applies."),
 ("Boolean","requireParameters","provider",None,None,None,
  "Only use providers that support every parameter of the request (provider.require_parameters)."),
 ("String","dataCollection","provider",None,"allow,deny",None,
  "allow or deny: deny skips providers that may store or train on prompts (provider.data_collection)."),
 ("Boolean","zdr","provider",None,None,None,"Only use zero-data-retention endpoints (provider.zdr)."),
 ("Boolean","enforceDistillableText","provider",None,None,None,
  "Only use models whose authors allow their output to be used for distillation (provider.enforce_distillable_text)."),
 ("String","providerOnly","provider",None,None,None,"Comma-separated providers that alone may serve (provider.only)."),
 ("String","providerIgnore","provider",None,None,None,"Comma-separated providers never to use (provider.ignore)."),
 ("String","headerPolicy","security","narrow","narrow,override",None,
  "What a message may do to the endpoint's policy options (zdr, dataCollection, providerIgnore, providerOnly, maxPrice*, maxTokens, maxCompletionTokens): narrow (the default) lets its headers (CamelLlmRouterZdr, CamelLlmRouterDataCollection, CamelLlmRouterProviderIgnore, CamelLlmRouterProviderOnly, CamelLlmRouterMaxPrice*, CamelLlmRouterMaxTokens, CamelLlmRouterMaxCompletionTokens) and the matching fields of a ChatRequest body only make the call stricter (zdr on, data_collection deny, more providers ignored, fewer allowed, lower caps); a looser value fails the exchange with a PolicyViolationException before anything is sent or reserved, the body unchanged. override lets them replace the options, stricter or looser, as before. Models are checked by allowedModels and deniedModels either way; headers that are not policy (sort, order, system prompt, session id, user, ...) override in both."),
 ("String","quantizations","provider",None,None,None,
  "Comma-separated quantization levels to accept, e.g. fp8,fp16 (provider.quantizations): int4, int8, fp4, mxfp4, nvfp4, fp6, fp8, mxfp8, fp16, bf16, fp32, unknown."),
 ("String","sort","provider",None,"price,throughput,latency,exacto",None,
  "Sort providers instead of load balancing: price, throughput, latency or exacto (provider.sort)."),
 ("String","sortPartition","provider",None,"model,none",None,
  "With sort: model sorts the providers of each model separately; none sorts across all fallback models together (provider.sort.partition)."),
 ("Double","maxPricePrompt","provider",None,None,None,
  "The highest prompt price to accept, in USD per million tokens (provider.max_price.prompt); no provider under it means the call fails."),
 ("Double","maxPriceCompletion","provider",None,None,None,
  "The highest completion price to accept, in USD per million tokens (provider.max_price.completion)."),
 ("Double","maxPriceRequest","provider",None,None,None,
  "The highest fixed price per request to accept, in USD (provider.max_price.request)."),
 ("Double","maxPriceImage","provider",None,None,None,
  "The highest price per input image to accept, in USD (provider.max_price.image)."),
 ("String","preferredMinThroughput","provider",None,None,None,
  "Soft minimum throughput in tokens per second: a number, or percentiles such as p50:100,p90:50. Endpoints below it are tried last (provider.preferred_min_throughput)."),
 ("String","preferredMaxLatency","provider",None,None,None,
  "Soft maximum latency in seconds: a number, or percentiles such as p50:1,p90:3. Endpoints above it are tried last (provider.preferred_max_latency)."),
 # plugins
 ("boolean","webSearch","plugin","false",None,None,"Adds web search results to the prompt (the web plugin); citations come back in header CamelLlmRouterCitations."),
 ("String","webEngine","plugin",None,"native,exa,firecrawl,parallel,perplexity",None,
  "The web search engine: native (the provider's own), exa, firecrawl, parallel or perplexity. Requires webSearch=true."),
 ("Integer","webMaxResults","plugin",None,None,None,"How many search results to add (1 or more). Requires webSearch=true."),
 ("String","webSearchPrompt","plugin",None,None,None,"The text that introduces the search results in the prompt. Requires webSearch=true."),
 ("String","webIncludeDomains","plugin",None,None,None,"Comma-separated domains to search only (wildcards such as *.example.com allowed). Requires webSearch=true."),
 ("String","webExcludeDomains","plugin",None,None,None,"Comma-separated domains never to search. Requires webSearch=true."),
 ("Integer","webMaxUses","plugin",None,None,None,
  "How many searches the model may run in one turn (the web plugin's max_uses, 1 or more). Requires webSearch=true."),
 ("String","webUserLocationCity","plugin",None,None,None,
  "The city of the approximate user location for location-biased search (the web plugin's user_location.city). Requires webSearch=true."),
 ("String","webUserLocationRegion","plugin",None,None,None,
  "The region of the approximate user location (user_location.region of the web plugin). Requires webSearch=true."),
 ("String","webUserLocationCountry","plugin",None,None,None,
  "The country of the approximate user location (user_location.country of the web plugin). Requires webSearch=true."),
 ("String","webUserLocationTimezone","plugin",None,None,None,
  "The IANA time zone of the approximate user location, e.g. Europe/Paris (user_location.timezone of the web plugin). Requires webSearch=true."),
 ("String","webSearchContextSize","plugin",None,"low,medium,high",None,
  "How much search context native web search adds: low, medium or high (web_search_options.search_context_size)."),
 ("String","pdfEngine","plugin",None,"mistral-ocr,native,cloudflare-ai",None,
  "How attached PDFs are parsed (the file-parser plugin, sent on every call): mistral-ocr, native or cloudflare-ai. A PDF body (a file, byte[] or stream with media type application/pdf) is attached as a file part."),
 ("boolean","responseHealing","plugin","false",None,None,
  "Lets OpenRouter repair malformed JSON in structured answers (the response-healing plugin; non-streaming JSON answers only)."),
 ("String","contextCompression","plugin",None,"middle-out",None,
  "Compresses prompts that exceed the context window: middle-out removes messages from the middle (the context-compression plugin)."),
 ("String","autoRouterAllowedModels","plugin",None,None,None,
  "Comma-separated model patterns (wildcards such as anthropic/* allowed) the auto-router may choose from, for model openrouter/auto (the auto-router plugin's allowed_models)."),
 ("String","autoRouterCostTier","plugin",None,"low,medium,high,xhigh,max",None,
  "The cost band the auto-router chooses in, for model openrouter/auto: low, medium, high, xhigh or max (the auto-router plugin's cost_tier)."),
 ("Double","stopServerToolsWhenMaxCost","plugin",None,None,None,
  "Ends OpenRouter's server-tool loop once it has cost this much, in USD (stop_server_tools_when entry of type max_cost). Not sent in the openai dialect."),
 ("Integer","stopServerToolsWhenStepCount","plugin",None,None,None,
  "Ends OpenRouter's server-tool loop after this many steps (stop_server_tools_when entry of type step_count_is). Not sent in the openai dialect."),
 ("Integer","stopServerToolsWhenMaxTokens","plugin",None,None,None,
  "Ends OpenRouter's server-tool loop once it has used this many tokens (stop_server_tools_when entry of type max_tokens_used). Not sent in the openai dialect."),
 # output
 ("String","outputClass","output",None,None,None,
  "A class (fully qualified name) to receive structured output: a strict json_schema response format is derived from it, and the answer is read into an instance of it, which becomes the body."),
 ("String","jsonSchema","output",None,None,None,
  "A JSON Schema resource for structured output (classpath:, file: or http: prefix); sent as a strict json_schema response format. The body stays the JSON text."),
 ("String","jsonSchemaName","output","response",None,None,"The name sent with the jsonSchema response format."),
 ("String","responseMode","output","content","content,full",None,
  "What becomes the body: content (the assistant's text, or the outputClass instance) or full (the whole response object, dev.llmrouter.camel.wire.ChatResponse)."),
 ("String","verbosity","output",None,"low,medium,high",None,
  "How long and detailed the answer should be: low, medium or high (verbosity)."),
 ("String","modalities","output",None,None,None,
  "Comma-separated output modalities: text, image, audio (modalities), e.g. image,text for image generation."),
 ("Map<String, Object>","imageConfig","output",None,None,'prefix = "imageConfig.", multiValue = true',
  "Image generation settings sent as image_config, given as imageConfig.key=value options (e.g. imageConfig.aspect_ratio=16:9); a value that is a number is sent as a number. Not sent in the openai dialect."),
 ("Boolean","logprobs","output",None,None,None,"Whether to return the log probabilities of the output tokens (logprobs)."),
 ("Integer","topLogprobs","output",None,None,None,
  "How many most likely tokens to return at each position, 0 to 20 (top_logprobs). Requires logprobs=true."),
 ("String","prediction","output",None,None,None,
  "Predicted output text, e.g. a file being edited, sent as prediction {type: content, content: ...} so a supporting model can answer faster."),
 ("String","reasoningEffort","output",None,"max,xhigh,high,medium,low,minimal,none",None,
  "Reasoning effort for reasoning models (reasoning.effort). Cannot be combined with reasoningMaxTokens."),
 ("Integer","reasoningMaxTokens","output",None,None,None,"A token budget for reasoning (reasoning.max_tokens)."),
 ("Boolean","reasoningExclude","output",None,None,None,"Reason, but leave the reasoning out of the answer (reasoning.exclude)."),
 ("String","cacheControl","output",None,"5m,1h",None,
  "Adds a top-level automatic prompt-cache breakpoint with this TTL: 5m or 1h (cache_control)."),
 ("List<Object>","tools","output",None,None,None,
  "Tool definitions in OpenAI's tools shape, usually a bean reference (#myTools) to a List of maps or objects. Tool calls come back in header CamelLlmRouterToolCalls."),
 ("String","toolChoice","output",None,"auto,none,required",None,"Whether the model may, must not, or must call a tool: auto, none or required (tool_choice)."),
 ("Boolean","parallelToolCalls","output","true",None,None,"Whether the model may call several tools at once (parallel_tool_calls). When not set, nothing is sent and the provider's default (true) applies."),
 # advanced sampling
 ("Integer","topK","advanced",None,None,None,"Top-k sampling (top_k), where the provider supports it."),
 ("Double","frequencyPenalty","advanced",None,None,None,"Frequency penalty, -2 to 2."),
 ("Double","presencePenalty","advanced",None,None,None,"Presence penalty, -2 to 2."),
 ("Double","repetitionPenalty","advanced",None,None,None,"Repetition penalty, 0 to 2, where the provider supports it."),
 ("Double","minP","advanced",None,None,None,"Min-p sampling, 0 to 1, where the provider supports it."),
 ("Integer","dimensions","embeddings",None,None,None,"For operation embeddings: the vector size to ask for, where the model supports it."),
 ("long","requestTimeout","advanced","180000",None,'javaType = "java.time.Duration"',
  "How long the server may stay silent once the request is sent: the time to the first byte of the answer, and the longest pause between bytes after it. A non-streaming completion sends nothing until it is complete, so allow for the slowest generation."), # resilience
 ("int","maxResponseSize","advanced","67108864",None,None,
  "The most bytes an answer may have: a JSON body, or all the bytes of an event stream together (64 MiB by default). A larger answer fails the exchange with a ResponseTooLargeException naming this option; it is not retried and no other target or model is tried, since the same request would bring an answer as large again. Raise it for very long answers; lower it to bound the memory one exchange may take."),
 ("String","targets","resilience",None,None,None,
  "Comma-separated names of the targets to try, in order, e.g. openrouter,local. A name refers to a target defined on the component (targetDefinitions) or a bean of type dev.llmrouter.camel.LlmRouterTarget in the registry; openrouter, when not defined that way, is the endpoint's own baseUrl and apiKey. When not set, only the endpoint's own target is used; a list without openrouter needs no OpenRouter API key. The next target is tried when one has used up its retries on a retryable failure."),
 ("int","maxRetries","resilience","2",None,None,
  "How many times a target is sent the same request again after a retryable failure (408, 429, 500, 502, 503, 524, 529, connection failures, timeouts) before the next target is tried. 0 sends each request once per target."),
 ("long","retryDelay","resilience","500",None,'javaType = "java.time.Duration"',
  "The first backoff delay; each further retry doubles it, with random jitter (between half and all of the step). A Retry-After header from the server replaces it."),
 ("long","maxRetryDelay","resilience","30000",None,'javaType = "java.time.Duration"',
  "The longest wait between two tries, backoff and Retry-After alike: a server asking for longer is retried after this delay."),
 ("long","totalTimeout","resilience","0",None,'javaType = "java.time.Duration"',
  "The most the whole call may take, all attempts, retries and waits included; 0 means no limit. When it runs out, the call in flight is aborted and the exchange fails with a RequestTimeoutException."),
 ("String","fallbackOn","resilience","noProvider,contextLength",None,None,
  "Comma-separated failures that are not worth retrying at the same target but may pass elsewhere, so they move on to the next target and then the next escalation model instead of ending the call: moderation (a 403 whose metadata names what was flagged; other 403s always end the call), contextLength (a 400 context_length_exceeded: the request is never sent unchanged to the same model again; the next escalateModels model whose catalog context length fits the estimated prompt plus maxTokens is tried, a model whose window is unknown is tried too, else the call fails with ContextLengthExceededException), noProvider (404: no endpoint serves the model under the request's constraints). Other client errors (400, 401, 402) always end the call. Set it to none to end the call on these too."),
 ("String","breakerScope","resilience",None,"target,model",None,
  "What one circuit breaker guards: target (one breaker per target: every fault of a call counts on it) or model (one breaker per target and model: 5xx, 429, timeouts and unreadable answers of model A open A's breaker only, other models of the target are sent as usual; faults of the target itself, connection refused or reset, DNS, TLS, connect timeout, count on a target-wide breaker that gates all its models). Default: model on a target of the openrouter dialect (a gateway that routes each model to its own providers), target on a target of the openai dialect (one provider's server). An open breaker moves the call on at once to the next model of fallbackModels, the next target or the next escalateModels model; CircuitOpenException only when every candidate is open. The breakers themselves (thresholds, wait) are component options."),
 ("String","escalateModels","resilience",None,None,None,
  "Comma-separated stronger models to try in order when the answer fails the escalateOn check, or when every target failed the current model: cheap first, frontier only when needed. Each is sent as the only model (without fallbackModels)."),
 ("String","escalateOn","resilience",None,"invalidJson,schema,predicate",None,
  "The check an answer must pass, else the next escalateModels model is asked: invalidJson (the content must parse as JSON), schema (the content must validate against the outputClass or jsonSchema schema) or predicate (escalateWhen must be false). Defaults to predicate when escalateWhen is set. Rejected answers are billed: their cost is in the attempts header and summed in CamelLlmRouterCost."),
 ("String","escalateWhen","resilience",None,None,None,
  "A predicate evaluated on the answer as the route would see it (body and CamelLlmRouter* headers): when it is true, the answer is rejected and the next escalation model is asked. The language is set by escalateWhenLanguage."),
 ("String","escalateWhenLanguage","resilience","simple",None,None,
  "The language of escalateWhen, e.g. simple, jsonpath, groovy (the language must be on the classpath)."),
 # streaming
 ("boolean","stream","streaming","false",None,None,
  "Streams the answer (server-sent events). The body becomes a dev.llmrouter.camel.routing.ChatStream, an Iterator of content deltas that split(body()).streaming() reads; usage, cost, finish reason and the other answer headers (tool calls merged from their fragments, citations and annotations, reasoning and reasoning details, refusal, images, audio, logprobs) are set when the stream has been read to its end, as for a non-streamed answer. Read the stream inside the route: the exchange closes its stream when it completes, so a ChatStream that nothing read before (e.g. the body ProducerTemplate.requestBody or send hands back) throws an IllegalStateException when iterated; use split(body()).streaming() in the route, or streamTo to get the whole text as the body. Camel's splitter asks for the next delta before it hands on the current one, so each delta reaches the split's steps once the following one has arrived; streamTo delivers each delta the moment it arrives. A stream that fails after content has started raises an exception during the split; before the first content, failures are retried and routed like any other."),
 ("String","streamTo","streaming",None,None,None,
  "With stream=true: an endpoint URI that receives each content delta as its own exchange (body: the delta; header CamelLlmRouterStreamIndex), in order, as it arrives. The original exchange then continues once the stream has ended, with the whole text as its body and the usage and other answer headers set (as with stream=false)."),
 ("long","firstTokenTimeout","resilience","0",None,'javaType = "java.time.Duration"',
  "The longest wait for the first delta of a stream (content, reasoning or tool call), or for the response headers of a plain call; 0 (the default) means no such limit. When it runs out the attempt is abandoned and the call moves on at once to the next target, then the next escalateModels model, without retrying the silent target (a silent provider retried only multiplies the wait). When nothing is left the exchange fails with a FirstTokenTimeoutException (a RequestTimeoutException). Must not be larger than totalTimeout when that is set."),
 ("long","streamIdleTimeout","streaming","30000",None,'javaType = "java.time.Duration"',
  "With stream=true: the longest silence between two deltas (content, reasoning or tool call) once content has started (keep-alive comments do not count); 0 turns it off. A stream silent for longer is abandoned with a StreamStalledException, which streamRecovery may rescue. Keep it well under requestTimeout, which only bounds the silence between bytes."),
 ("String","streamRecovery","streaming",None,"fail,restart,continue",None,
  "With stream=true: what happens when a stream fails after content has started (cut, error chunk, stall). fail: the stream ends with the failure. continue: the next target (or escalateModels model) is sent the original messages plus the text received so far as an assistant prefill, and its deltas are appended to the same stream; a target or model that answers the prefill with a 400 is asked again from the start (restart) and remembered. restart: the next target or model starts the answer over; streamTo first receives an empty delta with header CamelLlmRouterStreamRestart=true, a ChatStream read with split restarts only when nothing had been handed out yet, else it fails. Every attempt's billed cost is summed in CamelLlmRouterCost. Default: continue when a fallback exists (a second target or escalateModels), else fail. continue and restart need such a fallback."),
 # cache
 ("boolean","cache","cache","false",None,None,
  "Answers identical requests from an in-memory cache (exact match on the JSON sent and the target). A hit sets CamelLlmRouterCacheHit=true and CamelLlmRouterCost=0 and sends nothing. Not used with stream=true."),
 ("long","cacheTtl","cache","3600000",None,'javaType = "java.time.Duration"',"How long a cached answer is used."),
 ("long","cacheMaxEntries","cache","1000",None,None,"How many answers the cache holds at most (least recently used go first)."),
 ("boolean","openrouterCache","cache","false",None,None,
  "Asks OpenRouter's own response cache for the answer (header X-OpenRouter-Cache: true); its HIT or MISS comes back in header CamelLlmRouterOpenRouterCacheStatus."),
 # cost
 ("java.math.BigDecimal","maxCostPerRequest","cost",None,None,None,
  "The most one exchange may cost, in USD, checked before anything is sent: the worst case (estimated prompt tokens times the prompt price, plus maxTokens (else maxCompletionTokens, else the context length less the prompt) times the completion price, plus request and web search fees; over the model, its fallbackModels and every escalateModels model) above it fails the exchange with a CostCeilingExceededException and no call. Prices come from pricingCatalog or the target's GET /models."),
 ("boolean","boundServerPrice","cost","true",None,None,
  "With maxCostPerRequest or budget, send OpenRouter provider.max_price at the prices the worst case was computed with (prompt: the highest prompt price, completion: the highest completion or reasoning price, in USD per million tokens, over the model, its fallbackModels and escalateModels), so that OpenRouter refuses providers dearer than the estimate; an explicit maxPricePrompt or maxPriceCompletion (option, header or body) is kept as it is. Targets of the openai dialect get no provider object. Set false to let OpenRouter route to any provider and count the calls above the estimate as overruns."),
 ("String","budget","cost",None,None,None,
  "The name of the budget (defined on the component or as a LlmRouterBudget bean) that calls are booked on: the worst case is reserved before the call and settled at the real cost after it, so concurrent calls cannot overspend. A comma list (e.g. perTenant,team,global) books every call on each of them at once: the worst case is reserved on every level, all or none, and a refusal names the level (BudgetExceededException, header CamelLlmRouterBudgetLevel); each budget keeps its own amount, period, rpm/tpm and scope. Each name at most once."),
 ("String","budgetScope","cost","global","global,route,endpoint",None,
  "What the budget is counted per: global (one pot), route (per route id) or endpoint (per endpoint URI). Header CamelLlmRouterBudgetKey overrides it per message (e.g. a tenant or customer id; never a credential, since the key is stored in the ledger and usage log and shown in the dev console as it is). Applies to every budget that sets no scope of its own (LlmRouterBudget scope), and to one with scope header when the header is absent."),
 ("String","onBudgetExceeded","cost","fail","fail,downgrade",None,
  "When the budget cannot hold a call: fail (a BudgetExceededException, nothing sent) or downgrade (send it to downgradeModels instead, without escalation, if the budget can hold that)."),
 ("String","onRateLimited","cost","fail","fail,wait",None,
  "When the budget's rpm or tpm (requests or tokens per minute, counted on the ledger across every instance sharing it) refuses a call in the current minute: fail (a LocalRateLimitException, nothing sent) or wait (the call is admitted again when the next minute starts, without holding a thread; it fails with LocalRateLimitException if that would end after totalTimeout, or if its worst-case tokens exceed tpm)."),
 ("String","ledgerFailure","cost","failClosed","failClosed,failOpen",None,
  "What a call with a budget does while the ledger cannot be reached: failClosed refuses it (a LedgerUnavailableException, nothing sent, body unchanged) or failOpen sends it without a reservation and books its cost once the ledger is back."),
 ("String","downgradeModels","cost",None,None,None,
  "Comma-separated cheaper models for onBudgetExceeded=downgrade, e.g. meta-llama/llama-3.3-70b-instruct:free: the first is sent as the model, the others as its fallbacks."),
 ("String","allowedModels","cost",None,None,None,
  "Comma-separated glob patterns (* any characters, ? one) of the models that may be called, e.g. openai/gpt-4o-mini,*:free. Checked on model, fallbackModels, escalateModels, downgradeModels (at endpoint creation) and on header overrides (per message); a model not allowed fails before anything is sent."),
 ("String","deniedModels","cost",None,None,None,
  "Comma-separated glob patterns of models that must never be called, e.g. openai/o1*,anthropic/claude-opus-*; a deny wins over an allow."),
 ("String","pricingCatalog","cost",None,None,None,
  "A JSON file in the shape of GET /models (classpath:, file: or http: prefix) to price requests with, for offline use and tests. When not set, the prices are read from the endpoint's GET /models and refreshed every pricingRefreshInterval (a component option)."),
 ("String","unknownModelPolicy","cost","reject","reject,worstCase",None,
  "What a ceiling or budget does with a model that has no price: reject (an UnknownModelPriceException) or worstCase (price it with worstCasePricePrompt and worstCasePriceCompletion)."),
 ("Double","worstCasePricePrompt","cost",None,None,None,"With unknownModelPolicy=worstCase: the prompt price assumed, in USD per million tokens."),
 ("Double","worstCasePriceCompletion","cost",None,None,None,"With unknownModelPolicy=worstCase: the completion price assumed, in USD per million tokens."),
]


NOT_CHAT_OPTIONS = {"profile", "dialect", "apiKey", "baseUrl", "jsonSchema", "jsonSchemaName", "outputClass", "dimensions", "requestTimeout",
    "maxResponseSize",
    "headerPolicy",
    "targets", "maxRetries", "retryDelay", "maxRetryDelay", "totalTimeout", "fallbackOn", "breakerScope", "escalateModels", "escalateOn",
    "escalateWhen", "escalateWhenLanguage", "stream", "streamTo", "firstTokenTimeout", "streamIdleTimeout", "streamRecovery", "cache", "cacheTtl", "cacheMaxEntries",
    "openrouterCache", "maxCostPerRequest", "boundServerPrice", "budget", "budgetScope", "onBudgetExceeded", "onRateLimited", "ledgerFailure", "downgradeModels",
    "allowedModels", "deniedModels", "pricingCatalog", "unknownModelPolicy", "worstCasePricePrompt",
    "worstCasePriceCompletion"}

def field_decl(t, n, label, default, enums, extra):
    attrs = [f'label = "{label}"']
    if default is not None:
        attrs.append(f'defaultValue = "{default}"')
    if enums:
        attrs.append(f'enums = "{enums}"')
    if extra:
        attrs.append(extra)
    init = ""
    if default is not None:
        if t == "String":
            init = f' = "{default}"'
        elif t in ("boolean", "long", "int"):
            init = f" = {default}" + ("L" if t == "long" else "")
    return f"    @UriParam({', '.join(attrs)})\n    private {t} {n}{init};"

def cap(n):
    return n[0].upper() + n[1:]

def getter(t, n):
    prefix = "is" if t == "boolean" else "get"
    ov = "" if n in NOT_CHAT_OPTIONS else "    @Override\n"
    return f"{ov}    public {t} {prefix}{cap(n)}() {{\n        return {n};\n    }}"

def setter(t, n, doc):
    words = doc.split()
    lines, cur = [], "     *"
    for w in words:
        if len(cur) + 1 + len(w) > 116:
            lines.append(cur); cur = "     *"
        cur += " " + w
    lines.append(cur)
    return "    /**\n" + "\n".join(lines) + "\n     */\n" + f"    public void set{cap(n)}({t} {n}) {{\n        this.{n} = {n};\n    }}"

fields = "\n".join(field_decl(t, n, l, d, e, x) for t, n, l, d, e, x, _ in OPTIONS)
methods = "\n\n".join(getter(t, n) + "\n\n" + setter(t, n, doc) for t, n, l, d, e, x, doc in OPTIONS)
src = f'''package dev.llmrouter.camel;

import java.util.List;
import java.util.Map;

import dev.llmrouter.camel.plan.ChatOptions;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Configurer;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * The options of an {{@code llmrouter}} endpoint. Set on the component, they are the defaults of every endpoint;
 * set on an endpoint URI, they override the component's. Per message, {{@code CamelLlmRouter*}} headers override
 * a subset (see {{@link LlmRouterConstants}}).
 * <p>
 * Generated from {{@code tools/gen_configuration.py}}: edit the option table there.
 */
@UriParams
@Configurer
public class LlmRouterConfiguration implements Cloneable, ChatOptions {{

{fields}

    /** A copy that an endpoint may change without touching the component's defaults. */
    public LlmRouterConfiguration copy() {{
        try {{
            LlmRouterConfiguration copy = (LlmRouterConfiguration) clone();
            if (metadata != null) {{
                copy.metadata = new java.util.LinkedHashMap<>(metadata);
            }}
            if (extraBody != null) {{
                copy.extraBody = new java.util.LinkedHashMap<>(extraBody);
            }}
            if (trace != null) {{
                copy.trace = new java.util.LinkedHashMap<>(trace);
            }}
            if (imageConfig != null) {{
                copy.imageConfig = new java.util.LinkedHashMap<>(imageConfig);
            }}
            return copy;
        }} catch (CloneNotSupportedException e) {{
            throw new RuntimeCamelException(e);
        }}
    }}

{methods}
}}
'''
out = pathlib.Path(__file__).resolve().parent.parent / "camel-llmrouter/src/main/java/dev/llmrouter/camel/LlmRouterConfiguration.java"
out.write_text(src)
print("wrote", out, len(OPTIONS), "options")
