package org.daqhub.web;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.type.LogicalType;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.HibernateValidator;
import org.springframework.stereotype.Component;

/**
 * The one way request bodies are read: JSON bound to a typed record by Jackson (wire names by
 * {@code @JsonProperty}), then checked by the record's Bean Validation constraints. Whatever is
 * wrong is answered with the hub's JSON error naming the field by its wire name and path
 * ({@code connections[1].connection_type is missing}), never a 500.
 *
 * <p>Strict where clients would otherwise be misread: a number is not taken for a string nor a
 * string for a number, and a fraction is not cut to an integer.
 */
@Component
public final class JsonBodies {

    /**
     * How a capability answers a bad body: its problem (BAD_INPUT, 400; UNPROCESSABLE, 422, where
     * the original, a FastAPI service, answered 422) and top-level field names in quotes or not.
     * Malformed JSON is BAD_INPUT in every style.
     */
    public record Style(Problem problem, boolean quoteNames, String alsoAs, String prefix) {

        public static final Style PLAIN = new Style(Problem.BAD_INPUT, false);

        /**
         * @param alsoAs also give the message under this field of the error (ServiceX clients read
         *               {@code message}, Squonk's {@code detail}); null: only {@code error}
         * @param prefix put before every message (ServiceX's "The json request was malformed: ")
         */
        public Style {
            prefix = prefix == null ? "" : prefix;
        }

        public Style(Problem problem, boolean quoteNames) {
            this(problem, quoteNames, null, "");
        }

        public Style(Problem problem, boolean quoteNames, String alsoAs) {
            this(problem, quoteNames, alsoAs, "");
        }

        HubException error(String message) {
            return error(problem, message);
        }

        HubException error(Problem kind, String message) {
            String text = prefix + message;
            return alsoAs == null ? new HubException(kind, text) : new HubException(kind, text, Map.of(alsoAs, text));
        }

        /** A top-level name in quotes if the style says so ({@code 'partition'}); a path as it is. */
        String name(String path) {
            boolean topLevel = path.indexOf('.') < 0 && path.indexOf('[') < 0;
            return quoteNames && topLevel ? "'" + path + "'" : path;
        }
    }

    private final ObjectMapper json;
    private final JsonPropertyNames names;
    private final Validator validator;

    public JsonBodies(ObjectMapper mapper) {
        ObjectMapper strict = mapper.copy();
        strict.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        strict.configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
        strict.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        strict.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        this.json = strict;
        this.names = new JsonPropertyNames(strict);
        this.validator = Validation.byProvider(HibernateValidator.class).configure()
                .propertyNodeNameProvider(names).buildValidatorFactory().getValidator();
    }

    /** The body as a {@code type}, checked; any problem is a {@link HubException} with the style's status. */
    public <T> T read(String body, Class<T> type, Style style) {
        if (body == null || body.isBlank()) {
            throw style.error("empty body: a JSON object is expected");
        }
        return bind(() -> json.readValue(body, type), style);
    }

    /** A body already parsed (a form turned into JSON), bound and checked as {@link #read} does. */
    public <T> T read(JsonNode tree, Class<T> type, Style style) {
        return bind(() -> json.treeToValue(tree, type), style);
    }

    private interface Binding<T> {
        T bind() throws JacksonException;
    }

    private <T> T bind(Binding<T> binding, Style style) {
        T value;
        try {
            value = binding.bind();
        } catch (MismatchedInputException e) {
            throw style.error(mismatch(e, style));
        } catch (JacksonException e) {
            throw style.error(Problem.BAD_INPUT, ErrorMessages.malformedJson(e));
        }
        if (value == null) {
            throw style.error("the body must be a JSON object");
        }
        check(value, "", style);
        return value;
    }

    /**
     * Checks one value's constraints (for parts a capability validates on its own terms, such as
     * the registry's connection items); {@code path} names where it sits in the body.
     */
    public void check(Object value, String path, Style style) {
        Set<ConstraintViolation<Object>> violations = validator.validate(value);
        if (violations.isEmpty()) {
            return;
        }
        ConstraintViolation<Object> first = violations.stream()
                .min(Comparator.comparing((ConstraintViolation<Object> v) -> v.getPropertyPath().toString())).get();
        String where = join(path, first.getPropertyPath().toString());
        throw style.error(style.name(where) + " " + message(first));
    }

    /** A required field that is absent is "missing", whichever constraint found it (@NotBlank too). */
    private static String message(ConstraintViolation<Object> violation) {
        boolean notNull = violation.getConstraintDescriptor().getAnnotation() instanceof NotNull;
        return violation.getInvalidValue() == null && !notNull ? "is missing" : violation.getMessage();
    }

    private String mismatch(MismatchedInputException e, Style style) {
        String path = path(e.getPath());
        if (path.isEmpty()) {
            return "the body must be a JSON object";
        }
        Class<?> target = e.getTargetType();
        if (target == null) {
            return style.name(path) + " has the wrong type";
        }
        if (target.isRecord() || (!target.isPrimitive() && !target.getName().startsWith("java."))) {
            return style.name(path) + " is not an object";
        }
        String constrained = constrainedKind(e.getPath());
        return style.name(path) + " must be " + (constrained != null ? constrained : kind(target));
    }

    /**
     * What a constrained field must be (a @NotBlank one a non-empty string, a @Positive one a positive
     * integer): its type error then says what the constraint would. Null for other fields.
     */
    private String constrainedKind(List<JsonMappingException.Reference> references) {
        JsonMappingException.Reference last = references.get(references.size() - 1);
        Object from = last.getFrom();
        Class<?> owner = from instanceof Class<?> c ? c : from == null ? null : from.getClass();
        Field field = owner == null || last.getFieldName() == null ? null : names.field(owner, last.getFieldName());
        if (field == null) {
            return null;
        }
        if (field.isAnnotationPresent(NotBlank.class)) {
            return "a non-empty string";
        }
        return field.isAnnotationPresent(Positive.class) ? "a positive integer" : null;
    }

    private static String kind(Class<?> target) {
        if (target == String.class) {
            return "a string";
        }
        if (target == Integer.class || target == Long.class || target == int.class || target == long.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(target) || target == double.class) {
            return "a number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "a list";
        }
        return "a " + target.getSimpleName();
    }

    /** {@code connections[1].uid} from Jackson's path of references. */
    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : references) {
            if (r.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private static String join(String prefix, String path) {
        if (prefix.isEmpty()) {
            return path;
        }
        return path.isEmpty() || path.startsWith("[") ? prefix + path : prefix + "." + path;
    }
}
