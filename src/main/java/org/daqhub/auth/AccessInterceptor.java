package org.daqhub.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.Consumer;
import org.springframework.web.context.request.async.WebAsyncUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Applies {@link AccessGuard} to the handler Spring MVC chose for a request, when that handler is
 * a Camel REST consumer: whatever the method or the spelling of the path, the decision is the one
 * of the verb that would run. Other handlers (actuator, WebSocket, Swagger UI, OPTIONS answers)
 * are not Camel routes and are not decided here.
 */
public class AccessInterceptor implements HandlerInterceptor {

    private final AccessGuard guard;

    public AccessInterceptor(AccessGuard guard) {
        this.guard = guard;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        if (!(handler instanceof HandlerMethod method) || !(method.getBean() instanceof Consumer consumer)) {
            return true;
        }
        // platform-http answers through an asynchronous dispatch: the route has run, already admitted.
        if (WebAsyncUtils.getAsyncManager(request).hasConcurrentResult()) {
            return true;
        }
        return guard.admit(consumer, request, response);
    }
}
