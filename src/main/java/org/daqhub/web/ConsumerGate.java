package org.daqhub.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.Consumer;

/** Decides whether a request may reach a REST consumer; when not, it has answered the request itself. */
@FunctionalInterface
public interface ConsumerGate {

    ConsumerGate OPEN = (consumer, request, response) -> true;

    boolean admit(Consumer consumer, HttpServletRequest request, HttpServletResponse response) throws IOException;
}
