package dev.microdrop.local.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.microdrop.function.http.ProblemType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The local runtime's one HTTP port, on 127.0.0.1: each path prefix goes to a function, as its function URL would
 * send it, and every answer that is not a function's is problem JSON. Jetty 12 (already here with DynamoDB Local)
 * rather than the JDK's server, which writes its own HTML refusals for malformed requests and cannot be told not to.
 */
public final class LocalHttpServer implements AutoCloseable {

    /**
     * A target that is no URI (a % that starts no %XX escape, %u escapes, a character a URI may not hold) is
     * refused. Anything a URI may hold reaches the function as its raw path, as it did on the JDK's server: %2F,
     * empty segments, overlong UTF-8. The functions route on the raw path, never on a path Jetty decoded.
     */
    private static final UriCompliance RAW_PATHS = UriCompliance.UNSAFE.without("microdrop-raw-paths",
            UriCompliance.Violation.BAD_PERCENT_ENCODING, UriCompliance.Violation.ILLEGAL_PATH_CHARACTERS,
            UriCompliance.Violation.UTF16_ENCODINGS);

    private final Server server;
    private final ServerConnector connector;
    private final List<Route> routes = new ArrayList<>();

    private LocalHttpServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** Listens on 127.0.0.1 ({@code port} 0 picks a free one); serves nothing until {@link #start()}. */
    public static LocalHttpServer bind(int port) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("microdrop-http");
        // The functions block on DynamoDB and Stripe calls: each request gets a virtual thread, as before.
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Server server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setUriCompliance(RAW_PATHS);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(config));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setAcceptQueueSize(256);
        server.addConnector(connector);
        server.setErrorHandler(new ProblemErrorHandler());
        connector.open();
        return new LocalHttpServer(server, connector);
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** Where a page this server serves comes from, as a browser names it: a local storefront's origins. */
    public List<String> origins() {
        return List.of("http://localhost:" + port(), "http://127.0.0.1:" + port());
    }

    /**
     * Sends requests whose raw path is {@code prefix}, or under it, to {@code function}, as a function URL with no
     * CORS configuration would; a prefix ending in "/" takes only paths under it. The longest matching prefix wins.
     */
    public LocalHttpServer route(String prefix, Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function) {
        routes.add(new Route(prefix, function, null));
        return this;
    }

    /** The same, behind the function URL's CORS configuration. */
    public LocalHttpServer route(String prefix, Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function,
            FunctionUrlCors cors) {
        routes.add(new Route(prefix, function, cors));
        return this;
    }

    public LocalHttpServer start() throws Exception {
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String path = request.getHttpURI().getPath();
                Route route = routes.stream().filter(r -> r.matches(path))
                        .max(Comparator.comparingInt(r -> r.prefix().length())).orElse(null);
                if (route == null) {
                    FunctionUrlBridge.write(response, Problem.of(ProblemType.NOT_FOUND, "No function serves " + path
                            + "."), Map.of(), request.getMethod().equals("HEAD"), callback);
                } else {
                    FunctionUrlBridge.serve(request, response, callback, route.function(), route.cors());
                }
                return true;
            }
        });
        server.start();
        return this;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            System.err.println("the local HTTP server did not stop cleanly: " + e);
        }
    }

    /** @param cors null: the function URL has no CORS configuration */
    private record Route(String prefix, Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function,
                         FunctionUrlCors cors) {

        boolean matches(String path) {
            return prefix.endsWith("/") ? path.startsWith(prefix) : path.equals(prefix) || path.startsWith(prefix + "/");
        }
    }
}
