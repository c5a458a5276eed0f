package io.kwsstudio.ui;

import io.kwsstudio.tasks.CancellationToken;
import io.kwsstudio.tasks.ProgressListener;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.util.Duration;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs the studio's long work off the FX thread and shows it in the status bar: the worker writes
 * progress into volatile fields and a 50 ms timer copies the latest into properties, so a task that
 * reports a million times a second costs the UI nothing. Results and errors come back on the FX
 * thread. One task at a time is shown; tasks run on a small pool.
 */
public final class BackgroundTasks {
    /** Work done in the background: reports progress and checks the token between items. */
    @FunctionalInterface
    public interface Work<T> {
        T run(ProgressListener progress, CancellationToken cancel) throws Exception;
    }

    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "studio-task");
        t.setDaemon(true);
        return t;
    });
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final AtomicInteger active = new AtomicInteger();
    private volatile String latestMessage = "";
    private volatile double latestProgress = -1;
    private volatile CancellationToken currentToken = CancellationToken.NONE;
    private final Timeline pump;

    public BackgroundTasks() {
        pump = new Timeline(new KeyFrame(Duration.millis(50), e -> {
            message.set(latestMessage);
            progress.set(latestProgress);
        }));
        pump.setCycleCount(Timeline.INDEFINITE);
    }

    /**
     * Starts work in the background. {@code onSuccess} and {@code onError} run on the FX thread; a
     * cancelled task calls neither but shows "Cancelled" in the status bar.
     */
    public <T> CancellationToken submit(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onError) {
        CancellationToken token = new CancellationToken();
        currentToken = token;
        latestMessage = title;
        latestProgress = -1;
        onFx(() -> {
            running.set(active.incrementAndGet() > 0);
            message.set(title);
            progress.set(-1);
            pump.play();
        });
        executor.submit(() -> {
            try {
                T result = work.run((done, total, msg) -> {
                    latestMessage = msg;
                    latestProgress = total > 0 ? (double) done / total : -1;
                }, token);
                onFx(() -> {
                    finished("");
                    onSuccess.accept(result);
                });
            } catch (CancellationException e) {
                onFx(() -> finished(title + ": cancelled"));
            } catch (Throwable e) {
                onFx(() -> {
                    finished("");
                    onError.accept(e);
                });
            }
        });
        return token;
    }

    private void finished(String finalMessage) {
        boolean stillRunning = active.decrementAndGet() > 0;
        running.set(stillRunning);
        if (!stillRunning) {
            pump.stop();
            latestMessage = finalMessage;
            latestProgress = 0;
            message.set(finalMessage);
            progress.set(0);
        }
    }

    /** Cancels the task shown in the status bar. */
    public void cancelCurrent() {
        currentToken.cancel();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public void shutdown() {
        executor.shutdownNow();
    }

    static void onFx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }
}
