package org.daqhub.web;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import org.hibernate.validator.spi.nodenameprovider.JavaBeanProperty;
import org.hibernate.validator.spi.nodenameprovider.Property;
import org.hibernate.validator.spi.nodenameprovider.PropertyNodeNameProvider;

/**
 * Names the fields in Bean Validation's messages as clients spell them (Jackson's names,
 * {@code data_type}), not as Java does ({@code dataType}).
 */
final class JsonPropertyNames implements PropertyNodeNameProvider {

    private final ObjectMapper json;

    JsonPropertyNames(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public String getName(Property property) {
        if (property instanceof JavaBeanProperty bean) {
            BeanDescription description = json.getDeserializationConfig()
                    .introspect(json.constructType(bean.getDeclaringClass()));
            for (BeanPropertyDefinition definition : description.findProperties()) {
                if (definition.getInternalName().equals(property.getName())) {
                    return definition.getName();
                }
            }
        }
        return property.getName();
    }
}
