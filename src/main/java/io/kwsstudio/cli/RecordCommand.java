package io.kwsstudio.cli;

import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.audio.AudioSource;
import io.kwsstudio.audio.MicrophoneSource;
import io.kwsstudio.audio.SignalSource;
import io.kwsstudio.dataset.Clip;
import io.kwsstudio.dataset.Dataset;
import io.kwsstudio.record.Recorder;
import io.kwsstudio.record.RecordingSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code record}: a prompted recording session from the microphone (or a WAV file standing in for one). */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Record a word a number of times into a dataset label: the terminal counts down before each take, "
                + "each take lasts the clip duration (or ends when you stop speaking) and is saved as <speaker>_nohash_<n>.wav.",
                "Without a microphone, --from-wav plays a WAV file into the recorder instead."})
final class RecordCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Option(names = "--label", required = true, description = "Word (label folder) to record.")
    String label;
    @Option(names = "--count", defaultValue = "10", description = "Number of takes (default: ${DEFAULT-VALUE}).")
    int count;
    @Option(names = "--into", defaultValue = ".", paramLabel = "DIR", description = "Dataset folder (default: the current folder).")
    Path into;
    @Option(names = "--speaker", defaultValue = "${sys:user.name}", description = "Speaker name for the file names (default: your user name).")
    String speaker;
    @Option(names = "--device", description = "Input device name (see --list-devices); default: the system default.")
    String device;
    @Option(names = "--list-devices", description = "List input devices and exit.")
    boolean listDevices;
    @Option(names = "--from-wav", paramLabel = "FILE", description = "Use a WAV file as the input instead of a microphone.")
    Path fromWav;
    @Option(names = "--full-length", description = "Always record the whole clip duration (default: end a take when you stop speaking).")
    boolean fullLength;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (listDevices) {
            MicrophoneSource.inputDevices().forEach(out::println);
            out.flush();
            return 0;
        }
        Dataset ds = Dataset.open(into);
        RecordingSession session = new RecordingSession(ds, label, speaker, count);
        AudioSource source = fromWav != null ? SignalSource.ofWav(fromWav, ds.sampleRate(), true) : new MicrophoneSource(device);
        BlockingQueue<Object> takes = new ArrayBlockingQueue<>(2);
        try (Recorder recorder = new Recorder(source, ds.sampleRate())) {
            recorder.start(new Recorder.Listener() {
                @Override
                public void takeFinished(AudioClip take) {
                    takes.add(take);
                }

                @Override
                public void stopped(String reason) {
                    takes.add(reason == null ? "stopped" : reason);
                }
            });
            out.printf(Locale.ROOT, "Recording %d takes of \"%s\" from %s as speaker %s into %s%n", count, label, source.name(),
                    session.speaker(), ds.root());
            while (!session.done()) {
                out.println(session.prompt());
                for (int i = 3; i > 0; i--) {
                    out.print(i + "... ");
                    out.flush();
                    Thread.sleep(400);
                }
                out.println("speak!");
                out.flush();
                recorder.startTake(ds.sampleRate() * ds.clipDurationMs() / 1000, !fullLength);
                Object result = takes.poll(ds.clipDurationMs() + 5000L, TimeUnit.MILLISECONDS);
                if (!(result instanceof AudioClip take)) {
                    spec.commandLine().getErr().println("error: " + (result == null ? "no audio arrived from " + source.name() : result));
                    return 1;
                }
                Clip clip = session.save(take);
                out.printf(Locale.ROOT, "  saved %s (peak %.1f dBFS)%n", clip.relativePath(), 20 * Math.log10(Math.max(take.peak(), 1e-6)));
                Thread.sleep(300);
            }
        }
        out.println(session.prompt());
        out.flush();
        return 0;
    }
}
