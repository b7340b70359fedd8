package dev.microdrop.function.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;

/**
 * Function-URL events (HTTP API payload 2.0), as Lambda hands them to a function: for SnapStart's primers, the
 * tests and the benchmarks.
 */
public final class FunctionUrlEvents {

    private FunctionUrlEvents() {
    }

    public static APIGatewayV2HTTPEvent request(String method, String path, Map<String, String> headers, String body) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRawPath(path)
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method).withPath(path).withSourceIp("127.0.0.1").build())
                        .build())
                .build();
    }
}
