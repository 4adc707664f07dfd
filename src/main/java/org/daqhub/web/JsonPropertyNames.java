package org.daqhub.web;

import java.lang.reflect.Field;
import java.util.List;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import org.hibernate.validator.spi.nodenameprovider.JavaBeanProperty;
import org.hibernate.validator.spi.nodenameprovider.Property;
import org.hibernate.validator.spi.nodenameprovider.PropertyNodeNameProvider;

/**
 * Names the fields in Bean Validation's messages as clients spell them (Jackson's names,
 * {@code data_type}), not as Java does ({@code dataType}); and the other way, the field behind a
 * wire name, for JsonBodies' type errors.
 */
final class JsonPropertyNames implements PropertyNodeNameProvider {

    private final ObjectMapper json;

    JsonPropertyNames(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public String getName(Property property) {
        if (property instanceof JavaBeanProperty bean) {
            for (BeanPropertyDefinition definition : properties(bean.getDeclaringClass())) {
                if (definition.getInternalName().equals(property.getName())) {
                    return definition.getName();
                }
            }
        }
        return property.getName();
    }

    /**
     * The field behind a wire name (its constraints tell what a value must be; a record component's
     * annotations land on its field, as neither Jackson's nor Bean Validation's target components); null
     * if none.
     */
    Field field(Class<?> owner, String wireName) {
        for (BeanPropertyDefinition definition : properties(owner)) {
            if (definition.getName().equals(wireName)) {
                try {
                    return owner.getDeclaredField(definition.getInternalName());
                } catch (NoSuchFieldException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private List<BeanPropertyDefinition> properties(Class<?> type) {
        BeanDescription description = json.getDeserializationConfig().introspect(json.constructType(type));
        return description.findProperties();
    }
}
