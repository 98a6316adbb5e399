package dev.k8sautopilot.llm;

import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.net.http.HttpTimeoutException;

/** One model call with failures turned into a short, key-free reason. */
final class ModelCalls {

    private static final int MAX_DETAIL = 200;

    private ModelCalls() {
    }

    /** The model failed to answer (timeout, rate limit after retries, server or network error). */
    static final class Failure extends Exception {
        Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Calls the model once.
     *
     * @return the reply text, empty when the reply had none
     * @throws Failure when the model threw
     */
    static String text(ChatModel model, ChatRequest request) throws Failure {
        try {
            ChatResponse response = model.chat(request);
            if (response == null || response.aiMessage() == null || response.aiMessage().text() == null) {
                return "";
            }
            return response.aiMessage().text();
        } catch (RuntimeException e) {
            throw new Failure(describe(e), e);
        }
    }

    /** A one-line reason for people, never containing request headers. */
    static String describe(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof TimeoutException || c instanceof HttpTimeoutException || c instanceof java.util.concurrent.TimeoutException) {
                return "the model did not answer in time";
            }
            if (c instanceof RateLimitException) {
                return "the model's rate limit was hit (HTTP 429, retries used up)";
            }
        }
        String message = e.getMessage() == null ? "" : e.getMessage().strip();
        int nl = message.indexOf('\n');
        if (nl >= 0) {
            message = message.substring(0, nl);
        }
        if (message.length() > MAX_DETAIL) {
            message = message.substring(0, MAX_DETAIL) + "…";
        }
        return "the model call failed (" + e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message) + ")";
    }
}
