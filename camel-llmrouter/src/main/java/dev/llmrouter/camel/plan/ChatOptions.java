package dev.llmrouter.camel.plan;

import java.util.List;
import java.util.Map;

/**
 * The endpoint options that shape a chat request, as the planner reads them. The Camel configuration class
 * implements this interface, so option names and this view cannot drift apart. Values are raw (as configured);
 * {@link TemplateFactory} validates and converts them.
 */
public interface ChatOptions {

    String getModel();

    String getFallbackModels();

    String getSystemPrompt();

    String getUserMessage();

    Integer getMaxTokens();

    Integer getMaxCompletionTokens();

    Double getTemperature();

    Double getTopP();

    Integer getTopK();

    Double getFrequencyPenalty();

    Double getPresencePenalty();

    Double getRepetitionPenalty();

    Double getMinP();

    Long getSeed();

    String getStop();

    String getServiceTier();

    Map<String, Object> getExtraBody();

    Map<String, Object> getTrace();

    boolean isOpenrouterMetadata();

    String getAppTitle();

    String getAppUrl();

    String getSessionId();

    String getUser();

    Map<String, String> getMetadata();

    String getProviderOrder();

    Boolean getAllowFallbacks();

    Boolean getRequireParameters();

    String getDataCollection();

    Boolean getZdr();

    Boolean getEnforceDistillableText();

    String getProviderOnly();

    String getProviderIgnore();

    String getQuantizations();

    String getSort();

    String getSortPartition();

    Double getMaxPricePrompt();

    Double getMaxPriceCompletion();

    Double getMaxPriceRequest();

    Double getMaxPriceImage();

    String getPreferredMinThroughput();

    String getPreferredMaxLatency();

    boolean isWebSearch();

    String getWebEngine();

    Integer getWebMaxResults();

    String getWebSearchPrompt();

    String getWebIncludeDomains();

    String getWebExcludeDomains();

    Integer getWebMaxUses();

    String getWebUserLocationCity();

    String getWebUserLocationRegion();

    String getWebUserLocationCountry();

    String getWebUserLocationTimezone();

    String getWebSearchContextSize();

    String getPdfEngine();

    boolean isResponseHealing();

    String getContextCompression();

    String getAutoRouterAllowedModels();

    String getAutoRouterCostTier();

    Double getStopServerToolsWhenMaxCost();

    Integer getStopServerToolsWhenStepCount();

    Integer getStopServerToolsWhenMaxTokens();

    String getVerbosity();

    String getModalities();

    Map<String, Object> getImageConfig();

    Boolean getLogprobs();

    Integer getTopLogprobs();

    String getPrediction();

    String getReasoningEffort();

    Integer getReasoningMaxTokens();

    Boolean getReasoningExclude();

    String getCacheControl();

    List<Object> getTools();

    String getToolChoice();

    Boolean getParallelToolCalls();
}
