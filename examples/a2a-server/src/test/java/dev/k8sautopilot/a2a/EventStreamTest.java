package dev.k8sautopilot.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import io.a2a.spec.StreamingEventKind;
import io.a2a.spec.Task;
import io.a2a.spec.TaskState;
import io.a2a.spec.TaskStatus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventStreamTest {

    private final ExecutorService delivery = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        delivery.shutdownNow();
    }

    @Test
    void keepsEventsEmittedBeforeTheSubscriberAndHonoursDemand() throws Exception {
        EventStream stream = new EventStream(delivery, s -> { });
        stream.emit(task("a"));
        stream.emit(task("b"));
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch two = new CountDownLatch(2);
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Flow.Subscription> sub = new AtomicReference<>();
        stream.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                sub.set(s);
                s.request(2);
            }

            @Override
            public void onNext(StreamingEventKind item) {
                seen.add(((Task) item).getId());
                two.countDown();
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onComplete() {
                done.countDown();
            }
        });
        stream.emit(task("c"));
        stream.end();
        assertThat(two.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(200);
        assertThat(seen).as("no more than requested").containsExactly("a", "b");
        sub.get().request(1);
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).containsExactly("a", "b", "c");
    }

    @Test
    void cancelNamesTheStream() {
        AtomicReference<EventStream> cancelled = new AtomicReference<>();
        EventStream stream = new EventStream(delivery, cancelled::set);
        stream.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.cancel();
            }

            @Override
            public void onNext(StreamingEventKind item) {
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onComplete() {
            }
        });
        assertThat(cancelled.get()).isSameAs(stream);
    }

    private static Task task(String id) {
        return new Task.Builder().id(id).contextId("c").status(new TaskStatus(TaskState.WORKING)).build();
    }
}
