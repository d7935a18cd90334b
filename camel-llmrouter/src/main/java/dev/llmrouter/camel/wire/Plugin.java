package dev.llmrouter.camel.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One entry of {@code plugins}. A single record covers the plugin kinds the component sends; fields that do not
 * apply to a kind stay null and are omitted.
 *
 * @param id             the plugin kind
 * @param enabled        false to switch a plugin off for the request
 * @param engine         web: the search engine; context-compression: the compression engine
 * @param maxResults     web: how many results to add
 * @param searchPrompt   web: the text introducing the results
 * @param includeDomains web: the only domains to search
 * @param excludeDomains web: domains never to search
 * @param pdf            file-parser: how PDFs are parsed
 * @param maxUses        web: how many searches the model may run in one turn
 * @param userLocation   web: the approximate user location for location-biased results
 * @param allowedModels  auto-router: model patterns the router may choose from
 * @param costTier       auto-router: the cost band, low, medium, high, xhigh or max
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Plugin(
        String id,
        Boolean enabled,
        String engine,
        Integer maxResults,
        String searchPrompt,
        List<String> includeDomains,
        List<String> excludeDomains,
        Pdf pdf,
        Integer maxUses,
        UserLocation userLocation,
        List<String> allowedModels,
        String costTier) {

    public static final String WEB = "web";
    public static final String FILE_PARSER = "file-parser";
    public static final String RESPONSE_HEALING = "response-healing";
    public static final String CONTEXT_COMPRESSION = "context-compression";
    public static final String AUTO_ROUTER = "auto-router";

    public static Plugin web(
            String engine, Integer maxResults, String searchPrompt, List<String> include, List<String> exclude) {
        return web(engine, maxResults, searchPrompt, include, exclude, null, null);
    }

    public static Plugin web(
            String engine, Integer maxResults, String searchPrompt, List<String> include, List<String> exclude,
            Integer maxUses, UserLocation userLocation) {
        return new Plugin(WEB, null, engine, maxResults, searchPrompt, include, exclude, null, maxUses, userLocation,
                null, null);
    }

    public static Plugin fileParser(String pdfEngine) {
        return new Plugin(FILE_PARSER, null, null, null, null, null, null, new Pdf(pdfEngine), null, null, null, null);
    }

    public static Plugin responseHealing() {
        return new Plugin(RESPONSE_HEALING, null, null, null, null, null, null, null, null, null, null, null);
    }

    public static Plugin contextCompression(String engine) {
        return new Plugin(CONTEXT_COMPRESSION, null, engine, null, null, null, null, null, null, null, null, null);
    }

    public static Plugin autoRouter(List<String> allowedModels, String costTier) {
        return new Plugin(AUTO_ROUTER, null, null, null, null, null, null, null, null, null, allowedModels, costTier);
    }

    /** {@code pdf} options of the file-parser plugin. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Pdf(String engine) {
    }

    /**
     * {@code user_location} of the web plugin: an approximate location; every part is optional.
     *
     * @param type     always {@code approximate}
     * @param city     the city
     * @param region   the region or state
     * @param country  the country
     * @param timezone an IANA time zone, e.g. {@code Europe/Paris}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UserLocation(String type, String city, String region, String country, String timezone) {

        /** An approximate location; null when every part is null. */
        public static UserLocation approximate(String city, String region, String country, String timezone) {
            return city == null && region == null && country == null && timezone == null ? null
                    : new UserLocation("approximate", city, region, country, timezone);
        }
    }
}
