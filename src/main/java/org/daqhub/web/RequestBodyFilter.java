package org.daqhub.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Receives every request body whole before an endpoint sees it, without holding a request thread
 * while a slow client sends it, and within bounds:
 * <ul>
 *   <li>a body larger than {@code daqhub.max-request-body} is answered 413, unread or as soon as it
 *       grows past the limit (chunked);</li>
 *   <li>what arrived with the headers is read at once: most bodies are complete then, and go on to
 *       their endpoint on this thread, from memory;</li>
 *   <li>a body still arriving is read asynchronously (Servlet non-blocking I/O: no thread waits for
 *       it), then the request is dispatched again to its endpoint with the whole body. One client
 *       may have {@code slowBodiesPerClient} such bodies arriving at once, all clients
 *       {@code slowBodies}; beyond that the answer is 429 (or 503) at once;</li>
 *   <li>a body not complete within {@code bodyTimeout} of its request is answered 408.</li>
 * </ul>
 * Refusals before the whole body arrived close the connection ({@code Connection: close}) from an
 * asynchronous request, so the container never drains the rest of a slow body on a thread.
 *
 * <p>This runs right before the endpoints (after authentication, which reads only headers): the
 * filters before it keep their request wrappers across the second dispatch, and the filters after
 * it run again for the body's second dispatch ({@link #isDeferredPass}).
 */
