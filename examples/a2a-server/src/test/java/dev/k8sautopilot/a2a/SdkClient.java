package dev.k8sautopilot.a2a;

import io.a2a.A2A;
import io.a2a.client.Client;
import io.a2a.client.ClientEvent;
import io.a2a.client.MessageEvent;
import io.a2a.client.TaskEvent;
import io.a2a.client.TaskUpdateEvent;
import io.a2a.client.config.ClientConfig;
import io.a2a.client.transport.jsonrpc.JSONRPCTransport;
import io.a2a.client.transport.jsonrpc.JSONRPCTransportConfig;
import io.a2a.client.transport.spi.interceptors.ClientCallContext;
import io.a2a.spec.A2AClientException;
import io.a2a.spec.AgentCard;
import io.a2a.spec.Message;
import io.a2a.spec.Part;
import io.a2a.spec.Task;
import io.a2a.spec.TaskQueryParams;
import io.a2a.spec.TextPart;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** The official A2A Java SDK client, as a test uses it: blocking sends, streams collected into a list. */
final class SdkClient implements AutoCloseable {

    private final AgentCard card;
    private final Client blocking;
    private final Client streaming;
    private final ClientCallContext context;
    private final AtomicReference<ClientEvent> last = new AtomicReference<>();
    private final List<ClientEvent> streamed = new CopyOnWriteArrayList<>();
    private volatile CompletableFuture<Void> streamDone = new CompletableFuture<>();

    SdkClient(String url, String token) throws A2AClientException {
        Map<String, String> headers = new HashMap<>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        this.context = new ClientCallContext(new HashMap<>(), headers);
        this.card = A2A.getAgentCard(url);
        this.blocking = Client.builder(card)
                .clientConfig(ClientConfig.builder().setStreaming(false).build())
                .withTransport(JSONRPCTransport.class, new JSONRPCTransportConfig())
                .addConsumer((event, c) -> last.set(event))
                .build();
        this.streaming = Client.builder(card)
                .clientConfig(ClientConfig.builder().setStreaming(true).build())
                .withTransport(JSONRPCTransport.class, new JSONRPCTransportConfig())
                .addConsumer((event, c) -> {
                    streamed.add(event);
                    if (isFinal(event)) {
                        streamDone.complete(null);
                    }
                })
                .streamingErrorHandler(e -> streamDone.completeExceptionally(e))
                .build();
    }

    AgentCard card() {
        return card;
    }

    /** Starts a task with a text message and returns it as the server answered (blocking send). */
    Task send(String text) throws A2AClientException {
        return send(message(null, null, List.of(new TextPart(text))));
    }

    /** Replies in a task with a text message (blocking send). */
    Task reply(Task task, String text) throws A2AClientException {
        return send(message(task.getId(), task.getContextId(), List.of(new TextPart(text))));
    }

    /** Sends a message and returns the task in the answer. */
    Task send(Message message) throws A2AClientException {
        last.set(null);
        blocking.sendMessage(message, context);
        ClientEvent event = last.get();
        if (event instanceof TaskEvent t) {
            return t.getTask();
        }
        throw new AssertionError("expected a task, got " + (event instanceof MessageEvent m ? m.getMessage() : event));
    }

    /** Streams a message; returns every event once the stream ended. */
    List<ClientEvent> stream(Message message) throws Exception {
        streamed.clear();
        streamDone = new CompletableFuture<>();
        streaming.sendMessage(message, context);
        streamDone.get(3, TimeUnit.MINUTES);
        return new ArrayList<>(streamed);
    }

    Task get(String taskId) throws A2AClientException {
        return blocking.getTask(new TaskQueryParams(taskId), context);
    }

    static Message message(String taskId, String contextId, List<Part<?>> parts) {
        return new Message.Builder().role(Message.Role.USER).parts(parts).messageId(UUID.randomUUID().toString())
                .taskId(taskId).contextId(contextId).build();
    }

    private static boolean isFinal(ClientEvent event) {
        if (event instanceof TaskUpdateEvent u && u.getUpdateEvent() instanceof io.a2a.spec.TaskStatusUpdateEvent s) {
            return s.isFinal();
        }
        return event instanceof MessageEvent;
    }

    @Override
    public void close() {
        blocking.close();
        streaming.close();
    }
}
