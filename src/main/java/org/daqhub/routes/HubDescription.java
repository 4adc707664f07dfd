package org.daqhub.routes;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code GET /hub/info}: what this hub instance is and runs.
 *
 * @param profiles        active Spring profiles ({@code default} when none is)
 * @param capabilitiesOff capabilities turned off by {@code daqhub.capabilities}
 * @param routeFilesOff   routes files not loaded because their capability is off
 */
@Schema(name = "HubInfo", description = "Name, version, profiles, capabilities, routes and routes files")
public record HubDescription(String name, String version, List<String> profiles, String camel, String console,
        List<String> capabilities, List<String> capabilitiesOff, List<RouteView> routes,
        List<RouteFileStatus> routeFiles, List<String> routeFilesOff) {

    /** A running route: where it comes from and, for an HTTP route, who may call it. */
    @Schema(name = "HubRoute")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RouteView(String id, String status, String from, String source, String access) {
    }
}
