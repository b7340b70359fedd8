package dev.microdrop.local.net;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.Executors;

/**
 * The HTTP side of a local AWS endpoint (the event bus, the scheduler): 127.0.0.1 only, a virtual thread per
 * request, one handler for every path, since the protocol, not the path, says what is asked.
 */
public final class LoopbackServer implements AutoCloseable {

    private final HttpServer http;

    private LoopbackServer(HttpServer http) {
        this.http = http;
    }

    /** Listens on 127.0.0.1; port 0 picks a free one. */
    public static LoopbackServer start(int port, HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", handler);
        server.start();
        return new LoopbackServer(server);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
