package org.daqhub.capabilities;

import java.util.Map;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** {@link ConditionalOnCapability}: reads {@code daqhub.capabilities} (an unknown name fails the start). */
class OnCapabilityCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnCapability.class.getName());
        Capability capability = (Capability) attributes.get("value");
        return Capabilities.from(context.getEnvironment()).runs(capability);
    }
}
