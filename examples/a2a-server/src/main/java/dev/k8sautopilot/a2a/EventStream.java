package dev.k8sautopilot.a2a;

import io.a2a.spec.StreamingEventKind;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The events of one stream ({@code message/stream}, {@code tasks/resubscribe}) as a {@link Flow.Publisher} for
 * one subscriber. Events emitted before the subscriber arrives are kept, so none is lost between creating the
 * stream and subscribing; delivery honours the subscriber's demand and runs on the given executor. Thread-safe.
 */
final class EventStream implements Flow.Publisher<StreamingEventKind> {

    private static final Object END = new Object();

    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Executor delivery;
    private final Consumer<EventStream> onCancel;
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final Object demandLock = new Object();
    private long demand;
    private volatile boolean cancelled;

    /**
     * @param delivery where the subscriber is called
     * @param onCancel called once with this stream when the subscriber cancels (to stop feeding it)
     */
    EventStream(Executor delivery, Consumer<EventStream> onCancel) {
        this.delivery = delivery;
        this.onCancel = onCancel;
    }

    /** Adds an event. */
    void emit(StreamingEventKind event) {
        queue.add(event);
    }

    /** Ends the stream after the events emitted so far. */
    void end() {
        queue.add(END);
    }

    @Override
    public void subscribe(Flow.Subscriber<? super StreamingEventKind> subscriber) {
        if (!subscribed.compareAndSet(false, true)) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(new IllegalStateException("this event stream already has a subscriber"));
            return;
        }
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                synchronized (demandLock) {
                    demand = n <= 0 ? demand : (Long.MAX_VALUE - demand < n ? Long.MAX_VALUE : demand + n);
                    demandLock.notifyAll();
                }
            }

            @Override
            public void cancel() {
                if (!cancelled) {
                    cancelled = true;
                    onCancel.accept(EventStream.this);
                    synchronized (demandLock) {
                        demandLock.notifyAll();
                    }
                }
            }
        });
        delivery.execute(() -> deliver(subscriber));
    }

    private void deliver(Flow.Subscriber<? super StreamingEventKind> subscriber) {
        try {
            while (!cancelled) {
                Object item = queue.poll(1, TimeUnit.SECONDS);
                if (item == null) {
                    continue;
                }
                if (item == END) {
                    // Completion needs no demand.
                    subscriber.onComplete();
                    return;
                }
                synchronized (demandLock) {
                    while (demand == 0 && !cancelled) {
                        demandLock.wait(1000);
                    }
                    if (cancelled) {
                        return;
                    }
                    if (demand != Long.MAX_VALUE) {
                        demand--;
                    }
                }
                subscriber.onNext((StreamingEventKind) item);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            subscriber.onError(e);
        } catch (RuntimeException e) {
            subscriber.onError(e);
        }
    }
}
