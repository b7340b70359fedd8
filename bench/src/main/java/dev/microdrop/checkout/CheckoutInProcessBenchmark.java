package dev.microdrop.checkout;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.bench.Events;
import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.checkout.BuyerDoors;
import dev.microdrop.core.checkout.CheckoutCommand;
import dev.microdrop.core.checkout.Validated;
import dev.microdrop.core.drop.CachedDropReader;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropReader;
import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.drop.DropSummary;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderIds;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.order.OrderTokens;
import dev.microdrop.core.payment.PaymentIntent;
import dev.microdrop.core.stock.Contention;
import dev.microdrop.core.testing.RecordingPayments;
import dev.microdrop.function.http.HttpRequest;
import dev.microdrop.function.http.Responses;
import dev.microdrop.infrastructure.dynamodb.DynamoDbInventory;
import dev.microdrop.infrastructure.dynamodb.DynamoDbOrderStore;
import dev.microdrop.infrastructure.dynamodb.DynamoDbWaitlist;
import dev.microdrop.infrastructure.dynamodb.TableKeys;
import dev.microdrop.infrastructure.dynamodb.TestDrops;
import dev.microdrop.infrastructure.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The in-process part of a checkout, without the table: what our own code costs per request, so a regression in
 * it shows apart from DynamoDB's speed. The parts (event and body parsing, validation, ids and keys, the 201
 * body) and the whole handler, for a hold and for a sold-out refusal from the cache, with a table that answers
 * at once.
 *
 * <p>It lives in the checkout's package to measure the package-private parser and order JSON themselves,
 * without widening their visibility for a benchmark. Sample mode: the score is the mean, and JMH prints the
 * percentiles (the issue's target: p0.99 of {@code handler*} under 1 ms). Short by default (one fork, two
 * warm-up and three measured iterations of a second each); JMH options on the command line make it longer.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public class CheckoutInProcessBenchmark {

    private static final byte[] KEY = "microdrop-bench-buyer-id-key".getBytes(StandardCharsets.UTF_8);
    private static final String EMAIL = "ada@example.com";

    private final ObjectMapper mapper = Json.mapper();
    private final Responses responses = new Responses(mapper);
    private final BuyerIds buyerIds = new BuyerIds(KEY);
    private final OrderIds orderIds = new OrderIds();
    private final OrderTokens tokens = new OrderTokens(KEY);

    private APIGatewayV2HTTPEvent event;
    private JsonNode body;
    private BuyerId buyer;
    private Order order;
    private PaymentIntent payment;
    private CheckoutHandler holding;
    private CheckoutHandler soldOut;

    @Setup
    public void setUp() throws IOException {
        Instant now = Instant.now();
        Drop drop = TestDrops.open(now, 2, 500, "HOT");
        event = Events.checkout("bench-key-00000001", drop.dropId(), EMAIL, TestDrops.HUB, "HOT");
        body = mapper.readTree(event.getBody());
        buyer = buyerIds.of(EMAIL);
        order = new Order(orderIds.next(now), drop.dropId(), buyer, EMAIL,
                List.of(new OrderLine("HOT", 1, Money.of(2_500, "EUR"))), Money.of(2_500, "EUR"),
                new Fulfilment.Pickup(TestDrops.HUB, null), OrderStatus.HELD, now, now.plus(drop.holdDuration()));
        payment = new PaymentIntent("test", "pi_" + order.orderId(), "pi_" + order.orderId() + "_secret");
        holding = handler(drop, 500);
        soldOut = handler(drop, 0);
    }

    /** The function URL event into a request, and its body into a JSON tree. */
    @Benchmark
    public JsonNode parseEvent() throws IOException {
        return mapper.readTree(HttpRequest.of(event).body());
    }

    /** The JSON tree into a validated command: types, then values, every problem named. */
    @Benchmark
    public Validated<CheckoutCommand> validate() {
        return CheckoutRequestParser.parse("bench-key-00000001", body);
    }

    /** The buyer's id (an HMAC of the e-mail) and a new order id (a ULID). */
    @Benchmark
    public void deriveIds(Blackhole blackhole) {
        blackhole.consume(buyerIds.of(EMAIL));
        blackhole.consume(orderIds.next(Instant.EPOCH));
    }

    /** The keys of one hold's transaction. */
    @Benchmark
    public void buildKeys(Blackhole blackhole) {
        String dropId = order.dropId();
        blackhole.consume(TableKeys.idempotencyKey(dropId, "bench-key-00000001"));
        blackhole.consume(TableKeys.order(order.orderId()));
        blackhole.consume(TableKeys.buyerInDrop(buyer, dropId));
        blackhole.consume(TableKeys.sku(dropId, "HOT"));
        blackhole.consume(TableKeys.ledgerEntry(dropId, "HOT", order.orderId() + "#HOLD"));
        blackhole.consume(TableKeys.outboxEvent("evt_" + order.orderId() + "_OrderHeld"));
    }

    /** The 201 answer: the order, its payment and the buyer's order token as JSON. */
    @Benchmark
    public APIGatewayV2HTTPResponse serialiseOrder() {
        return responses.json(201, OrderJson.of(order, payment, tokens.issue(order.orderId())),
                Map.of("idempotent-replayed", "false", "cache-control", "no-store"));
    }

    /** The whole handler for a hold: everything above, the use case and the transaction's request built. */
    @Benchmark
    public APIGatewayV2HTTPResponse handlerHold() {
        return holding.apply(event);
    }

    /** The whole handler for a late buyer: sold out, known from the cache, answered without a write. */
    @Benchmark
    public APIGatewayV2HTTPResponse handlerSoldOut() {
        return soldOut.apply(event);
    }

    /**
     * The checkout function as {@code CheckoutApplication} wires it, on a drop that always shows {@code available}
     * units (read once into the real cache) and a table that accepts every request at once.
     */
    private CheckoutHandler handler(Drop drop, int available) {
        Clock clock = Clock.systemUTC();
        DropSnapshot snapshot = new DropSnapshot(drop, Map.of("HOT", new StockLevel("HOT", 500, available,
                500 - available, 0)), clock.instant());
        DropReader fixed = new DropReader() {
            @Override
            public Optional<DropSnapshot> read(String dropId) {
                return Optional.of(snapshot);
            }

            @Override
            public List<DropSummary> list() {
                return List.of();
            }
        };
        CachedDropReader drops = new CachedDropReader(fixed, clock, Duration.ofDays(1));
        DynamoDbClient table = new InstantTable();
        BuyerDoors doors = BuyerDoors.of(drops, new DynamoDbInventory(table, "bench"),
                new DynamoDbWaitlist(table, "bench"), new RecordingPayments(), KEY, Contention.standard(), clock);
        return new CheckoutHandler(doors, new DynamoDbOrderStore(table, "bench", clock), tokens, mapper, responses);
    }

    /** A table that takes every write and finds nothing, at once: the requests are built, never sent. */
    private static final class InstantTable implements DynamoDbClient {

        @Override
        public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
            return TransactWriteItemsResponse.builder().build();
        }

        @Override
        public PutItemResponse putItem(PutItemRequest request) {
            return PutItemResponse.builder().build();
        }

        @Override
        public UpdateItemResponse updateItem(UpdateItemRequest request) {
            return UpdateItemResponse.builder().build();
        }

        @Override
        public GetItemResponse getItem(GetItemRequest request) {
            return GetItemResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }
}
