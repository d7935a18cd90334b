package dev.llmrouter.camel.quarkus.deployment;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Build-time settings of the llmrouter extension ({@code quarkus.llmrouter.*}).
 */
@ConfigMapping(prefix = "quarkus.llmrouter")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface LlmRouterBuildTimeConfig {

    /**
     * The emulator as a dev service.
     *
     * @return the dev services settings
     */
    DevServices devservices();

    /** Settings of the emulator dev service. */
    interface DevServices {

        /**
         * Whether dev and test mode start the project's OpenRouter emulator on a random loopback port and point the
         * component at it, when no {@code camel.component.llmrouter.base-url} is configured.
         *
         * @return true to start it (the default)
         */
        @WithDefault("true")
        boolean enabled();
    }
}
