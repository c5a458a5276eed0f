package io.kwsstudio.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kwsstudio.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DatasetCommandTest {
    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        CommandLine cl = KwsCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void statsAsJsonAndTable() throws Exception {
        Path root = Fixtures.smallDataset(tmp.resolve("ds"));
        Result r = run("dataset", "stats", root.toString(), "--json");
        assertThat(r.code()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("clips").asInt()).isEqualTo(5);
        assertThat(json.get("labels").get(1).get("label").asText()).isEqualTo("yes");
        assertThat(json.get("labels").get(1).get("clips").asInt()).isEqualTo(3);
        assertThat(json.get("splits").get("testing").asInt()).isEqualTo(1);
        assertThat(json.get("wrong_length").get(0).asText()).contains("no/bd76a7fd_nohash_0.wav");
        assertThat(json.get("background_noise").get("files").asInt()).isEqualTo(1);

        Result table = run("dataset", "stats", root.toString());
        assertThat(table.out()).contains("yes").contains("total").contains("Clips not 1.000 s long: 1");
    }

    @Test
    void checkExitsWithOneAndNamesEachBadFile() throws Exception {
        Path root = Fixtures.smallDataset(tmp.resolve("ds"));
        assertThat(run("dataset", "check", root.toString()).code()).isZero();
        Files.writeString(root.resolve("yes/zz_text.wav"), "hello");
        Files.write(root.resolve("no/zz_short.wav"), new byte[] {'R', 'I', 'F', 'F', 1, 2});
        Result r = run("dataset", "check", root.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out().lines()).hasSize(2).anySatisfy(l -> assertThat(l).contains("zz_text.wav"))
                .anySatisfy(l -> assertThat(l).contains("zz_short.wav"));
    }

    @Test
    void importIntoALabel() throws Exception {
        Path root = Fixtures.smallDataset(tmp.resolve("ds"));
        Path src = Fixtures.writeTone(tmp.resolve("in/take one.wav"), 1, 500);
        Result r = run("dataset", "import", src.toString(), "--into", root.toString(), "--label", "go");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Imported 1 clips");
        assertThat(root.resolve("go/take_one.wav")).exists();

        Result bad = run("dataset", "import", tmp.resolve("nope.wav").toString(), "--into", root.toString(), "--label", "go");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("nope.wav").contains("does not exist");
    }

    @Test
    void missingDatasetIsOneClearLine() {
        Result r = run("dataset", "stats", tmp.resolve("nowhere").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("nowhere").contains("does not exist").doesNotContain("Exception");
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] args : new String[][] {{"--help"}, {"dataset", "--help"}, {"dataset", "stats", "--help"},
                {"dataset", "check", "--help"}, {"dataset", "import", "--help"}, {"studio", "--help"}}) {
            Result r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isZero();
            assertThat(r.out()).contains("Usage:");
        }
    }
}
