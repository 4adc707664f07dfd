package org.daqhub.routes;

import org.apache.camel.Route;

/**
 * Who may call an HTTP route, as {@code /hub/info} shows it (open, user, admin). Implemented by the
 * auth package's access guard, so this package, which auth builds on, does not import it.
 */
public interface RouteAccess {

    String label(Route route);
}
