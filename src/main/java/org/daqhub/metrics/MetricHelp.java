package org.daqhub.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.stereotype.Component;

/**
 * Gives every {@code daqhub_*} meter registered without a description its HELP text from
 * {@code metrics/help.properties}, so the texts live in one file beside their documentation
 * rather than in each capability's metrics class.
 */
@Component
public class MetricHelp implements MeterFilter {

    private final Properties texts = new Properties();

    public MetricHelp() {
        try (InputStream in = MetricHelp.class.getResourceAsStream("/metrics/help.properties")) {
            if (in == null) {
                throw new IllegalStateException("metrics/help.properties is missing from the classpath");
            }
            texts.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The HELP text of a meter name (dotted or Prometheus, with or without _total), or null. */
    public String help(String name) {
        String key = name.replace('.', '_');
        if (key.endsWith("_total")) {
            key = key.substring(0, key.length() - "_total".length());
        }
        return texts.getProperty(key);
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        if ((id.getDescription() != null && !id.getDescription().isBlank()) || !id.getName().startsWith("daqhub.")) {
            return id;
        }
        String help = help(id.getName());
        return help == null ? id
                : new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), help, id.getType());
    }
}
