package org.daqhub.writer;

import java.io.IOException;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.springrabbit.SpringRabbitMQConstants;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Where the writer meets Camel's messages (bean {@code writerMessages}): the std_daq protocol puts
 * the request id in the AMQP correlation_id and the status in headers, so these steps read and
 * shape whole messages; {@link WriterAgent} and {@link WriterProxy} hold the logic and know nothing
 * of Camel. The request id and sequence a proxy verb waits on are the exchange properties
 * {@value #REQUEST_ID} and {@value #AFTER}, which routes/writer.yaml passes on by name.
 */
public class WriterMessages {

    static final String REQUEST_ID = "daqhubWriterRequestId";
    static final String AFTER = "daqhubWriterAfter";
    /** The agent's {@link WriteTask}, set by routes/writer.yaml. */
    static final String TASK = "writeTask";

    private final WriterAgent agent;
    private final WriterProxy proxy;

    public WriterMessages(WriterAgent agent, WriterProxy proxy) {
        this.agent = agent;
        this.proxy = proxy;
    }

    /** {@code /write_sync}, {@code /write_async}: the exchange becomes the AMQP request. */
    public void request(Exchange exchange) throws IOException {
        WriterProxy.Outgoing request = proxy.request(exchange.getMessage().getBody(String.class));
        outgoing(exchange, request);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                if (done.isFailed() || done.getProperty(Exchange.EXCEPTION_CAUGHT) != null) {
                    proxy.notSent(request.requestId());
                }
            }
        });
    }

    /** {@code /write_kill}: the exchange becomes the AMQP kill. */
    public void kill(Exchange exchange) throws IOException {
        outgoing(exchange, proxy.kill(exchange.getMessage().getBody(String.class)));
    }

    private static void outgoing(Exchange exchange, WriterProxy.Outgoing outgoing) {
        Message m = exchange.getMessage();
        m.removeHeaders("*");
        m.setHeader(SpringRabbitMQConstants.CORRELATION_ID, outgoing.requestId());
        m.setBody(outgoing.body());
        exchange.setProperty(REQUEST_ID, outgoing.requestId());
        exchange.setProperty(AFTER, outgoing.after());
    }

    /** A message of the {@code status} exchange, for the proxy's answers. */
    public void status(Exchange exchange) {
        Message m = exchange.getMessage();
        proxy.onStatus(m.getHeader(SpringRabbitMQConstants.CORRELATION_ID, String.class),
                m.getHeader("action", String.class), m.getHeader("source", String.class),
                m.getHeader("message", String.class), m.getBody(byte[].class));
    }

    /**
     * Shapes the status message of the std_daq protocol for the write task: body = the request's
     * own bytes, correlation_id = request id, headers action, source and message (null when there
     * is none), and nothing else.
     */
    public void statusMessage(Exchange exchange) {
        WriteTask task = exchange.getProperty(TASK, WriteTask.class);
        Message m = exchange.getMessage();
        m.removeHeaders("*");
        m.setBody(task.getRequestBytes());
        m.setHeader(SpringRabbitMQConstants.CORRELATION_ID, task.getRequestId());
        m.setHeader("action", task.getAction());
        m.setHeader("source", agent.serviceName());
        m.setHeader("message", task.getMessage());
    }
}
