package dev.microdrop.local.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.microdrop.function.http.ProblemType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The built storefront and dashboard ({@code web/dist}), served the way the drop's CloudFront distribution serves
 * them from S3: a path ending in "/" is its folder's {@code index.html}, hashed assets are cached for a year, pages
 * and {@code config.json} are revalidated every time. {@code config.json} is the runtime's own (what the stack
 * writes next to the pages when deployed). Anything else under the root gets the functions' 404 problem; a path
 * that climbs out of the root is never read.
 */
public final class StaticPages implements Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    private final Path root;
    private final String config;

    /** @param config the JSON served at {@code /config.json} */
    public StaticPages(Path root, String config) {
        this.root = root.toAbsolutePath().normalize();
        this.config = config;
    }

    @Override
    public APIGatewayV2HTTPResponse apply(APIGatewayV2HTTPEvent event) {
        String method = event.getRequestContext().getHttp().getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return Problem.of(ProblemType.METHOD_NOT_ALLOWED, "Pages are read with GET.");
        }
        String path = event.getRawPath();
        if (path.equals("/config.json")) {
            return answer(200, config.getBytes(StandardCharsets.UTF_8), "application/json", "no-cache");
        }
        return file(path).map(this::read).orElseGet(() -> Problem.of(ProblemType.NOT_FOUND,
                "No page or function serves " + path + "; the storefront is at / and the dashboard at /dashboard/."));
    }

    /** The file a path names, if it is a file under the root; never one outside it. */
    Optional<Path> file(String rawPath) {
        if (rawPath.contains("%") || rawPath.contains("\\") || rawPath.contains("\0")) {
            return Optional.empty();
        }
        String relative = (rawPath.endsWith("/") ? rawPath + "index.html" : rawPath).substring(1);
        Path file = root.resolve(relative).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(file);
    }

    private APIGatewayV2HTTPResponse read(Path file) {
        String name = file.getFileName().toString();
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        // Vite names every asset after its content: a changed asset is a new URL, so an old one never changes.
        String caching = root.relativize(file).startsWith("assets") ? "public, max-age=31536000, immutable" : "no-cache";
        try {
            return answer(200, Files.readAllBytes(file), TYPES.getOrDefault(extension, "application/octet-stream"),
                    caching);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static APIGatewayV2HTTPResponse answer(int status, byte[] body, String type, String caching) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", type);
        headers.put("cache-control", caching);
        headers.put("x-content-type-options", "nosniff");
        headers.put("referrer-policy", "no-referrer");
        boolean text = type.startsWith("text/") || type.contains("json") || type.contains("svg");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers)
                .withBody(text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(!text).build();
    }
}
