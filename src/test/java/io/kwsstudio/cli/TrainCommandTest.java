package io.kwsstudio.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kwsstudio.runs.RunConfig;
import io.kwsstudio.runs.ToneDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TrainCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void trainThenListEvaluatePredictAndTrainAgainFromTheRunsConfig(@TempDir Path tmp) throws Exception {
        Path data = ToneDataset.write(tmp.resolve("tones"), 30, 3, "yes", "no", "up", "cat");
        RunConfig base = ToneDataset.config(20);
        // Features (half-second clips) and the augmentation come from a config file, the rest from options.
        Path cfg = Files.writeString(tmp.resolve("cfg.json"), "{\"features\": " + base.features().toJson()
                + ", \"augment\": " + base.augment().toJson() + "}");
        Path runs = tmp.resolve("runs");
        DatasetCommandTest.Result train = DatasetCommandTest.run("train", data.toString(), "--model", "tiny_conv",
                "--config", cfg.toString(), "--steps", "20", "--lr", "0.005", "--optimizer", "adam", "--batch", "16",
                "--eval-every", "10", "--runs", runs.toString(), "--name", "first", "--json");
        assertThat(train.code()).as(train.err()).isZero();
        JsonNode result = JSON.readTree(train.out());
        assertThat(result.get("status").asText()).isEqualTo("completed");
        assertThat(result.get("steps").asInt()).isEqualTo(20);
        assertThat(result.get("low_memory").asBoolean()).isFalse();
        assertThat(result.at("/validation/labels").toString()).isEqualTo("[\"_silence_\",\"_unknown_\",\"yes\",\"no\",\"up\"]");
        Path runDir = Path.of(result.get("dir").asText());
        assertThat(runDir.getParent()).isEqualTo(runs);
        for (String f : new String[] {"config.json", "run.json", "metrics.csv", "eval.json", "labels.txt", "best.sd", "last.sd"}) {
            assertThat(runDir.resolve(f)).exists();
        }

        DatasetCommandTest.Result list = DatasetCommandTest.run("runs", "list", "--runs", runs.toString());
        assertThat(list.out()).contains("first").contains("completed").contains("20/20").contains("adam · lr 0.005");
        JsonNode listed = JSON.readTree(DatasetCommandTest.run("runs", "list", "--runs", runs.toString(), "--json").out());
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("test_accuracy").asDouble()).isEqualTo(result.at("/test/accuracy").asDouble());

        DatasetCommandTest.Result eval = DatasetCommandTest.run("eval", "first", "--runs", runs.toString(), "--split", "test");
        assertThat(eval.code()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("test split").contains("confusion matrix").contains("precision");
        JsonNode evalJson = JSON.readTree(DatasetCommandTest.run("eval", runDir.toString(), "--json").out());
        assertThat(evalJson.at("/evaluation/accuracy").asDouble()).isEqualTo(result.at("/test/accuracy").asDouble());

        Path yes = Files.list(data.resolve("yes")).findFirst().orElseThrow();
        Path broken = Files.writeString(tmp.resolve("broken.wav"), "RIFF....WAVEjunk");
        DatasetCommandTest.Result predict = DatasetCommandTest.run("predict", runDir.toString(), yes.toString(), broken.toString(),
                "--json");
        assertThat(predict.code()).isEqualTo(1);
        assertThat(predict.err()).contains("broken.wav");
        JsonNode scores = JSON.readTree(predict.out()).get(0);
        assertThat(scores.get("file").asText()).isEqualTo(yes.toString());
        assertThat(scores.get("scores")).hasSize(5);

        // A run's own config.json trains the same setup again (in low-memory mode this time).
        DatasetCommandTest.Result again = DatasetCommandTest.run("train", data.toString(), "--config",
                runDir.resolve("config.json").toString(), "--runs", runs.toString(), "--low-memory", "--json");
        assertThat(again.code()).as(again.err()).isZero();
        JsonNode second = JSON.readTree(again.out());
        assertThat(second.get("steps").asInt()).isEqualTo(20);
        assertThat(second.get("low_memory").asBoolean()).isTrue();
        assertThat(JSON.readTree(Files.readString(Path.of(second.get("dir").asText()).resolve("config.json"))).get("training"))
                .isEqualTo(JSON.readTree(Files.readString(runDir.resolve("config.json"))).get("training"));
    }

    @Test
    void modelsListsEveryZooModelWithItsCost() throws Exception {
        DatasetCommandTest.Result text = DatasetCommandTest.run("models");
        assertThat(text.out()).contains("input 98x40").contains("conv").contains("ds_cnn_l").contains("926,860");
        JsonNode json = JSON.readTree(DatasetCommandTest.run("models", "--labels", "4", "--json").out());
        assertThat(json).hasSize(8);
        assertThat(json.get(0).get("model").asText()).isEqualTo("single_fc");
        assertThat(json.get(0).get("parameters").asLong()).isEqualTo(98 * 40 * 4 + 4);
    }

    @Test
    void clearErrorsForAMissingDatasetOrRun(@TempDir Path tmp) {
        DatasetCommandTest.Result r = DatasetCommandTest.run("eval", "nothing-here", "--runs", tmp.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no run \"nothing-here\"");
        DatasetCommandTest.Result t = DatasetCommandTest.run("train", tmp.resolve("missing").toString());
        assertThat(t.code()).isEqualTo(2);
        assertThat(t.err()).contains("missing");
    }
}
