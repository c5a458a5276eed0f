package io.kwsstudio.cli;

import io.kwsstudio.tasks.ProgressListener;

import java.io.PrintStream;

/**
 * A one-line progress bar on stderr, redrawn at most ten times a second; silent when stderr is not a
 * terminal so logs and pipes stay clean.
 */
final class ConsoleProgress implements ProgressListener {
    private final PrintStream out;
    private final boolean enabled;
    private long lastDraw;
    private boolean drawn;

    ConsoleProgress(PrintStream out) {
        this(out, System.console() != null);
    }

    ConsoleProgress(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    @Override
    public synchronized void progress(long done, long total, String message) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < 100_000_000L && done < total) {
            return;
        }
        lastDraw = now;
        int width = 30;
        StringBuilder sb = new StringBuilder("\r[");
        int filled = total > 0 ? (int) (width * Math.min(1.0, (double) done / total)) : 0;
        sb.append("=".repeat(filled)).append(" ".repeat(width - filled)).append("] ");
        if (total > 0) {
            sb.append(String.format("%3d%% ", (int) (100.0 * done / total)));
        }
        String msg = message.length() > 60 ? message.substring(0, 57) + "..." : message;
        sb.append(String.format("%-60s", msg));
        out.print(sb);
        out.flush();
        drawn = true;
    }

    /** Ends the progress line so the next output starts on a fresh line. */
    synchronized void finish() {
        if (drawn) {
            out.print("\r" + " ".repeat(100) + "\r");
            out.flush();
            drawn = false;
        }
    }
}
