package io.kwsstudio.train;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OpProfileTest {

    @Test
    void countsEveryOpTypeThatRuns() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, 2, 3);
        SDVariable w = sd.var("w", Nd4j.ones(DataType.FLOAT, 3, 4));
        sd.nn().relu("out", x.mmul(w), 0);
        OpProfile profile = new OpProfile();
        sd.addListeners(profile);
        for (int i = 0; i < 3; i++) {
            sd.output(Map.of("x", Nd4j.rand(DataType.FLOAT, 2, 3)), "out");
        }
        String table = profile.table();
        assertThat(table).startsWith("SameDiff op time:");
        assertThat(table).containsPattern("3 calls  matmul").containsPattern("3 calls  relu");
    }
}
