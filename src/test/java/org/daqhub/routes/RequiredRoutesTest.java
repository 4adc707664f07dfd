package org.daqhub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class RequiredRoutesTest {

    private static final RequiredRoutes ROUTES = new RequiredRoutes("x.yaml", List.of("direct:a", "direct:b"), "Sender");

    @Test
    void aFileKeepingEveryRouteIsTaken() {
        assertThat(ROUTES.missingFrom("""
                - rest: {id: r}
                - route: {id: a, from: {uri: "direct:a", steps: []}}
                - route: {id: b, from: {uri: direct:b}}
                """)).isNull();
    }

    @Test
    void aFileDroppingOneSaysWhichAndWhoSendsToIt() {
        assertThat(ROUTES.missingFrom("- route: {id: a, from: {uri: direct:a}}\n"))
                .isEqualTo("it must keep a route from direct:b: Sender sends to it");
        assertThat(ROUTES.missingFrom("[]")).contains("direct:a and direct:b");
    }
}
