package dev.microdrop.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticPagesTest {

    @TempDir
    Path root;
    private StaticPages pages;

    @BeforeEach
    void builtPages() throws Exception {
        Path dist = Files.createDirectories(root.resolve("dist"));
        Files.writeString(dist.resolve("index.html"), "<h1>store</h1>");
        Files.createDirectories(dist.resolve("dashboard"));
        Files.writeString(dist.resolve("dashboard/index.html"), "<h1>dashboard</h1>");
        Files.createDirectories(dist.resolve("assets"));
        Files.writeString(dist.resolve("assets/main-abc123.js"), "console.log(1)");
        Files.write(dist.resolve("assets/logo-abc123.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1});
        Files.writeString(root.resolve("secret.txt"), "not a page");
        pages = new StaticPages(dist, "{\"dropId\":\"neon-runners\"}");
    }

    @Test
    void aFolderIsItsIndexAndPagesAreRevalidated() {
        APIGatewayV2HTTPResponse store = pages.apply(get("/"));
        assertThat(store.getStatusCode()).isEqualTo(200);
        assertThat(store.getBody()).isEqualTo("<h1>store</h1>");
        assertThat(store.getHeaders()).containsEntry("content-type", "text/html; charset=utf-8")
                .containsEntry("cache-control", "no-cache");
        assertThat(pages.apply(get("/dashboard/")).getBody()).isEqualTo("<h1>dashboard</h1>");
    }

    @Test
    void hashedAssetsAreCachedForAYearAndBinaryIsBase64() {
        APIGatewayV2HTTPResponse script = pages.apply(get("/assets/main-abc123.js"));
        assertThat(script.getHeaders()).containsEntry("cache-control", "public, max-age=31536000, immutable")
                .containsEntry("content-type", "text/javascript; charset=utf-8");
        APIGatewayV2HTTPResponse image = pages.apply(get("/assets/logo-abc123.png"));
        assertThat(image.getIsBase64Encoded()).isTrue();
        assertThat(image.getHeaders()).containsEntry("content-type", "image/png");
    }

    @Test
    void theRuntimesOwnConfigIsServed() {
        APIGatewayV2HTTPResponse config = pages.apply(get("/config.json"));
        assertThat(config.getBody()).isEqualTo("{\"dropId\":\"neon-runners\"}");
        assertThat(config.getHeaders()).containsEntry("content-type", "application/json");
    }

    @Test
    void nothingOutsideTheRootIsRead() {
        for (String path : new String[] {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt",
                "/..%2Fsecret.txt", "/assets/..\\..\\secret.txt", "/missing.html", "/dashboard"}) {
            APIGatewayV2HTTPResponse answer = pages.apply(get(path));
            assertThat(answer.getStatusCode()).as(path).isEqualTo(404);
            assertThat(answer.getHeaders().get("content-type")).as(path).isEqualTo("application/problem+json");
        }
    }

    @Test
    void pagesAreOnlyRead() {
        APIGatewayV2HTTPResponse answer = pages.apply(request("POST", "/"));
        assertThat(answer.getStatusCode()).isEqualTo(405);
    }

    private static APIGatewayV2HTTPEvent get(String path) {
        return request("GET", path);
    }

    private static APIGatewayV2HTTPEvent request(String method, String path) {
        return APIGatewayV2HTTPEvent.builder().withRawPath(path)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path)
                                .build()).build()).build();
    }
}
