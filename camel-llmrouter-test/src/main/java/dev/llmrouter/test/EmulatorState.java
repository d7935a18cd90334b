package dev.llmrouter.test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Everything the emulator remembers between requests: recordings, scripts, faults, generations, key usage.
 * All structures are concurrent; one instance is shared by every request thread.
 */
final class EmulatorState {

    /** A scripted reply; {@code model} null means any model. */
    record Script(String model, String contains, String content) {
    }

    /**
     * A scripted reply to a tool result: matches when the request ends with tool messages and one of them answers a
     * call of {@code tool} (null: any tool) and contains {@code contains}; {@code model} null means any model.
     */
    record ToolScript(String model, String tool, String contains, String content) {
    }

    /** A registered fault with its own use counter, so {@code times(n)} holds under concurrency. */
    static final class FaultRule {
        final String target;
        final EmulatorFault fault;
        private final AtomicInteger used = new AtomicInteger();
        private final long registered = System.nanoTime();

        FaultRule(String target, EmulatorFault fault) {
            this.target = target;
            this.fault = fault;
        }

        /** Takes one use if any is left. */
        boolean tryClaim() {
            if (fault.during() != null && System.nanoTime() - registered >= fault.during().toNanos()) {
                return false;
            }
            if (fault.times() < 0) {
                return true;
            }
            while (true) {
                int n = used.get();
                if (n >= fault.times()) {
                    return false;
                }
                if (used.compareAndSet(n, n + 1)) {
                    return true;
                }
            }
        }
    }

    final EmulatorCatalog catalog;

    private final Queue<RecordedCall> calls = new ConcurrentLinkedQueue<>();
    private final List<Script> scripts = new CopyOnWriteArrayList<>();
    private final List<ToolScript> toolScripts = new CopyOnWriteArrayList<>();
    private final List<FaultRule> modelFaults = new CopyOnWriteArrayList<>();
    private final List<FaultRule> providerFaults = new CopyOnWriteArrayList<>();
    private final Map<String, Generation> generations = new ConcurrentHashMap<>();
    private final AtomicLong generationCounter = new AtomicLong();
    private final AtomicReference<BigDecimal> usage = new AtomicReference<>(BigDecimal.ZERO);
    private final PromptCache promptCache = new PromptCache();
    private volatile BigDecimal keyLimit;
    private volatile String requiredKey;

    EmulatorState(EmulatorCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    void record(RecordedCall call) {
        calls.add(call);
    }

    List<RecordedCall> calls() {
        return List.copyOf(calls);
    }

    void addScript(Script script) {
        scripts.add(script);
    }

    List<Script> scripts() {
        return scripts;
    }

    void addToolScript(ToolScript script) {
        toolScripts.add(script);
    }

    List<ToolScript> toolScripts() {
        return toolScripts;
    }

    void addModelFault(String model, EmulatorFault fault) {
        modelFaults.add(new FaultRule(model, fault));
    }

    void addProviderFault(String provider, EmulatorFault fault) {
        providerFaults.add(new FaultRule(provider, fault));
    }

    /**
     * Claims the first applicable, not exhausted model fault.
     *
     * @param requested the candidate slug as requested (may carry a suffix)
     * @param modelId   the catalog id it resolved to
     * @param stream    whether the request streams (stream-only faults are skipped otherwise)
     */
    EmulatorFault claimModelFault(String requested, String modelId, boolean stream) {
        for (FaultRule rule : modelFaults) {
            boolean matches = "*".equals(rule.target) || rule.target.equals(requested) || rule.target.equals(modelId);
            if (matches && (stream || !rule.fault.streamOnly()) && rule.tryClaim()) {
                return rule.fault;
            }
        }
        return null;
    }

    /** Claims the first applicable, not exhausted provider fault for this provider. */
    EmulatorFault claimProviderFault(EmulatorProvider provider, boolean stream) {
        for (FaultRule rule : providerFaults) {
            boolean matches = "*".equals(rule.target) || provider.matches(rule.target);
            if (matches && (stream || !rule.fault.streamOnly()) && rule.tryClaim()) {
                return rule.fault;
            }
        }
        return null;
    }

    /** The next deterministic generation id: {@code gen-emu-0000000001}, ... */
    String nextGenerationId() {
        return String.format("gen-emu-%010d", generationCounter.incrementAndGet());
    }

    /** The prompt cache of every model and provider. */
    PromptCache promptCache() {
        return promptCache;
    }

    /** Stores a generation and charges its cost to the key. */
    void addGeneration(Generation generation) {
        generations.put(generation.id(), generation);
        usage.accumulateAndGet(generation.cost(), BigDecimal::add);
    }

    Generation generation(String id) {
        return id == null ? null : generations.get(id);
    }

    BigDecimal usage() {
        return usage.get();
    }

    BigDecimal keyLimit() {
        return keyLimit;
    }

    void keyLimit(BigDecimal limit) {
        this.keyLimit = limit;
    }

    /** True when a key limit is set and the usage has reached it. */
    boolean creditsExhausted() {
        BigDecimal limit = keyLimit;
        return limit != null && usage.get().compareTo(limit) >= 0;
    }

    String requiredKey() {
        return requiredKey;
    }

    void requiredKey(String key) {
        this.requiredKey = key;
    }

    /** Forgets everything but the catalog. */
    void reset() {
        calls.clear();
        scripts.clear();
        toolScripts.clear();
        modelFaults.clear();
        providerFaults.clear();
        generations.clear();
        generationCounter.set(0);
        promptCache.clear();
        usage.set(BigDecimal.ZERO);
        keyLimit = null;
        requiredKey = null;
    }
}