public class RequestBodyFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(RequestBodyFilter.class);
    private static final String RECEIVED = RequestBodyFilter.class.getName() + ".received";
    private static final String DEFERRED_PASS = RequestBodyFilter.class.getName() + ".deferred";

    private final long limit;
    private final Duration bodyTimeout;
    private final long maxDrain;
    private final PendingBodies pending;
    private final AtomicLong deferred = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private final AtomicLong tooLarge = new AtomicLong();
    private final AtomicLong tooManySlow = new AtomicLong();

    /**
     * @param limit               largest body accepted (daqhub.max-request-body)
     * @param bodyTimeout         time a body has to arrive whole (daqhub.http.body-timeout)
     * @param slowBodiesPerClient bodies one client address may have arriving at once
     * @param slowBodies          bodies all clients may have arriving at once
     * @param maxDrain            bytes of a refused body read and dropped so its client still reads
     *                            the answer (server.tomcat.max-swallow-size)
     */
    public RequestBodyFilter(long limit, Duration bodyTimeout, int slowBodiesPerClient, int slowBodies, long maxDrain) {
        this.limit = limit;
        this.bodyTimeout = bodyTimeout;
        this.maxDrain = maxDrain;
        this.pending = new PendingBodies(slowBodiesPerClient, slowBodies);
    }

    /**
     * Whether {@code request} is in the second dispatch of a body received asynchronously: filters
     * after this one run for it, while they skip other asynchronous dispatches.
     */
    public static boolean isDeferredPass(HttpServletRequest request) {
        return request.getDispatcherType() == DispatcherType.ASYNC && request.getAttribute(DEFERRED_PASS) != null;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            if (request.getAttribute(RECEIVED) instanceof byte[] body) {
                request.removeAttribute(RECEIVED);
                request.setAttribute(DEFERRED_PASS, Boolean.TRUE);
                try {
                    handOn(request, response, chain, body);
                } finally {
                    request.removeAttribute(DEFERRED_PASS);
                }
            } else {
                chain.doFilter(request, response);
            }
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared <= 0 && !isChunked(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (declared > limit) {
            tooLarge.incrementAndGet();
            refuse(request, response, tooLarge(declared + " bytes"), true);
            return;
        }
        Body body = new Body(declared);
        ServletInputStream in = request.getInputStream();
        boolean complete = body.readWhatArrived(in);
        if (body.size() > limit) {
            tooLarge.incrementAndGet();
            refuse(request, response, tooLarge("more than " + limit + " bytes"), true);
            return;
        }
        if (complete) {
            handOn(request, response, chain, body.bytes());
            return;
        }
        String client = request.getRemoteAddr();
        PendingBodies.Refusal refusal = pending.admit(client);
        if (refusal != null) {
            tooManySlow.incrementAndGet();
            LOG.warn("Refused a request body from {}: {} slow bodies arriving already", client,
                    refusal == PendingBodies.Refusal.PER_CLIENT ? "this client has " + pending.perClient()
                            : "all clients have " + pending.inAll());
            refuse(request, response, refusal == PendingBodies.Refusal.PER_CLIENT
                    ? HubException.tooManyRequests("too many request bodies arriving slowly from " + client
                            + " at once (at most " + pending.perClient() + ", daqhub.http.slow-bodies-per-client);"
                            + " send this one when others have arrived", Duration.ofSeconds(1))
                    : new HubException(503, "too many request bodies arriving slowly at once (at most "
                            + pending.inAll() + ", daqhub.http.slow-bodies); try again shortly", java.util.Map.of(),
                            java.util.Map.of("Retry-After", "1")), false);
            return;
        }
        deferred.incrementAndGet();
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(bodyTimeout.toMillis());
        Receiver receiver = new Receiver(async, in, body, client);
        async.addListener(receiver);
        in.setReadListener(receiver);
    }

    /**
     * The request with its whole body, to the endpoint. A POST form body must be {@code key=value}
     * pairs (400 naming the first that is not), unless it is JSON sent with the form type (curl -d),
     * which goes on as JSON.
     */
    private static void handOn(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
            byte[] body) throws IOException, ServletException {
        String type = request.getContentType();
        if ("POST".equals(request.getMethod()) && FormBodies.isForm(type)) {
            String problem = FormBodies.problem(body, request.getCharacterEncoding());
            if (problem != null) {
                if (FormBodies.looksLikeJson(body)) {
                    chain.doFilter(new BufferedBodyRequest(request, body, "application/json"), response);
                    return;
                }
                ErrorBody.send(response, HubException.badRequest("the body is sent as a form (" + type
                        + ") but " + problem + "; send JSON with Content-Type: application/json, or a form"),
                        request.getRequestURI());
                return;
            }
        }
        chain.doFilter(new BufferedBodyRequest(request, body, type), response);
    }

    private HubException tooLarge(String size) {
        return new HubException(413, "request body of " + size + " exceeds the limit of " + limit
                + " bytes (daqhub.max-request-body)");
    }

    /**
     * Answers with {@code error} and closes the connection, from an asynchronous request so the
     * container does not read the rest of the body on a thread. With {@code drain}, what the client
     * still sends (up to {@code maxDrain}) is read and dropped without a thread, so a client that
     * sends its whole body before reading still gets the answer.
     */
    private void refuse(HttpServletRequest request, HttpServletResponse response, HubException error, boolean drain)
            throws IOException {
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(bodyTimeout.toMillis());
        response.setHeader("Connection", "close");
        ErrorBody.send(response, error, request.getRequestURI());
        response.flushBuffer();
        if (drain) {
            Drain drainer = new Drain(async, request.getInputStream());
            async.addListener(drainer);
            request.getInputStream().setReadListener(drainer);
        } else {
            async.complete();
        }
    }

    private static boolean isChunked(HttpServletRequest request) {
        String encoding = request.getHeader("Transfer-Encoding");
        return encoding != null && encoding.toLowerCase().contains("chunked");
    }

    long deferred() {
        return deferred.get();
    }

    long timedOut() {
        return timedOut.get();
    }

    long tooLarge() {
        return tooLarge.get();
    }

    long tooManySlow() {
        return tooManySlow.get();
    }

    int pending() {
        return pending.pending();
    }

    /** The bytes of one body as they arrive. */
    private final class Body {
        private final long declared;
        private final ByteArrayOutputStream bytes;
        private final byte[] chunk = new byte[16 * 1024];

        Body(long declared) {
            this.declared = declared;
            // What the client declares is not trusted for the allocation: it grows as bytes come.
            this.bytes = new ByteArrayOutputStream((int) Math.min(Math.max(declared, 256), 64 * 1024));
        }

        /** Reads what is already here, without waiting; true when the body is complete. */
        boolean readWhatArrived(ServletInputStream in) throws IOException {
            while (bytes.size() <= limit && in.available() > 0) {
                int n = in.read(chunk);
                if (n < 0) {
                    return true;
                }
                bytes.write(chunk, 0, n);
                if (declared >= 0 && bytes.size() >= declared) {
                    return true;
                }
            }
            return declared == 0 || in.isFinished();
        }

        /** Reads what can be read without blocking (non-blocking mode); true at the end of the body. */
        boolean readReady(ServletInputStream in) throws IOException {
            while (bytes.size() <= limit && in.isReady()) {
                int n = in.read(chunk);
                if (n < 0) {
                    return true;
                }
                bytes.write(chunk, 0, n);
            }
            return in.isFinished();
        }

        int size() {
            return bytes.size();
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }

    /** Reads a slow body without a thread, then dispatches the request again with it. */
    private final class Receiver implements ReadListener, AsyncListener {
        private final AsyncContext async;
        private final ServletInputStream in;
        private final Body body;
        private final String client;
        private final AtomicBoolean done = new AtomicBoolean();

        Receiver(AsyncContext async, ServletInputStream in, Body body, String client) {
            this.async = async;
            this.in = in;
            this.body = body;
            this.client = client;
        }

        @Override
        public void onDataAvailable() throws IOException {
            body.readReady(in);
            if (body.size() > limit && finish()) {
                tooLarge.incrementAndGet();
                HttpServletRequest request = (HttpServletRequest) async.getRequest();
                answer(tooLarge("more than " + limit + " bytes"), request);
            }
        }

        @Override
        public void onAllDataRead() {
            if (finish()) {
                async.getRequest().setAttribute(RECEIVED, body.bytes());
                async.dispatch();
            }
        }

        @Override
        public void onError(Throwable t) {
            if (finish()) {
                LOG.debug("A request body from {} broke off: {}", client, t.toString());
                async.complete();
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) throws IOException {
            if (finish()) {
                timedOut.incrementAndGet();
                HttpServletRequest request = (HttpServletRequest) async.getRequest();
                LOG.warn("Request body from {} for {} not received within {} s: {} of {} bytes", client,
                        request.getRequestURI(), bodyTimeout.toSeconds(), body.size(),
                        body.declared < 0 ? "?" : body.declared);
                answer(new HubException(408, "request body not received within " + bodyTimeout.toSeconds()
                        + " s (daqhub.http.body-timeout): " + body.size() + " of "
                        + (body.declared < 0 ? "an unknown number of" : Long.toString(body.declared))
                        + " bytes arrived"), request);
            }
        }

        /** Closes the connection after the answer: the rest of the body is never read. */
        private void answer(HubException error, HttpServletRequest request) throws IOException {
            HttpServletResponse response = (HttpServletResponse) async.getResponse();
            response.setHeader("Connection", "close");
            ErrorBody.send(response, error, request.getRequestURI());
            async.complete();
        }

        /** Once per body: gives its place back. */
        private boolean finish() {
            if (done.compareAndSet(false, true)) {
                pending.release(client);
                return true;
            }
            return false;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            finish();
        }

        @Override
        public void onError(AsyncEvent event) {
            if (finish()) {
                async.complete();
            }
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // the endpoint's own asynchronous processing after our dispatch: nothing to do
        }
    }

    /** Reads and drops the rest of a refused body, without a thread, then closes. */
    private final class Drain implements ReadListener, AsyncListener {
        private final AsyncContext async;
        private final ServletInputStream in;
        private final byte[] chunk = new byte[16 * 1024];
        private final AtomicBoolean done = new AtomicBoolean();
        private long drained;

        Drain(AsyncContext async, ServletInputStream in) {
            this.async = async;
            this.in = in;
        }

        @Override
        public void onDataAvailable() throws IOException {
            while (in.isReady()) {
                int n = in.read(chunk);
                if (n < 0) {
                    break;
                }
                drained += n;
                if (drained > maxDrain) {
                    end();
                    return;
                }
            }
        }

        @Override
        public void onAllDataRead() {
            end();
        }

        @Override
        public void onError(Throwable t) {
            end();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            end();
        }

        @Override
        public void onComplete(AsyncEvent event) {
            done.set(true);
        }

        @Override
        public void onError(AsyncEvent event) {
            end();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // not started again
        }

        private void end() {
            if (done.compareAndSet(false, true)) {
                async.complete();
            }
        }
    }
}
