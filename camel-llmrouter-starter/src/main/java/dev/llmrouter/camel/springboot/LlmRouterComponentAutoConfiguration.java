package dev.llmrouter.camel.springboot;

import dev.llmrouter.camel.LlmRouterComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.spring.boot.ComponentConfigurationProperties;
import org.apache.camel.spring.boot.util.ConditionalOnCamelContextAndAutoConfigurationBeans;
import org.apache.camel.spring.boot.util.ConditionalOnHierarchicalProperties;
import org.apache.camel.spring.boot.util.HierarchicalPropertiesEvaluator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Auto-configuration of the {@code llmrouter} component from the {@code camel.component.llmrouter.*} properties,
 * in the manner of Camel's first-party starters: a {@link ComponentCustomizer} applies the properties when Camel
 * creates the component. In addition, unless {@code camel.component.llmrouter.validate-on-startup=false}, the
 * component is created before the CamelContext starts and its options, profiles, targets and budgets are checked,
 * so that an invalid property fails the application's start with a message naming that property; and, unless
 * {@code camel.component.llmrouter.fail-on-unknown-properties=false}, a key that names no property (a misspelling)
 * fails the start naming the closest property ({@link LlmRouterUnknownPropertyCheck}).
 */
@AutoConfiguration(after = CamelAutoConfiguration.class)
@Conditional(ConditionalOnCamelContextAndAutoConfigurationBeans.class)
@EnableConfigurationProperties({ ComponentConfigurationProperties.class, LlmRouterComponentConfiguration.class })
@ConditionalOnHierarchicalProperties({ "camel.component", "camel.component.llmrouter" })
public class LlmRouterComponentAutoConfiguration {

    @Lazy
    @Bean
    public ComponentCustomizer configureLlmRouterComponent(ApplicationContext applicationContext,
                                                           LlmRouterComponentConfiguration configuration) {
        return new ComponentCustomizer() {
            @Override
            public void configure(String name, Component target) {
                new LlmRouterPropertiesApplier(applicationContext, configuration).apply((LlmRouterComponent) target);
            }

            @Override
            public boolean isEnabled(String name, Component target) {
                return HierarchicalPropertiesEvaluator.evaluate(applicationContext,
                        "camel.component.customizer", "camel.component.llmrouter.customizer")
                       && target instanceof LlmRouterComponent;
            }
        };
    }

    /** Fails the start on a camel.component.llmrouter.* key that names no property (off with fail-on-unknown-properties=false). */
    @Bean
    public LlmRouterUnknownPropertyCheck llmRouterUnknownPropertyCheck(ConfigurableEnvironment environment) {
        return new LlmRouterUnknownPropertyCheck(environment);
    }

    @Bean
    public CamelContextConfiguration llmRouterStartupValidation(LlmRouterComponentConfiguration configuration) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                if (Boolean.FALSE.equals(configuration.getValidateOnStartup())) {
                    return;
                }
                LlmRouterComponent component;
                try {
                    component = camelContext.getComponent("llmrouter", LlmRouterComponent.class);
                } catch (RuntimeException e) {
                    LlmRouterPropertyException cause = LlmRouterPropertiesApplier.find(e);
                    throw cause != null ? cause : e;
                }
                if (component != null) {
                    LlmRouterPropertiesApplier.validate(component, configuration);
                }
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                // nothing
            }
        };
    }
}
