package dev.microdrop.infrastructure.dynamodb;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Counts the requests a piece of code sends to the (real) DynamoDB Local client it wraps, so a test can prove
 * "at most one read per window" or "no write after sell-out". Every call is passed through unchanged.
 */
public final class CountingDynamoDb {

    private static final Set<String> READS = Set.of("getItem", "query", "queryPaginator", "scan", "scanPaginator",
            "batchGetItem", "transactGetItems");
    private static final Set<String> WRITES = Set.of("putItem", "updateItem", "deleteItem", "transactWriteItems",
            "batchWriteItem");

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final DynamoDbClient client;

    public CountingDynamoDb(DynamoDbClient delegate) {
        this.client = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    calls.computeIfAbsent(method.getName(), k -> new AtomicInteger()).incrementAndGet();
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    public DynamoDbClient client() {
        return client;
    }

    public int reads() {
        return sum(READS);
    }

    public int writes() {
        return sum(WRITES);
    }

    public int calls(String method) {
        AtomicInteger count = calls.get(method);
        return count == null ? 0 : count.get();
    }

    public void reset() {
        calls.clear();
    }

    private int sum(Set<String> methods) {
        return methods.stream().mapToInt(this::calls).sum();
    }
}
