package org.sca.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ApiRouteTest {

    @Test
    void pathsNameTheirRoutes() {
        assertEquals(new ApiRoute.Lines(), ApiRoute.of("/lines"));
        assertEquals(new ApiRoute.OneLine("osas.shared-1"), ApiRoute.of("/lines/osas.shared-1"));
        assertEquals(new ApiRoute.Release("calls", 2), ApiRoute.of("/lines/calls/appearances/2/release"));
        assertEquals(new ApiRoute.Reload(), ApiRoute.of("/config/reload"));
        assertEquals("POST", ApiRoute.of("/config/reload").method());
        assertEquals("GET", ApiRoute.of("/lines").method());
    }

    @Test
    void aBadIndexIsMalformedAndAnythingElseUnknown() {
        assertEquals(new ApiRoute.Malformed("appearance index must be a number, got 'two'"),
                ApiRoute.of("/lines/calls/appearances/two/release"));
        assertEquals(new ApiRoute.Malformed("appearance index must be a number, got '99999'"),
                ApiRoute.of("/lines/calls/appearances/99999/release"));
        assertEquals(new ApiRoute.Unknown(), ApiRoute.of(null));
        assertEquals(new ApiRoute.Unknown(), ApiRoute.of("/lines/"));
        assertEquals(new ApiRoute.Unknown(), ApiRoute.of("/lines/calls/appearances/1"));
        assertEquals(new ApiRoute.Unknown(), ApiRoute.of("/lines/a b"));
    }
}
