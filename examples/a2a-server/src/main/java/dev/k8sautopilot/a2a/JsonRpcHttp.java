package dev.k8sautopilot.a2a;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.a2a.server.ServerCallContext;
import io.a2a.server.auth.UnauthenticatedUser;
import io.a2a.server.requesthandlers.RequestHandler;
import io.a2a.spec.AgentCard;
import io.a2a.spec.AuthenticatedExtendedCardNotConfiguredError;
import io.a2a.spec.CancelTaskResponse;
import io.a2a.spec.GetTaskResponse;
import io.a2a.spec.InternalError;
import io.a2a.spec.InvalidParamsError;
import io.a2a.spec.InvalidRequestError;
import io.a2a.spec.JSONParseError;
import io.a2a.spec.JSONRPCError;
import io.a2a.spec.JSONRPCErrorResponse;
import io.a2a.spec.JSONRPCResponse;
import io.a2a.spec.MessageSendParams;
import io.a2a.spec.MethodNotFoundError;
import io.a2a.spec.PushNotificationNotSupportedError;
import io.a2a.spec.SendMessageResponse;
import io.a2a.spec.SendStreamingMessageResponse;
import io.a2a.spec.StreamingEventKind;
import io.a2a.spec.TaskIdParams;
import io.a2a.spec.TaskQueryParams;
import io.a2a.util.Utils;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the A2A v0.3 JSON-RPC transport, on the JDK's HTTP server: the agent card at
 * {@code GET /.well-known/agent-card.json} (and the older {@code agent.json}), JSON-RPC requests at
 * {@code POST /}, server-sent events for {@code message/stream} and {@code tasks/resubscribe}.
 *
 * <p>Every failure is a JSON-RPC error object (parse error, invalid request, method not found, invalid params,
 * the A2A errors, internal error with a one-line message); no stack trace ever reaches a client. Requests larger
 * than the limit are refused with HTTP 413, requests without the bearer token (when one is set) with 401.
 * Thread-safe.
 */
final class JsonRpcHttp implements HttpHandler {

    static final String CARD_PATH = "/.well-known/agent-card.json";
    static final String LEGACY_CARD_PATH = "/.well-known/agent.json";

    private static final Logger LOG = LoggerFactory.getLogger(JsonRpcHttp.class);

    private final RequestHandler handler;
    private final AgentCard card;
    private final Optional<byte[]> token;
    private final int maxRequestBytes;

