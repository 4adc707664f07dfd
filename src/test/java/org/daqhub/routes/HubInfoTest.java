package org.daqhub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.spi.RouteController;
import org.daqhub.capabilities.Capabilities;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mock.env.MockEnvironment;

class HubInfoTest {

    @Test
    @SuppressWarnings("unchecked")
    void aRouteRemovedWhileTheListIsReadIsLeftOutNotAnError() {
        CamelContext camel = mock(CamelContext.class);
        RouteController controller = mock(RouteController.class);
        Route running = route("running");
        Route removed = route("removed-meanwhile");
        when(camel.getRoutes()).thenReturn(List.of(running, removed));
        when(camel.getRouteController()).thenReturn(controller);
        when(controller.getRouteStatus("running")).thenReturn(ServiceStatus.Started);
        when(controller.getRouteStatus("removed-meanwhile")).thenReturn(null); // Camel's answer once it is gone
        RouteFileReloader reloader = mock(RouteFileReloader.class);
        when(reloader.status()).thenReturn(List.of());

        HubDescription info = new HubInfo(camel, new MockEnvironment(), reloader,
                mock(ObjectProvider.class), (ObjectProvider<RouteAccess>) mock(ObjectProvider.class),
                Capabilities.from(new MockEnvironment())).describe();

        assertThat(info.routes()).extracting(HubDescription.RouteView::id).containsExactly("running");
    }

    private static Route route(String id) {
        Route route = mock(Route.class);
        Endpoint endpoint = mock(Endpoint.class);
        when(route.getRouteId()).thenReturn(id);
        when(route.getEndpoint()).thenReturn(endpoint);
        when(endpoint.getEndpointBaseUri()).thenReturn("direct://" + id);
        return route;
    }
}
