package io.kwsstudio.ui.runs;

import io.kwsstudio.runs.EvalReport;
import io.kwsstudio.runs.HyperParameters;
import io.kwsstudio.runs.MetricRow;
import io.kwsstudio.runs.Run;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** What the compare view shows of one run, read from its folder off the FX thread. */
record RunDetails(Run run, List<MetricRow> metrics, EvalReport evaluation, Map<String, String> settings) {

    static RunDetails read(Run run) throws IOException {
        return new RunDetails(run, run.metrics(), run.evaluation().orElse(null), HyperParameters.flatten(run.config()));
    }
}
