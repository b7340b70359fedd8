package dev.microdrop.local.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.microdrop.function.http.ProblemType;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's answer to what never reaches a function, as problem JSON rather than Jetty's HTML page: requests its
 * HTTP parser refuses (a bad request line or target, a bare CR, a negative or doubled length, headers too large).
 */
final class ProblemErrorHandler extends ErrorHandler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        String reason = (String) request.getAttribute(ERROR_MESSAGE);
        if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException refused) {
            status = refused.getCode();
            reason = refused.getReason();
        }
        FunctionUrlBridge.write(response, problem(status, reason), java.util.Map.of(),
                request.getMethod().equals("HEAD"), callback);
        return true;
    }

    static APIGatewayV2HTTPResponse problem(int status, String reason) {
        return switch (status) {
            case 413 -> Problem.of(ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than "
                    + FunctionUrlBridge.MAX_PAYLOAD + " bytes, the most a function URL passes to a function.");
            case 414 -> Problem.of(LocalProblemType.URI_TOO_LONG, "The request target is longer than this server reads.");
            case 431 -> Problem.of(LocalProblemType.HEADERS_TOO_LARGE, "The request headers are larger than this server reads.");
            // Jetty's HTTP/1 parser answers 505 to a request line with no version (HTTP/0.9) or an unknown one. To
            // HTTP/1.1 that is an invalid request-line, which RFC 9112 section 3 answers with 400.
            default -> status >= 500 && status != 505
                    ? Problem.of(ProblemType.INTERNAL, "The local runtime could not answer this request; its output says why.")
                    : Problem.of(LocalProblemType.MALFORMED_REQUEST, malformed(reason));
        };
    }

    private static String malformed(String reason) {
        // Jetty's reasons name what it refused (e.g. "Bad EOL", "Invalid Content-Length Value"), except for a target
        // it cannot decode, where the reason is only the status's own phrase.
        return reason == null || reason.equals("Bad Request")
                ? "The request is not well-formed HTTP/1.1: its request line, its target (a % must start a %XX escape) "
                        + "or a header cannot be read."
                : "The request is not well-formed HTTP/1.1: " + reason + ".";
    }
}
