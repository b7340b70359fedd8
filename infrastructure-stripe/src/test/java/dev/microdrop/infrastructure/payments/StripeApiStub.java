package dev.microdrop.infrastructure.payments;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for Stripe's HTTP API on loopback: answers each {@code POST /v1/...} path with a recorded JSON
 * body from {@code src/test/resources/stripe/} and keeps every request it saw, so a test can check what
 * stripe-java actually put on the wire.
 */
public final class StripeApiStub implements AutoCloseable {

    /** One request as received: form fields decoded, headers by lower-case name. */
    public record Received(String method, String path, Map<String, String> headers, Map<String, String> form) {

        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private record Answer(int status, String resource) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public StripeApiStub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    /** Answers {@code path} with {@code status} and the body of {@code stripe/<resource>}. */
    public StripeApiStub answer(String path, int status, String resource) {
        answers.put(path, new Answer(status, resource));
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.getFirst()));
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(exchange.getRequestMethod(), path, headers, form(body)));

            Answer answer = answers.get(path);
            byte[] response = answer == null
                    ? "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Unrecognized request URL\"}}"
                            .getBytes(StandardCharsets.UTF_8)
                    : resource(answer.resource());
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Request-Id", "req_stub" + received.size());
            exchange.sendResponseHeaders(answer == null ? 404 : answer.status(), response.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response);
            }
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            form.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return form;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = StripeApiStub.class.getResourceAsStream("/stripe/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource stripe/" + name);
            }
            return in.readAllBytes();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