    JsonRpcHttp(RequestHandler handler, AgentCard card, Optional<String> token, int maxRequestBytes) {
        this.handler = handler;
        this.card = card;
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals(CARD_PATH) || path.equals(LEGACY_CARD_PATH)) {
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    plain(exchange, 405, "use GET for the agent card");
                    return;
                }
                send(exchange, 200, "application/json", Utils.OBJECT_MAPPER.writeValueAsBytes(card));
                return;
            }
            if (!path.equals("/")) {
                plain(exchange, 404, "no such resource; the agent card is at " + CARD_PATH + " and JSON-RPC at POST /");
                return;
            }
            if (!method.equals("POST")) {
                exchange.getResponseHeaders().add("Allow", "POST");
                plain(exchange, 405, "JSON-RPC requests use POST");
                return;
            }
            if (!authorized(exchange)) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"k8s-autopilot\"");
                json(exchange, 401, new JSONRPCErrorResponse(null, new InvalidRequestError(
                        "authentication required (fix: send the header Authorization: Bearer <token>)")));
                return;
            }
            Optional<byte[]> body = readLimited(exchange.getRequestBody());
            if (body.isEmpty()) {
                json(exchange, 413, new JSONRPCErrorResponse(null, new InvalidRequestError("the request is larger than "
                        + maxRequestBytes + " bytes (fix: send less, or start the server with a higher --max-request-bytes)")));
                return;
            }
            rpc(exchange, body.get());
        } catch (IOException e) {
            // The client went away; nothing to answer.
            LOG.debug("HTTP exchange ended early: {}", e.toString());
        } catch (RuntimeException e) {
            LOG.warn("Unexpected failure serving {}", exchange.getRequestURI(), e);
        }
    }

    private void rpc(HttpExchange exchange, byte[] body) throws IOException {
        JsonNode root;
        try {
            root = Utils.OBJECT_MAPPER.readTree(body);
        } catch (IOException e) {
            json(exchange, 200, new JSONRPCErrorResponse(null, new JSONParseError("the request is not valid JSON: "
                    + firstLine(e.getMessage()) + " (fix: send one JSON-RPC 2.0 request object)")));
            return;
        }
        if (root == null || !root.isObject()) {
            json(exchange, 200, new JSONRPCErrorResponse(null, new InvalidRequestError("the request must be one JSON object"
                    + (root != null && root.isArray() ? " (batches are not supported)" : "") + " (fix: send {\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": ..., \"params\": ...})")));
            return;
        }
        Object id;
        JsonNode idNode = root.get("id");
        if (idNode == null || idNode.isNull()) {
            id = null;
        } else if (idNode.isTextual()) {
            id = idNode.asText();
        } else if (idNode.isIntegralNumber() && idNode.canConvertToInt()) {
            id = idNode.asInt();
        } else {
            json(exchange, 200, new JSONRPCErrorResponse(null, new InvalidRequestError("id must be a string or an integer")));
            return;
        }
        JsonNode version = root.get("jsonrpc");
        JsonNode methodNode = root.get("method");
        if (version == null || !"2.0".equals(version.asText()) || methodNode == null || !methodNode.isTextual()) {
            json(exchange, 200, new JSONRPCErrorResponse(id, new InvalidRequestError(
                    "not a JSON-RPC 2.0 request (fix: send \"jsonrpc\": \"2.0\" and a \"method\" string)")));
            return;
        }
        String method = methodNode.asText();
        JsonNode params = root.get("params");
        ServerCallContext context = new ServerCallContext(UnauthenticatedUser.INSTANCE, new HashMap<>(), new HashSet<>());
        boolean streaming = method.equals("message/stream") || method.equals("tasks/resubscribe");
        try {
            switch (method) {
                case "message/send" -> json(exchange, 200, new SendMessageResponse(id,
                        handler.onMessageSend(params(params, MessageSendParams.class), context)));
                case "message/stream" -> stream(exchange, id, handler.onMessageSendStream(params(params, MessageSendParams.class), context));
                case "tasks/get" -> json(exchange, 200, new GetTaskResponse(id, handler.onGetTask(params(params, TaskQueryParams.class), context)));
                case "tasks/cancel" -> json(exchange, 200, new CancelTaskResponse(id, handler.onCancelTask(params(params, TaskIdParams.class), context)));
                case "tasks/resubscribe" -> stream(exchange, id, handler.onResubscribeToTask(params(params, TaskIdParams.class), context));
                case "tasks/pushNotificationConfig/set", "tasks/pushNotificationConfig/get", "tasks/pushNotificationConfig/list",
                     "tasks/pushNotificationConfig/delete" -> throw new PushNotificationNotSupportedError();
                case "agent/getAuthenticatedExtendedCard" -> throw new AuthenticatedExtendedCardNotConfiguredError();
                default -> throw new MethodNotFoundError(MethodNotFoundError.DEFAULT_CODE, "method '" + method
                        + "' does not exist (fix: use message/send, message/stream, tasks/get, tasks/cancel or tasks/resubscribe)", null);
            }
        } catch (JSONRPCError e) {
            error(exchange, id, e, streaming);
        } catch (RuntimeException e) {
            LOG.warn("JSON-RPC {} failed", method, e);
            error(exchange, id, new InternalError("internal error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()))), streaming);
        }
    }

    private static <T> T params(JsonNode params, Class<T> type) {
        if (params == null || params.isNull()) {
            throw new InvalidParamsError("params are required (fix: send a \"params\" object)");
        }
        try {
            return Utils.OBJECT_MAPPER.treeToValue(params, type);
        } catch (JsonProcessingException e) {
            throw new InvalidParamsError("invalid params: " + firstLine(e.getOriginalMessage()));
        } catch (RuntimeException e) {
            throw new InvalidParamsError("invalid params: " + firstLine(e.getMessage()));
        }
    }

    /** Writes the events as server-sent events until the stream ends or the client goes away. */
    private void stream(HttpExchange exchange, Object id, Flow.Publisher<StreamingEventKind> events) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        CountDownLatch done = new CountDownLatch(1);
        events.subscribe(new Flow.Subscriber<>() {
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(StreamingEventKind event) {
                try {
                    event(out, new SendStreamingMessageResponse(id, event));
                } catch (IOException e) {
                    subscription.cancel();
                    done.countDown();
                }
            }

            @Override
            public void onError(Throwable t) {
                try {
                    event(out, new SendStreamingMessageResponse(id, t instanceof JSONRPCError e ? e
                            : new InternalError("the event stream failed: " + firstLine(t.getMessage()))));
                } catch (IOException e) {
                    LOG.debug("cannot report a stream failure: {}", e.toString());
                }
                done.countDown();
            }

            @Override
            public void onComplete() {
                done.countDown();
            }
        });
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void event(OutputStream out, JSONRPCResponse<?> response) throws IOException {
        byte[] json = bytes(response);
        synchronized (out) {
            out.write("data: ".getBytes(StandardCharsets.UTF_8));
            out.write(json);
            out.write("\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private void error(HttpExchange exchange, Object id, JSONRPCError error, boolean streaming) throws IOException {
        if (streaming) {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            event(exchange.getResponseBody(), new SendStreamingMessageResponse(id, error));
        } else {
            json(exchange, 200, new JSONRPCErrorResponse(id, error));
        }
    }

    private boolean authorized(HttpExchange exchange) {
        if (token.isEmpty()) {
            return true;
        }
        String header = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")).orElse("");
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token.get());
    }

    /** The body, or empty when it is larger than the limit. */
    private Optional<byte[]> readLimited(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[16 * 1024];
        int total = 0;
        for (int n; (n = in.read(chunk)) > 0; ) {
            total += n;
            if (total > maxRequestBytes) {
                return Optional.empty();
            }
            buffer.write(chunk, 0, n);
        }
        return Optional.of(buffer.toByteArray());
    }

    private static void json(HttpExchange exchange, int status, JSONRPCResponse<?> response) throws IOException {
        send(exchange, status, "application/json", bytes(response));
    }

    /** A response as JSON; {@code "id": null} stays in (JSON-RPC 2.0 requires the member when the id is unknown). */
    private static byte[] bytes(JSONRPCResponse<?> response) throws JsonProcessingException {
        ObjectNode node = Utils.OBJECT_MAPPER.valueToTree(response);
        if (!node.has("id")) {
            node.putNull("id");
        }
        return Utils.OBJECT_MAPPER.writeValueAsBytes(node);
    }

    private static void plain(HttpExchange exchange, int status, String text) throws IOException {
        Map<String, String> body = Map.of("error", text);
        send(exchange, status, "application/json", Utils.OBJECT_MAPPER.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            exchange.getResponseBody().write(body);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
