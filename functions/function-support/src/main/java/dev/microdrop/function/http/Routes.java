package dev.microdrop.function.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A door's route table: method and path template to the handler that serves it. A template's {@code {name}}
 * segment matches any one segment of the raw path (not decoded, possibly empty: the handler validates it, so a bad
 * value gets a sentence naming it rather than a bare 404). A template's last segment may be {@code {name...}}: it
 * matches the rest of the path, one segment or more, joined by {@code /} (raw too: the catalog's
 * {@code /drops/a/b} is the drop id {@code a/b}, which the handler refuses as no drop). Routes are tried in the order
 * they were added. A path no template matches is {@code 404 not-found}; a path some template matches with another
 * method is {@code 405} with {@code Allow}.
 *
 * @param <C> what the door established before routing (e.g. the merchant who signed the request)
 */
public final class Routes<C> {

    /** Serves one route. {@code path} holds the template's named segments, raw. */
    @FunctionalInterface
    public interface Handler<C> {
        APIGatewayV2HTTPResponse handle(C context, HttpRequest request, Map<String, String> path);
    }

    private record Route<C>(String method, List<String> template, Handler<C> handler) {
    }

    private final List<Route<C>> routes;

    private Routes(List<Route<C>> routes) {
        this.routes = List.copyOf(routes);
    }

    public static <C> Builder<C> builder() {
        return new Builder<>();
    }

    public APIGatewayV2HTTPResponse route(C context, HttpRequest request, Responses responses) {
        List<String> segments = segments(request.path());
        Set<String> allowed = new LinkedHashSet<>();
        for (Route<C> route : routes) {
            Map<String, String> path = match(route.template(), segments);
            if (path == null) {
                continue;
            }
            if (route.method().equals(request.method())) {
                return route.handler().handle(context, request, path);
            }
            allowed.add(route.method());
        }
        return allowed.isEmpty() ? responses.problem(ProblemType.NOT_FOUND, "No such resource: " + request.path())
                : responses.methodNotAllowed(request.method(), List.copyOf(allowed));
    }

    private static Map<String, String> match(List<String> template, List<String> segments) {
        boolean rest = !template.isEmpty() && template.getLast().startsWith("{") && template.getLast().endsWith("...}");
        if (rest ? segments.size() < template.size() : segments.size() != template.size()) {
            return null;
        }
        Map<String, String> path = new LinkedHashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String part = template.get(i);
            if (rest && i == template.size() - 1) {
                path.put(part.substring(1, part.length() - 4), String.join("/", segments.subList(i, segments.size())));
            } else if (part.startsWith("{") && part.endsWith("}")) {
                path.put(part.substring(1, part.length() - 1), segments.get(i));
            } else if (!part.equals(segments.get(i))) {
                return null;
            }
        }
        return path;
    }

    private static List<String> segments(String path) {
        return List.of(path.split("/", -1));
    }

    public static final class Builder<C> {
        private final List<Route<C>> routes = new ArrayList<>();

        public Builder<C> get(String template, Handler<C> handler) {
            return add("GET", template, handler);
        }

        public Builder<C> post(String template, Handler<C> handler) {
            return add("POST", template, handler);
        }

        public Builder<C> head(String template, Handler<C> handler) {
            return add("HEAD", template, handler);
        }

        private Builder<C> add(String method, String template, Handler<C> handler) {
            routes.add(new Route<>(method, segments(template), handler));
            return this;
        }

        public Routes<C> build() {
            return new Routes<>(routes);
        }
    }
}
