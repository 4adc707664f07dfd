package org.daqhub.events;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/** WebSocket {@code /event-stream/{uuid}}: clients only listen; what they send is ignored. */
public class EventStreamSocketHandler extends AbstractWebSocketHandler {

    /** Tomcat's limit for one blocking frame send, so a stuck client cannot hold a sender thread for long. */
    private static final String TOMCAT_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    private final EventStreamService streams;
    private final long sendTimeoutMillis;

    public EventStreamSocketHandler(EventStreamService streams, long sendTimeoutMillis) {
        this.streams = streams;
        this.sendTimeoutMillis = sendTimeoutMillis;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        if (session instanceof org.springframework.web.socket.adapter.standard.StandardWebSocketSession standard) {
            jakarta.websocket.Session nativeSession = standard.getNativeSession(jakarta.websocket.Session.class);
            if (nativeSession != null) {
                nativeSession.getUserProperties().put(TOMCAT_SEND_TIMEOUT, sendTimeoutMillis);
            }
        }
        streams.attach(session);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        streams.detach(session);
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        streams.detach(session);
    }
}
