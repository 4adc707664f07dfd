package org.daqhub.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A request whose body {@link RequestBodyFilter} has already received whole: endpoints read it from
 * memory, and the parameters of a form body come from it too (the container would look for them
 * in the network stream, which is already read). As in the container, a form body is read either
 * as parameters or as the input stream, whichever is asked for first; the other then finds it
 * consumed (Camel reads the body, then parses a form body itself).
 */
final class BufferedBodyRequest extends HttpServletRequestWrapper {

    private final byte[] body;
    private final String contentType;
    private Map<String, String[]> parameters;
    private boolean bodyRead;
    private boolean formParsed;

    BufferedBodyRequest(HttpServletRequest request, byte[] body) {
        this(request, body, request.getContentType());
    }

    /** @param contentType the type the body is taken as (JSON sent with the form type is JSON) */
    BufferedBodyRequest(HttpServletRequest request, byte[] body, String contentType) {
        super(request);
        this.body = body;
        this.contentType = contentType;
    }

    @Override
    public String getContentType() {
        return contentType;
    }

    @Override
    public String getHeader(String name) {
        return "Content-Type".equalsIgnoreCase(name) ? contentType : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        if ("Content-Type".equalsIgnoreCase(name)) {
            return Collections.enumeration(contentType == null ? java.util.List.of() : java.util.List.of(contentType));
        }
        return super.getHeaders(name);
    }

    @Override
    public int getContentLength() {
        return body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body.length;
    }

    @Override
    public synchronized ServletInputStream getInputStream() {
        bodyRead = true;
        ByteArrayInputStream in = new ByteArrayInputStream(formParsed ? new byte[0] : body);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }

            @Override
            public int available() {
                return in.available();
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                try {
                    listener.onAllDataRead();
                } catch (IOException e) {
                    listener.onError(e);
                }
            }
        };
    }

    @Override
    public java.io.BufferedReader getReader() {
        String encoding = getCharacterEncoding();
        Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
        return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), charset));
    }

    @Override
    public String getParameter(String name) {
        String[] values = parameters().get(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return parameters();
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(parameters().keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
        return parameters().get(name);
    }

    /** The query string's parameters, then a form body's. */
    private synchronized Map<String, String[]> parameters() {
        if (parameters == null) {
            MultiValueMap<String, String> all = new LinkedMultiValueMap<>();
            String query = getQueryString();
            if (query != null && !query.isEmpty()) {
                UriComponentsBuilder.newInstance().query(query).build().getQueryParams()
                        .forEach((k, v) -> v.forEach(value -> all.add(decode(k), decode(value))));
            }
            if (isForm() && !bodyRead) {
                formParsed = true;
                all.addAll(form());
            }
            Map<String, String[]> map = new LinkedHashMap<>();
            all.forEach((k, v) -> map.put(k, v.stream().map(s -> s == null ? "" : s).toArray(String[]::new)));
            parameters = Collections.unmodifiableMap(map);
        }
        return parameters;
    }

    private boolean isForm() {
        String type = getContentType();
        try {
            return type != null && MediaType.APPLICATION_FORM_URLENCODED.includes(MediaType.parseMediaType(type));
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    private MultiValueMap<String, String> form() {
        try {
            HttpHeaders headers = new HttpHeaders();
            headers.setContentType(MediaType.parseMediaType(getContentType()));
            HttpInputMessage message = new HttpInputMessage() {
                @Override
                public java.io.InputStream getBody() {
                    return new ByteArrayInputStream(body);
                }

                @Override
                public HttpHeaders getHeaders() {
                    return headers;
                }
            };
            return new FormHttpMessageConverter().read(null, message);
        } catch (IOException | RuntimeException malformed) {
            return new LinkedMultiValueMap<>();
        }
    }

    private static String decode(String s) {
        return s == null ? null : java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
