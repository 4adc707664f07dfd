package org.daqhub.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.unit.DataSize;
import org.springframework.util.unit.DataUnit;

/**
 * The hub's defaults have one home: the compact constructor of each {@code daqhub.*} properties
 * record, which fills what was not configured. This property source, consulted after every other,
 * makes those values visible where no record is bound: {@code {{...}}} placeholders in
 * {@code routes/*.yaml} and {@code ${...}} in annotations. So application.yml sets only what a
 * deployment changes, and a default is changed in one place.
 *
 * <p>Defaults that depend on another property (directories under {@code daqhub.data-dir}) are
 * resolved by the records' {@code under(DataDirectory)} and have no value here; their keys are
 * still {@link #keys() known}.
 */
public final class HubDefaults implements EnvironmentPostProcessor, Ordered {

    public static final String SOURCE = "daqhubDefaults";
    private static final String PACKAGE = "org.daqhub";

    /** Properties read without a record, each with the one place that gives its default. */
    private static final Set<String> WITHOUT_RECORD = Set.of(
            "daqhub.capabilities", // Capabilities: all
            "daqhub.instance-id", // InstanceIdEnvironmentPostProcessor: random per process
            "daqhub.version"); // the build's version, from the jar

    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Set<String> keys = new TreeSet<>(WITHOUT_RECORD);

    public HubDefaults() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        scanner.findCandidateComponents(PACKAGE).forEach(candidate -> {
            Class<?> type = load(candidate.getBeanClassName());
            if (type.isRecord()) {
                ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
                String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
                collect(prefix, defaultsOf(type));
            }
        });
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, values));
    }

    /**
     * Right after the config files are loaded (which adds their sources last: before, the defaults
     * would rank above application-services.yml) and before the hub's other post-processors, which
     * read the defaults.
     */
    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }

    /** Every default, by property name, as text a property file would hold. */
    public Map<String, Object> values() {
        return values;
    }

    /** Every {@code daqhub.*} property the hub reads (with or without a default). */
    public Set<String> keys() {
        return keys;
    }

    /** The record as its compact constructor makes it when nothing is configured. */
    private static Object defaultsOf(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            if (types[i].isPrimitive()) {
                throw new IllegalStateException(type.getName() + "." + components[i].getName()
                        + " is primitive: properties records take boxed types so that their compact constructor"
                        + " gives the default");
            }
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(new Object[components.length]);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(type.getName() + " has no defaults: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName() + ": " + e, e);
        }
    }

    private void collect(String prefix, Object record) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            String key = prefix + "." + kebab(component.getName());
            Object value;
            try {
                component.getAccessor().setAccessible(true);
                value = component.getAccessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(key + ": " + e, e);
            }
            if (value != null && value.getClass().isRecord()) {
                collect(key, value);
                continue;
            }
            keys.add(key);
            if (value instanceof Collection<?> list) {
                int i = 0;
                for (Object item : list) {
                    values.put(key + "[" + i++ + "]", text(item));
                }
            } else if (value != null) {
                values.put(key, text(value));
            }
        }
    }

    /** The value as it is written in configuration: {@code 10s}, {@code 16MB}, {@code full}. */
    static String text(Object value) {
        if (value instanceof Duration d) {
            return duration(d);
        }
        if (value instanceof DataSize size) {
            return dataSize(size);
        }
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        return String.valueOf(value);
    }

    /** In the largest unit that holds it whole ({@code 10m}, not {@code 600000ms}). */
    static String duration(Duration d) {
        for (ChronoUnit unit : List.of(ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS)) {
            if (!d.isZero() && d.toMillis() % unit.getDuration().toMillis() == 0) {
                return DurationStyle.SIMPLE.print(d, unit);
            }
        }
        return DurationStyle.SIMPLE.print(d, ChronoUnit.MILLIS);
    }

    /** In the largest unit that holds it whole ({@code 16MB}). */
    static String dataSize(DataSize size) {
        for (DataUnit unit : List.of(DataUnit.GIGABYTES, DataUnit.MEGABYTES, DataUnit.KILOBYTES)) {
            long factor = DataSize.of(1, unit).toBytes();
            if (size.toBytes() != 0 && size.toBytes() % factor == 0) {
                return size.toBytes() / factor + unit.name().substring(0, 1) + "B";
            }
        }
        return size.toBytes() + "B";
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, HubDefaults.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
