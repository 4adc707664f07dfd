package org.daqhub.web;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;

/**
 * Runs a platform-http consumer's exchange on the calling thread, through
 * {@link SpringBootPlatformHttpConsumer}'s protected {@code handleService}: its public
 * {@code service} always hands the exchange to an executor, which makes Spring MVC answer through
 * an asynchronous dispatch. Reached with a private method handle (the jar is on the class path, so
 * Camel's package is open to the hub) rather than by putting a class inside Camel's package.
 * Used by {@link SynchronousRouteFilter} only.
 */
final class SynchronousService {

    private static final MethodHandle HANDLE_SERVICE = handleService();

    private SynchronousService() {
    }

    static boolean supports(Object consumer) {
        return consumer instanceof SpringBootPlatformHttpConsumer;
    }

    static void handle(Object consumer, HttpServletRequest request, HttpServletResponse response) throws Exception {
        try {
            HANDLE_SERVICE.invoke((SpringBootPlatformHttpConsumer) consumer, request, response);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static MethodHandle handleService() {
        try {
            return MethodHandles.privateLookupIn(SpringBootPlatformHttpConsumer.class, MethodHandles.lookup())
                    .findVirtual(SpringBootPlatformHttpConsumer.class, "handleService",
                            MethodType.methodType(void.class, HttpServletRequest.class, HttpServletResponse.class));
        } catch (ReflectiveOperationException e) {
            // a Camel version without it: the hub cannot serve routes synchronously, and says so at start
            throw new IllegalStateException("Camel's SpringBootPlatformHttpConsumer has no handleService(request, "
                    + "response) to call: daqhub.http.synchronous-routes cannot work with this Camel version", e);
        }
    }
}
