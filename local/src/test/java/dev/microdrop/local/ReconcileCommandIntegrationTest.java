package dev.microdrop.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./microdrop reconcile} on the local runtime's saved data, after a checkout. */
class ReconcileCommandIntegrationTest {

    @TempDir
    Path data;

    @Test
    void reconcile_onSavedData_findsNoDrift_andExitsZero() throws Exception {
        try (LocalRuntime runtime = new LocalRuntime(LocalRuntime.Options.exampleDrop(Path.of(".."), data, false)).start()) {
            HttpResponse<String> checkout = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + runtime.port() + "/checkout"))
                    .header("content-type", "application/json").header("idempotency-key", "reconcile-key-1")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"dropId\":\"neon-runners\",\"lines\":[{\"sku\":\"GL-1\","
                            + "\"quantity\":2}],\"buyer\":{\"email\":\"r@example.com\"},\"fulfilment\":{\"type\":\"ship\","
                            + "\"address\":{\"name\":\"R\",\"line1\":\"Invalidenstrasse 1\",\"city\":\"Berlin\","
                            + "\"postalCode\":\"10115\",\"country\":\"DE\"}}}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(checkout.statusCode()).isEqualTo(201);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = Reconcile.run(new String[] {"--data-dir", data.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("4 SKUs, 1 orders").contains("no drift");
    }

    @Test
    void reconcile_withoutData_saysHowToStart_andExitsTwo() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = Reconcile.run(new String[] {"--data-dir", data.resolve("missing").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("start ./microdrop local first");
    }
}
