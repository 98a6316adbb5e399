package dev.k8sautopilot.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Model calls of the planner and the healer: retries and one total deadline per stage, failures turned
 * into a short, key-free reason. Each HTTP attempt goes through the model the pipeline handed over (its
 * metering counts every request and its tokens); a retry logs one line, never a stack trace.
 */
final class ModelCalls {

    private static final Logger LOG = LoggerFactory.getLogger(ModelCalls.class);
    private static final int MAX_DETAIL = 200;
    private static final long FIRST_BACKOFF_MILLIS = 500;
    private static final ThreadLocal<Boolean> MANAGED = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private static final ExecutorService ATTEMPTS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "k8s-autopilot-llm-call");
        t.setDaemon(true);
        return t;
    });

    private ModelCalls() {
    }

    /** The model failed to answer (timeout, rate limit after retries, server or network error). */
    static final class Failure extends Exception {
        Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** True on the thread of an attempt a {@link Budget} runs: the provider model then makes exactly one request. */
    static boolean inManagedAttempt() {
        return MANAGED.get();
    }

    /**
     * The time and retries one stage has for its model calls: started when the stage starts, shared by every
     * call of the stage (the planner's repair round, each file the healer patches). Not thread-safe; one per
     * stage invocation.
     */
    static final class Budget {
        private final Duration total;
        private final int maxRetries;
        private final long deadline;

        private Budget(Duration total, int maxRetries) {
            this.total = total;
            this.maxRetries = maxRetries;
            this.deadline = System.nanoTime() + total.toNanos();
        }

        /** A budget with the traits of {@code model} (see {@link ModelTraits}), starting now. */
        static Budget start(ChatModel model) {
            ModelTraits traits = ModelTraits.of(model);
            return new Budget(traits.stageTimeout(), traits.maxRetries());
        }

        /** A budget of {@code total} time and {@code maxRetries} retries, starting now. */
        static Budget of(Duration total, int maxRetries) {
            return new Budget(total, Math.max(0, maxRetries));
        }

        /** Time left, never negative. */
        Duration remaining() {
            return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        }

        /**
         * Calls the model, retrying rate limits, server errors and timeouts while the budget lasts.
         *
         * @return the reply text, empty when the reply had none
         * @throws Failure when the model failed for good or the budget ran out
         */
        String text(ChatModel model, ChatRequest request) throws Failure {
            try {
                ChatResponse response = run(() -> model.chat(request), true);
                if (response == null || response.aiMessage() == null || response.aiMessage().text() == null) {
                    return "";
                }
                return response.aiMessage().text();
            } catch (RuntimeException e) {
                throw new Failure(describe(e), e);
            }
        }

        /** For a provider model called directly: the same retries and deadline, the last failure rethrown. */
        ChatResponse callUnmanaged(Supplier<ChatResponse> attempt) {
            return run(attempt, false);
        }

        private ChatResponse run(Supplier<ChatResponse> attempt, boolean managed) {
            for (int n = 0; ; n++) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("no answer within the stage's time budget of " + seconds() + " s");
                }
                try {
                    return once(attempt, managed, left);
                } catch (RuntimeException e) {
                    long delay = FIRST_BACKOFF_MILLIS << Math.min(n, 6);
                    if (n >= maxRetries || !retriable(e) || deadline - System.nanoTime() <= TimeUnit.MILLISECONDS.toNanos(delay)) {
                        throw e;
                    }
                    LOG.warn("LLM call: attempt {} of {} failed ({}); retrying in {} ms", n + 1, maxRetries + 1,
                            describe(e).replace(", retries used up", ""), delay);
                    try {
                        Thread.sleep(delay);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        }

        private ChatResponse once(Supplier<ChatResponse> attempt, boolean managed, long leftNanos) {
            Future<ChatResponse> future = ATTEMPTS.submit(() -> {
                MANAGED.set(managed);
                try {
                    return attempt.get();
                } finally {
                    MANAGED.remove();
                }
            });
            try {
                return future.get(leftNanos, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                future.cancel(true);
                throw new TimeoutException("no answer within the stage's time budget of " + seconds() + " s");
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the model", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            }
        }

        private String seconds() {
            long ms = total.toMillis();
            return ms % 1000 == 0 ? String.valueOf(ms / 1000) : String.valueOf(ms / 1000.0);
        }
    }

    /** Rate limits, server errors, timeouts and network failures may pass; bad requests and keys do not. */
    static boolean retriable(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof JsonProcessingException) {
                return false; // a garbled body is not a network failure: asking again gives the same answer
            }
            if (c instanceof RetriableException || c instanceof HttpTimeoutException || c instanceof IOException) {
                return true;
            }
            if (c instanceof HttpException h) {
                return h.statusCode() == 429 || h.statusCode() >= 500;
            }
        }
        return false;
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
