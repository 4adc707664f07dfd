package org.daqhub.routes;

import java.util.List;

import org.apache.camel.model.rest.RestDefinition;

/** Checks the REST verbs of a routes file as it loads. */
@FunctionalInterface
public interface RestCheck {

    RestCheck NONE = rests -> List.of();

    /**
     * @return warnings to log and show in /hub/info
     * @throws IllegalArgumentException to reject the file, naming what is wrong
     */
    List<String> check(List<RestDefinition> rests);
}
