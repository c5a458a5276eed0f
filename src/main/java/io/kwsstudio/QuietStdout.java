package io.kwsstudio;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * Standard output without the debugging lines SameDiff 1.0.0-M2.1 prints with
 * {@code System.out.println} ("Added differentiated op ...", dozens per model) when it builds a
 * gradient graph: they would corrupt the CLI's --json output and bury its messages. Everything
 * else passes through unchanged, line by line.
 */
final class QuietStdout extends OutputStream {
    private static final String NOISE = "Added differentiated op ";
    private final PrintStream target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private QuietStdout(PrintStream target) {
        this.target = target;
    }

    static void install() {
        PrintStream original = System.out;
        System.setOut(new PrintStream(new QuietStdout(original), true, Charset.defaultCharset()));
    }

    @Override
    public synchronized void write(int b) {
        line.write(b);
        if (b == '\n') {
            emit();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public synchronized void flush() {
        // A partial line is held until its end (or close) so a filtered line is never split.
        if (line.size() > 0 && !startsLikeNoise()) {
            emit();
        }
        target.flush();
    }

    @Override
    public synchronized void close() {
        emit();
        target.flush();
    }

    private boolean startsLikeNoise() {
        byte[] b = line.toByteArray();
        int n = Math.min(b.length, NOISE.length());
        return new String(b, 0, n, Charset.defaultCharset()).equals(NOISE.substring(0, n));
    }

    private void emit() {
        if (line.size() > 0 && !line.toString(Charset.defaultCharset()).startsWith(NOISE)) {
            target.write(line.toByteArray(), 0, line.size());
        }
        line.reset();
    }
}
